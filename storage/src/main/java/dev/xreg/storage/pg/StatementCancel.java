package dev.xreg.storage.pg;

import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on one pooled connection that stops when its client goes away (issue 15: a slow filtered
 * page ran on in PostgreSQL for seconds after wrk had closed the connection, and a hostile client
 * could repeat that at will). On {@link Cancellation#cancel()} the statement running on the
 * connection is cancelled with PostgreSQL's cancel request (a second socket carrying the
 * backend's key, {@link PgConnection#cancelRequest()}), so the work fails and ends (rolling back
 * whatever transaction it holds) and the connection goes back to the pool.
 *
 * <p>The connection is handed back only once the cancel request has been delivered: PostgreSQL
 * cancels whatever the backend runs when the signal lands, and that must not be the next
 * borrower's statement. A backend that is idle when it lands ignores it.
 */
final class StatementCancel {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCancel.class);

  /** Whether the work still holds the connection, and the cancel request sent for it, if any. */
  private boolean active = true;
  private Future<Void> sent;

  private StatementCancel() {
  }

  /** Runs {@code work} on {@code conn}; fails with {@link #cancelled} if {@code cancellation} fires meanwhile. */
  static <T> Future<T> around(SqlConnection conn, Cancellation cancellation, Supplier<Future<T>> work) {
    if (cancellation == Cancellation.NONE) {
      return work.get();
    }
    if (cancellation.isCancelled()) { // abandoned while it waited for a connection: nothing to run
      LOG.info("event=request_cancelled subject=\"{}\" backend_pid=none reason=client_closed_before_start",
          cancellation.subject());
      return Future.failedFuture(cancelled(cancellation, null));
    }
    StatementCancel state = new StatementCancel();
    PgConnection pg = PgConnection.cast(conn);
    Cancellation.Registration registration = cancellation.onCancel(() -> state.send(pg, cancellation));
    Future<T> done;
    try {
      done = work.get();
    } catch (RuntimeException thrown) {
      done = Future.failedFuture(thrown);
    }
    return done.transform(ar -> {
      registration.remove();
      Future<Void> pending = state.finish();
      Future<Void> delivered = pending == null ? Future.succeededFuture() : pending.otherwiseEmpty();
      return delivered.transform(x -> {
        if (ar.succeeded()) {
          return Future.succeededFuture(ar.result());
        }
        return Future.failedFuture(cancellation.isCancelled() ? cancelled(cancellation, ar.cause()) : ar.cause());
      });
    });
  }

  private synchronized void send(PgConnection pg, Cancellation cancellation) {
    if (!active || sent != null) {
      return; // finished before the cancellation got here: the connection may already serve another read
    }
    LOG.info("event=request_cancelled subject=\"{}\" backend_pid={} reason=client_closed", cancellation.subject(),
        pg.processId());
    sent = pg.cancelRequest().onFailure(err -> LOG.warn("event=cancel_request_failed subject=\"{}\" cause={}",
        cancellation.subject(), err.toString()));
  }

  /** The work is over; the cancel request still on its way, if one was sent. */
  private synchronized Future<Void> finish() {
    active = false;
    return sent;
  }

  /** What a read abandoned by its client fails with: nobody sees it, and it is no storage incident. */
  static EngineFailure cancelled(Cancellation cancellation, Throwable cause) {
    return new EngineFailure(FailureKind.BUSY, cancellation.subject(),
        "the client closed the connection before the answer; its read was cancelled", cause);
  }
}
