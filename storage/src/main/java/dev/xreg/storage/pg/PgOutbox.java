package dev.xreg.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Writes an OCI or App Registry change to the change feed inside the caller's transaction (the
 * outbox: the event commits with the change or not at all), as a row with its CloudEvents
 * {@code type}, {@code subject} (in {@code xid}) and {@code data}. The operation column keeps
 * its meaning (created, updated, deleted) for readers that only look at it.
 */
public final class PgOutbox {
  private static final String APPEND = "INSERT INTO change_log (xid, operation, type, data)"
      + " VALUES ($1, $2, $3, $4::text::jsonb)";

  private PgOutbox() {
  }

  /** {@code operation}: {@code 'C'}, {@code 'U'} or {@code 'D'} ({@link dev.xreg.storage.feed.Change}). */
  public static Future<Void> append(SqlConnection conn, char operation, String type, String subject, JsonObject data) {
    return conn.preparedQuery(APPEND)
        .execute(Tuple.of(subject, String.valueOf(operation), type, data == null ? null : data.encode()))
        .mapEmpty();
  }
}
