package dev.xreg.storage;

import java.net.ConnectException;

/**
 * Tells failures of the database (unreachable, connection lost, a statement the server
 * refused) from bugs, so that a client is told the truth: the data could not be retrieved
 * (CORE-GEN-003, {@code data_retrieval_error}), and nothing was changed.
 */
public final class DatabaseFailures {
  private DatabaseFailures() {
  }

  public static boolean isDatabaseFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
      String name = t.getClass().getName();
      if (name.startsWith("io.vertx.pgclient.") || name.startsWith("io.vertx.sqlclient.")) {
        return true;
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("Connection refused") || message.contains("connection closed")
          || message.contains("Connection reset")) {
        return true;
      }
    }
    return false;
  }
}
