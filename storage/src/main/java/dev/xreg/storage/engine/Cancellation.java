package dev.xreg.storage.engine;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The word from the HTTP side that nobody waits for a command's answer any more: its client
 * closed the connection (or reset the stream) before the reply (issue 15). It travels with the
 * command by reference ({@link LocalCodec}), so no event-bus address or request registry is
 * needed: the storage side registers what to do while it holds a database connection (cancel
 * the running statement), and the HTTP side calls {@link #cancel()} from its close handler.
 *
 * <p>Thread-safe: cancelled on an HTTP event loop, listened to on the storage verticle's; each
 * action runs on the context that registered it, so a connection is only touched from its own.
 */
public final class Cancellation {
  /** For commands no client can abandon (startup, internal work): never cancelled. */
  public static final Cancellation NONE = new Cancellation("-");

  private final String subject;
  private final List<Registered> actions = new ArrayList<>(2);
  private boolean cancelled;

  /** @param subject what the request was about ({@code GET /dirs/d1/files}), for the log line */
  public Cancellation(String subject) {
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }

  /** Cancels: runs every registered action once; later registrations run at once. Idempotent. */
  public void cancel() {
    if (this == NONE) {
      return;
    }
    List<Registered> now;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      now = new ArrayList<>(actions);
      actions.clear();
    }
    now.forEach(Registered::run);
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code action} (on the calling context) when this is cancelled, right away if it
   * already is; {@link Registration#remove()} once the work it would stop is done.
   */
  public Registration onCancel(Runnable action) {
    Registered r = new Registered(Vertx.currentContext(), action);
    if (this == NONE) {
      return () -> { };
    }
    synchronized (this) {
      if (!cancelled) {
        actions.add(r);
        return () -> {
          synchronized (this) {
            actions.remove(r);
          }
        };
      }
    }
    r.run();
    return () -> { };
  }

  /** Undoes an {@link #onCancel} registration. */
  @FunctionalInterface
  public interface Registration {
    void remove();
  }

  private record Registered(Context context, Runnable action) {
    void run() {
      if (context == null || Vertx.currentContext() == context) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }
  }
}
