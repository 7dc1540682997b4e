package dev.xreg.storage.pg;

import dev.xreg.storage.Snapshot;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.engine.Cancellation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * A {@link Snapshot} on PostgreSQL: one connection in a {@code REPEATABLE READ READ ONLY}
 * transaction, whose snapshot is taken by its first statement and kept until it ends, as
 * {@code pg_dump} reads a database. Read only, so it never fails with a serialization error.
 */
final class PgSnapshot implements Snapshot {
  /** Must be the first statement of the transaction (SET TRANSACTION), before any query takes the snapshot. */
  static final String ISOLATION = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

  private final SqlConnection conn;
  private final Transaction tx;
  private final PgRegistryStore store;
  private volatile boolean closed;

  private PgSnapshot(SqlConnection conn, Transaction tx, PgRegistryStore store) {
    this.conn = conn;
    this.tx = tx;
    this.store = store;
  }

  static Future<Snapshot> open(Pool pool, PgRegistryStore store) {
    return pool.getConnection().compose(conn -> conn.begin()
        .compose(tx -> conn.query(ISOLATION).execute()
            // the first read fixes the snapshot now, not at the first chunk's read
            .compose(v -> conn.query("SELECT 1").execute())
            .map(v -> (Snapshot) new PgSnapshot(conn, tx, store)))
        .recover(err -> conn.close().transform(x -> Future.failedFuture(err))));
  }

  @Override
  public <T> Future<T> read(Function<StoreTx, Future<T>> work) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the snapshot is closed"));
    }
    return work.apply(new PgStoreTx(conn, store));
  }

  @Override
  public <T> Future<T> read(Cancellation cancellation, Function<StoreTx, Future<T>> work) {
    return StatementCancel.around(conn, cancellation, () -> read(work));
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    // nothing was written: ROLLBACK ends it as well as COMMIT would, and cannot fail on a conflict
    return tx.rollback().transform(ar -> conn.close());
  }
}
