package dev.xreg.storage.pg;

import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under change notices (issue 15): every poll interval, reads which entities the
 * transactions that committed since the last poll wrote ({@code change_log}, any node's) and
 * reports them to {@link Invalidations}. A notice is sent after its transaction commits, so one
 * can be lost (the node dies in between, the sender's connection is down); this bounds how long
 * another node may then answer from a stale cache: one interval plus one query. Dropping an
 * entry twice (notice and tail) is harmless.
 *
 * <p>"Committed since the last poll" is exact without following the feed's settled position
 * ({@code pg_snapshot_xmin}, which one long import would hold back for its whole run): each poll
 * keeps PostgreSQL's current snapshot, and the next one reads the rows of the transactions that
 * snapshot did not see and the statement's own snapshot does (the ones still running are in the
 * new snapshot's in-progress list, so the poll after sees them). A running transaction's rows are
 * never walked (see {@link #POLL}), so a long import costs the polls on every node nothing.
 *
 * <p>Trimming ({@code XREG_EVENTS_RETENTION_SECONDS}, which may be 0) can delete a transaction's
 * rows before a node's next poll reads them. The poll then sees the trimmed mark at or past its
 * previous snapshot's oldest unread transaction, and reports everything changed: with a
 * retention of a day that never happens; with 0, a node drops its cache rather than keep an
 * entry the feed no longer names.
 */
final class ChangeFeedTail {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedTail.class);
  /** Rows read per poll; at this many, the poll reports "everything" (an import, a burst). */
  static final int MAX_ROWS = 1_000;
  /**
   * $1: the snapshot of the previous poll, $2: the row limit per part. Answers the snapshot to keep
   * and the rows' names: an xRegistry entity's xid (starts with {@code /}) or another API's event
   * subject ({@code repo@digest}, {@code repo:tag}, {@code ns/pkg:release},
   * {@code ns/pkg/channels/name}; see {@link #name}).
   *
   * <p>Two parts, each made of ordered walks of {@code change_log_tx} that a LIMIT stops. The first
   * reads the transactions that started after the previous snapshot and had committed by this
   * one: the {@code tx} range from the previous snapshot's xmax to this one's, cut into open
   * intervals at each transaction this snapshot sees running, so no walk ever enters a running
   * transaction's rows (MVCC hides them, but an index walk still visits each one: a running
   * import's million rows at every poll). The second looks up, one index range per transaction,
   * those the previous snapshot saw running that have committed since.
   *
   * <p>Planned for its values at each execution ({@link FilterSql#PLANNED_PER_VALUE}): a generic
   * plan cannot see how narrow the ranges are. Each walk is by {@code tx}: after an import the
   * statistics say one {@code tx} value matches millions of rows, and a plain
   * {@code tx = ANY(...)} was planned as a sequential scan of the whole feed at every poll (found in
   * the 2026-12-05 bench).
   */
  static final String POLL = FilterSql.PLANNED_PER_VALUE + " WITH bound AS ("
      + "SELECT x::text::bigint AS b FROM pg_snapshot_xip(pg_current_snapshot()) AS x"
      + " WHERE x >= pg_snapshot_xmax($1::text::pg_snapshot)"
      + " UNION SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint),"
      + " gap AS (SELECT lag(b, 1, pg_snapshot_xmax($1::text::pg_snapshot)::text::bigint - 1) OVER (ORDER BY b) AS lo,"
      + " b AS hi FROM bound)"
      + " SELECT pg_current_snapshot()::text AS seen, ARRAY("
      + "(SELECT c.xid FROM gap, LATERAL (SELECT c.xid FROM change_log c"
      + " WHERE c.tx > gap.lo::text::xid8 AND c.tx < gap.hi::text::xid8 ORDER BY c.tx, c.seq LIMIT $2) c"
      + " WHERE gap.hi > gap.lo + 1 LIMIT $2)"
      + " UNION ALL (SELECT c.xid FROM pg_snapshot_xip($1::text::pg_snapshot) AS x,"
      + " LATERAL (SELECT c.xid FROM change_log c WHERE c.tx = x ORDER BY c.seq LIMIT $2) c"
      + " WHERE pg_xact_status(x) = 'committed' LIMIT $2)) AS xids,"
      + " coalesce((SELECT t.through >= pg_snapshot_xmin($1::text::pg_snapshot) FROM change_log_trim t WHERE t.id = 1),"
      + " false) AS trimmed_unread";
  /** The first poll: only where to start from. */
  static final String START = "SELECT pg_current_snapshot()::text AS seen, ARRAY[]::text[] AS xids,"
      + " false AS trimmed_unread";

  /**
   * The change name under which OCI and App Registry writes tell node caches which repository
   * they changed ({@code storage.oci.RepositoryChanges.PREFIX}, the same text: this package may
   * not depend on that one, which depends on it; {@code ChangeFeedTailTest} checks they agree).
   * Those names reach other nodes only in notices, not as change-feed rows, so the tail derives
   * them from the same transaction's event rows.
   */
  static final String REPOSITORY_PREFIX = "/-/oci/";

  private final Vertx vertx;
  private final Pool pool;
  private final Invalidations invalidations;
  private final long intervalMs;
  private String seen;
  private long timer = -1;
  private volatile boolean stopped;

  ChangeFeedTail(Vertx vertx, Pool pool, Invalidations invalidations, long intervalMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.invalidations = invalidations;
    this.intervalMs = intervalMs;
  }

  /** Takes the first snapshot now, then polls every interval (the next poll is timed from the end of the last). */
  void start() {
    loop();
  }

  private void loop() {
    poll().onComplete(ar -> {
      if (!stopped) {
        timer = vertx.setTimer(intervalMs, id -> loop());
      }
    });
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** One poll: reports what committed since the last one; a failed poll keeps the old snapshot (retried next time). */
  Future<Void> poll() {
    if (stopped) {
      return Future.succeededFuture();
    }
    Future<io.vertx.sqlclient.RowSet<Row>> polled = seen == null ? pool.preparedQuery(START).execute()
        : pool.preparedQuery(POLL).execute(Tuple.of(seen, MAX_ROWS));
    return polled
        .<Void>map(rs -> {
          Row r = rs.iterator().next();
          String[] xids = r.getArrayOfStrings("xids");
          if (r.getBoolean("trimmed_unread")) {
            LOG.info("event=change_feed_tail_trimmed_unread detail=\"rows trimmed before this node read them: cache dropped\"");
            invalidations.committed(Changed.EVERYTHING);
          } else if (xids != null && xids.length > 0) {
            LOG.debug("event=change_feed_tail_changes rows={}", xids.length);
            invalidations.committed(changed(xids));
          }
          seen = r.getString("seen");
          return null;
        })
        .onFailure(err -> LOG.warn("event=change_feed_tail_failed cause={}", String.valueOf(err)));
  }

  /** {@code row}'s change name: an xid as it is; an event subject as the change name of its repository. */
  static String name(String row) {
    if (row.startsWith("/")) {
      return row;
    }
    int channels = row.indexOf("/channels/");
    int at = row.indexOf('@');
    int end = channels >= 0 ? channels : at >= 0 ? at : row.lastIndexOf(':');
    return REPOSITORY_PREFIX + (end >= 0 ? row.substring(0, end) : row);
  }

  private static Changed changed(String[] xids) {
    if (xids.length >= MAX_ROWS) {
      return Changed.EVERYTHING;
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (String x : xids) {
      distinct.add(name(x));
    }
    return distinct.size() > ChangeNotice.MAX_XIDS ? Changed.EVERYTHING : Changed.of(distinct);
  }
}
