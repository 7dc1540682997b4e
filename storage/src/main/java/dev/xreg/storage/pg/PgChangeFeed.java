package dev.xreg.storage.pg;

import dev.xreg.storage.feed.Change;
import dev.xreg.storage.feed.ChangeFeed;
import dev.xreg.storage.feed.ChangeSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link ChangeFeed} on the {@code change_log} table (migrations V1, V2, V7, V10). */
final class PgChangeFeed implements ChangeFeed {
  /** Transactions below the oldest running one are finished: their rows are final (see {@link ChangeFeed}). */
  private static final String SETTLED = "tx < pg_snapshot_xmin(pg_current_snapshot())";
  static final String AFTER = "WITH t AS (SELECT DISTINCT tx FROM change_log WHERE tx > $1::text::xid8 AND " + SETTLED
      + " ORDER BY tx LIMIT $2)"
      + " SELECT c.tx::text AS tx, c.seq, c.xid, c.epoch, c.operation, c.changed, c.at, c.correlation, c.type, c.data::text AS data"
      + " FROM change_log c JOIN t ON c.tx = t.tx ORDER BY c.tx, c.seq";
  /** xid8 has no max(): the last entry of the (tx, seq) index instead. */
  static final String HEAD = "SELECT coalesce((SELECT tx::text FROM change_log WHERE " + SETTLED
      + " ORDER BY tx DESC LIMIT 1), '0') AS tx";

  /** Serializes trimming across nodes ("xrtrim"): a second node skips the round instead of deleting the same rows. */
  static final long TRIM_LOCK = 0x78727472696dL;
  /**
   * One batch: the oldest rows below every subscription's position and older than the retention,
   * deleted in (tx, seq) order; the newest deleted transaction becomes the trimmed mark (xid8 has
   * no max(), so the greatest by ORDER BY). $1: retention in ms, $2: batch size.
   */
  static final String TRIM = "WITH d AS (DELETE FROM change_log WHERE seq IN (SELECT seq FROM change_log"
      + " WHERE at < now() - $1 * interval '1 millisecond'"
      + " AND tx < coalesce((SELECT after_tx FROM event_subscription ORDER BY after_tx LIMIT 1),"
      + " pg_snapshot_xmin(pg_current_snapshot()))"
      + " ORDER BY tx, seq LIMIT $2) RETURNING tx),"
      + " mark AS (INSERT INTO change_log_trim (id, through) SELECT 1, tx FROM d ORDER BY tx DESC LIMIT 1"
      + " ON CONFLICT (id) DO UPDATE SET through = CASE WHEN excluded.through > change_log_trim.through"
      + " THEN excluded.through ELSE change_log_trim.through END)"
      + " SELECT count(*) AS n FROM d";

  private final Pool pool;

  PgChangeFeed(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<ChangeSet>> after(String after, int max) {
    return pool.preparedQuery(AFTER).execute(Tuple.of(after == null ? "0" : after, max)).map(rs -> {
      List<ChangeSet> out = new ArrayList<>();
      String tx = null;
      Instant at = null;
      String correlation = null;
      List<Change> changes = new ArrayList<>();
      for (Row r : rs) {
        String rowTx = r.getString("tx");
        if (!rowTx.equals(tx)) {
          if (tx != null) {
            out.add(new ChangeSet(tx, at, correlation, changes));
          }
          tx = rowTx;
          at = r.getOffsetDateTime("at").toInstant();
          correlation = r.getString("correlation");
          changes = new ArrayList<>();
        }
        String[] changed = r.getArrayOfStrings("changed");
        changes.add(new Change(r.getLong("seq"), r.getString("xid"), r.getLong("epoch"),
            r.getString("operation").charAt(0), changed == null ? null : Arrays.asList(changed), r.getString("type"),
            r.getString("data")));
      }
      if (tx != null) {
        out.add(new ChangeSet(tx, at, correlation, changes));
      }
      return out;
    });
  }

  @Override
  public Future<Long> countAfter(String after, int cap) {
    return pool.preparedQuery("SELECT count(*) AS n FROM (SELECT 1 FROM change_log WHERE tx > $1::text::xid8 AND "
            + SETTLED + " LIMIT $2) c")
        .execute(Tuple.of(after == null ? "0" : after, cap)).map(rs -> rs.iterator().next().getLong("n"));
  }

  @Override
  public Future<Integer> trim(Duration retention, int batch) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS held")
        .execute(Tuple.of(TRIM_LOCK))
        .compose(rs -> !rs.iterator().next().getBoolean("held") ? Future.succeededFuture(0)
            : conn.preparedQuery(TRIM).execute(Tuple.of(retention.toMillis(), batch))
                .map(r -> r.iterator().next().getLong("n").intValue())));
  }

  @Override
  public Future<String> trimmedThrough() {
    return pool.query("SELECT coalesce((SELECT through::text FROM change_log_trim WHERE id = 1), '0') AS tx").execute()
        .map(rs -> rs.iterator().next().getString("tx"));
  }

  @Override
  public Future<String> head() {
    return pool.query(HEAD).execute().map(rs -> rs.iterator().next().getString("tx"));
  }
}
