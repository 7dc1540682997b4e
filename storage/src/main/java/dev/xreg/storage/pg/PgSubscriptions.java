package dev.xreg.storage.pg;

import dev.xreg.storage.events.Subscription;
import dev.xreg.storage.events.Subscriptions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** {@link Subscriptions} on the {@code event_subscription} table (V7, its owner V11). */
final class PgSubscriptions implements Subscriptions {
  private static final String COLUMNS = "id, definition::text AS definition, after_tx::text AS after_tx, after_index,"
      + " status, attempts, next_attempt_at, last_error, validated, delivered, createdat, modifiedat,"
      + " owner::text AS owner";
  /** The newest transaction readers may see ({@link PgChangeFeed#HEAD}): a new subscription starts after it. */
  private static final String HEAD_TX = "coalesce((SELECT tx FROM change_log WHERE"
      + " tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx DESC LIMIT 1), '0'::xid8)";
  static final String LEASE = "UPDATE event_subscription s SET lease_owner = $1,"
      + " lease_until = now() + $3 * interval '1 millisecond'"
      + " WHERE s.id IN (SELECT id FROM event_subscription WHERE status = 'active' AND next_attempt_at <= now()"
      + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
      + " RETURNING " + COLUMNS;

  private final Pool pool;

  PgSubscriptions(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Subscription> create(String id, String definition, String owner) {
    return pool.preparedQuery("INSERT INTO event_subscription (id, definition, after_tx, after_index, owner)"
            + " VALUES ($1, $2::text::jsonb, " + HEAD_TX + ", " + Subscription.WHOLE_TRANSACTION + ", $3::text::jsonb)"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, definition, owner)).map(PgSubscriptions::first);
  }

  @Override
  public Future<Subscription> get(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM event_subscription WHERE id = $1").execute(Tuple.of(id))
        .map(PgSubscriptions::first);
  }

  @Override
  public Future<List<Subscription>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM event_subscription ORDER BY id").execute()
        .map(PgSubscriptions::all);
  }

  @Override
  public Future<Subscription> update(String id, String definition) {
    return pool.preparedQuery("UPDATE event_subscription SET definition = $2::text::jsonb, status = 'active',"
            + " attempts = 0, next_attempt_at = now(), last_error = NULL, validated = false, modifiedat = now()"
            + " WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, definition)).map(PgSubscriptions::first);
  }

  @Override
  public Future<Subscription> delete(String id) {
    return pool.preparedQuery("DELETE FROM event_subscription WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id)).map(PgSubscriptions::first);
  }

  @Override
  public Future<List<Subscription>> lease(String owner, int max, Duration lease) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(owner, max, lease.toMillis())).map(PgSubscriptions::all);
  }

  @Override
  public Future<Boolean> record(String id, String owner, String afterTx, int afterIndex, int attempts,
      Instant nextAttemptAt, String status, String lastError, boolean validated, long deliveredMore) {
    return pool.preparedQuery("UPDATE event_subscription SET after_tx = $3::text::xid8, after_index = $4,"
            + " attempts = $5, next_attempt_at = $6, status = $7, last_error = $8, validated = $9,"
            + " delivered = delivered + $10, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = $1 AND lease_owner = $2")
        .execute(Tuple.from(new Object[] {id, owner, afterTx, afterIndex, attempts,
            nextAttemptAt.atOffset(ZoneOffset.UTC), status, lastError, validated, deliveredMore}))
        .map(rs -> rs.rowCount() == 1);
  }

  @Override
  public Future<Integer> release(String owner) {
    return pool.preparedQuery("UPDATE event_subscription SET lease_owner = NULL, lease_until = NULL"
            + " WHERE lease_owner = $1")
        .execute(Tuple.of(owner)).map(RowSet::rowCount);
  }

  private static Subscription first(RowSet<Row> rs) {
    return rs.size() == 0 ? null : subscription(rs.iterator().next());
  }

  private static List<Subscription> all(RowSet<Row> rs) {
    List<Subscription> out = new ArrayList<>(rs.size());
    rs.forEach(r -> out.add(subscription(r)));
    return out;
  }

  private static Subscription subscription(Row r) {
    return new Subscription(r.getString("id"), r.getString("definition"), r.getString("after_tx"),
        r.getInteger("after_index"), r.getString("status"), r.getInteger("attempts"), instant(r, "next_attempt_at"),
        r.getString("last_error"), r.getBoolean("validated"), r.getLong("delivered"), instant(r, "createdat"),
        instant(r, "modifiedat"), r.getString("owner"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
