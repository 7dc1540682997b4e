package dev.xreg.storage.pg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.Json;
import dev.xreg.core.model.Model;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.Snapshot;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.events.Subscriptions;
import dev.xreg.storage.feed.ChangeFeed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RegistryStore} on PostgreSQL through the reactive vertx-pg-client. */
public final class PgRegistryStore implements RegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(PgRegistryStore.class);
  /** Ordered migrations; each runs once, recorded in {@code xreg_schema_version}. */
  private static final List<String> MIGRATIONS = List.of("V1__registry_tree.sql", "V2__paging_and_feed.sql",
      "V3__lookups.sql", "V4__oci.sql", "V5__oci_gc.sql", "V6__cnr.sql", "V7__events.sql",
      "V8__entity_counts.sql", "V9__version_filter_indexes.sql", "V10__events_delivery.sql",
      "V11__subscription_owner.sql", "V12__hot_entity_updates.sql",
      "V13__default_version_filter_columns.sql", "V14__default_copies_planned_per_call.sql");
  private static final long MIGRATION_LOCK = 0x78726567L; // "xreg"
  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "23505");
  private static final int MAX_ATTEMPTS = 10;
  /** Upper bound of the random pause before retry n: min(2^n, 64) ms, so contenders spread out. */
  private static final long MAX_BACKOFF_MS = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final String registryId;
  private final Pool pool;
  /** Connections of {@link Snapshot}s only: a long export never takes one a request needs. */
  private final Pool snapshotPool;
  private volatile byte[] cursorSecret;
  private final ChangeFeed feed;
  private final Subscriptions subscriptions;
  /** This node's caches of engine answers (issue 15), told of every committed write. */
  private final Invalidations invalidations;
  private final RegistryRowCache registryRow;
  /** Tells other nodes what each committed write changed, after its commit (issue 15, W1/W2). */
  private final ChangeNoticeSender notices;
  private volatile boolean noticesSent = true;
  private volatile boolean registryRowCached = true;
  /** The last model parsed, by its source text: the model changes rarely, requests read it always. */
  private final AtomicReference<CachedModel> model = new AtomicReference<>(new CachedModel("{}", Model.empty()));
  /**
   * The capabilities in force for the stored text read last: {@code {}} stands for the server's
   * defaults, and building those was a tenth of an uncached GET's JVM time (issue 15, R1-miss).
   */
  private final AtomicReference<CachedCapabilities> capabilities = new AtomicReference<>();

  public PgRegistryStore(Vertx vertx, PgConnectOptions connect, int poolSize) {
    this(vertx, connect, poolSize, dev.xreg.storage.StorageOptions.DEFAULT_MAX_SNAPSHOTS);
  }

  /** @param snapshots how many {@link Snapshot}s may be open at once (each holds a connection) */
  public PgRegistryStore(Vertx vertx, PgConnectOptions connect, int poolSize, int snapshots) {
    this(vertx, connect, poolSize, snapshots, dev.xreg.storage.StorageOptions.DEFAULT_REGISTRY_ID);
  }

  /** @param registryId the {@code registryid} the registry row gets when {@link #migrate()} creates it */
  public PgRegistryStore(Vertx vertx, PgConnectOptions connect, int poolSize, int snapshots, String registryId) {
    this.registryId = registryId;
    this.vertx = vertx;
    this.pool = pool(vertx, connect, poolSize, "xreg-pg");
    this.snapshotPool = pool(vertx, connect, snapshots, "xreg-pg-snapshot");
    this.feed = new PgChangeFeed(pool);
    this.subscriptions = new PgSubscriptions(pool);
    this.invalidations = Invalidations.of(vertx);
    this.registryRow = new RegistryRowCache(invalidations);
    this.notices = ChangeNoticeSender.connectingTo(vertx, connect);
  }

  /**
   * Whether committed writes are announced to other nodes ({@code StorageOptions#isChangeNoticesSent});
   * without, other nodes see them only through their change-feed tail.
   */
  public PgRegistryStore changeNoticesSent(boolean on) {
    this.noticesSent = on;
    return this;
  }

  /** The registry row plain reads share (issue 15); null when switched off. */
  RegistryRowCache registryRow() {
    return registryRowCached ? registryRow : null;
  }

  /** Switches the registry row cache on or off ({@code StorageOptions#isRegistryRowCached}). */
  public PgRegistryStore registryRowCached(boolean on) {
    this.registryRowCached = on;
    return this;
  }

  private static Pool pool(Vertx vertx, PgConnectOptions connect, int size, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName(name).setShared(false))
        // Every statement is a fixed text with parameters: prepare once per connection. Except a
        // ?filter with a wildcard: PostgreSQL may switch a named statement to one generic plan,
        // which walks the whole collection for a LIKE (FilterSql.PLANNED_PER_VALUE); unnamed, it
        // is planned for its pattern at each execution.
        // the metrics name tells this pool's vertx_sql_* meters from the other clients' (Label.NAMESPACE)
        .connectingTo(new PgConnectOptions(connect).setMetricsName(name)
            .setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512)
            .setPreparedStatementCacheSqlFilter(sql -> PgConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER.test(sql)
                && !sql.contains(FilterSql.PLANNED_PER_VALUE)))
        .using(vertx)
        .build();
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public Future<Void> migrate() {
    return vertx.<List<String>>executeBlocking(() -> MIGRATIONS.stream().map(PgRegistryStore::resource).toList())
        .compose(scripts -> pool.withTransaction(conn -> conn
            .query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")").execute()
            .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS xreg_schema_version (version int PRIMARY KEY,"
                + " applied_at timestamptz NOT NULL DEFAULT now())").execute())
            .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM xreg_schema_version").execute())
            .compose(rs -> applyFrom(conn, rs.iterator().next().getInteger("v"), scripts))
            .compose(v -> createRegistryRow(conn))
            .compose(v -> loadCursorSecret(conn))));
  }

  private Future<Void> loadCursorSecret(SqlConnection conn) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return conn.preparedQuery("INSERT INTO xreg_secret (name, value) VALUES ('cursor', $1) ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(Buffer.buffer(fresh)))
        .compose(v -> conn.query("SELECT value FROM xreg_secret WHERE name = 'cursor'").execute())
        .map(rs -> {
          cursorSecret = rs.iterator().next().getBuffer("value").getBytes();
          return null;
        });
  }

  @Override
  public byte[] cursorSecret() {
    byte[] s = cursorSecret;
    if (s == null) {
      throw new IllegalStateException("cursorSecret() before migrate() completed");
    }
    return s.clone();
  }

  private Future<Void> applyFrom(SqlConnection conn, int current, List<String> scripts) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = current; i < scripts.size(); i++) {
      int version = i + 1;
      String sql = scripts.get(i);
      chain = chain.compose(v -> conn.query(sql).execute())
          .compose(v -> conn.preparedQuery("INSERT INTO xreg_schema_version (version) VALUES ($1)")
              .execute(Tuple.of(version)))
          .map(v -> {
            LOG.info("event=migration_applied version={}", version);
            return null;
          });
    }
    return chain;
  }

  /**
   * Creates the registry row with the configured ID on an empty database. The ID is immutable
   * (spec.md {@code <SINGULAR>id}): when a later start is configured with another one, the stored
   * ID stays and a warning says so (docs/spec-decisions.md).
   */
  private Future<Void> createRegistryRow(SqlConnection conn) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Capabilities '{}' mean "the server's defaults" (see PgStoreTx#capabilities).
    return conn.preparedQuery("INSERT INTO registry (id, registryid, epoch, createdat, modifiedat, capabilities)"
            + " VALUES (1, $2, 1, $1, $1, '{}') ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(now, registryId))
        .compose(v -> conn.query("SELECT registryid FROM registry WHERE id = 1").execute())
        .map(rs -> {
          String stored = rs.iterator().next().getString("registryid");
          if (!stored.equals(registryId)) {
            LOG.warn("event=registry_id_kept stored={} configured={} reason=registryid_is_immutable", stored,
                registryId);
          }
          return null;
        });
  }

  @Override
  public <T> Future<T> read(Function<StoreTx, Future<T>> work) {
    return read(Cancellation.NONE, work);
  }

  @Override
  public <T> Future<T> read(Cancellation cancellation, Function<StoreTx, Future<T>> work) {
    return pool.withConnection(conn -> StatementCancel.around(conn, cancellation,
        () -> work.apply(new PgStoreTx(conn, this, true))));
  }

  @Override
  public <T> Future<T> readSnapshot(Function<StoreTx, Future<T>> work) {
    return readSnapshot(Cancellation.NONE, work);
  }

  @Override
  public <T> Future<T> readSnapshot(Cancellation cancellation, Function<StoreTx, Future<T>> work) {
    // the rollback is inside what a cancellation waits for: the connection goes back clean
    return pool.withConnection(conn -> StatementCancel.around(conn, cancellation, () -> conn.begin()
        .compose(tx -> conn.query(PgSnapshot.ISOLATION).execute()
            .compose(v -> work.apply(new PgStoreTx(conn, this)))
            .transform(ar -> tx.rollback().transform(x -> ar.succeeded() ? Future.succeededFuture(ar.result())
                : Future.<T>failedFuture(ar.cause()))))));
  }

  @Override
  public Future<Snapshot> openSnapshot() {
    return PgSnapshot.open(snapshotPool, this);
  }

  @Override
  public <T> Future<T> inTransaction(Function<StoreTx, Future<T>> work) {
    return inTransaction(null, work);
  }

  @Override
  public <T> Future<T> inTransaction(String correlationId, Function<StoreTx, Future<T>> work) {
    return attempt(correlationId, work::apply, 1);
  }

  /**
   * Like {@link #inTransaction}, for a store of another API whose own tables change in the same
   * transaction as the entity tree (the OCI store and its xRegistry view): {@code work} gets the
   * connection for its SQL and a {@link StoreTx} on it, and is retried as a whole on conflicts.
   */
  public <T> Future<T> inTransactionWithConnection(BiFunction<SqlConnection, StoreTx, Future<T>> work) {
    return inTransactionWithConnection(null, work);
  }

  /** As {@link #inTransactionWithConnection(BiFunction)}, its change-feed rows correlated by {@code correlationId}. */
  public <T> Future<T> inTransactionWithConnection(String correlationId,
      BiFunction<SqlConnection, StoreTx, Future<T>> work) {
    return attempt(correlationId, tx -> work.apply(tx.connection(), tx), 1);
  }

  /** The connection a {@link StoreTx} of this store runs on, for SQL on other tables in its transaction. */
  public static SqlConnection connection(StoreTx tx) {
    if (tx instanceof PgStoreTx pg) {
      return pg.connection();
    }
    throw new IllegalArgumentException("not a PostgreSQL transaction: " + tx.getClass().getName());
  }

  /**
   * Names {@code xid} among what the transaction {@code tx} changed, without a change-feed row:
   * for writes of other APIs' tables whose node caches listen to {@link Invalidations} (the OCI
   * and App Registry content cache, issue 15). Told to this node's caches once it commits and
   * to other nodes in its notice, as the entity tree's changes are (a lost notice is caught by
   * the other nodes' {@link ChangeFeedTail} from the transaction's event rows).
   */
  public static void changed(StoreTx tx, String xid) {
    if (tx instanceof PgStoreTx pg) {
      pg.changes().add(xid);
      return;
    }
    throw new IllegalArgumentException("not a PostgreSQL transaction: " + tx.getClass().getName());
  }

  /**
   * One try of {@code work} in a transaction; its change-feed rows are written last, then it
   * commits. Once committed, this node's caches drop what it made old before the result goes on
   * to the reply (issue 15: a writer never reads older than its acknowledged write), and the
   * notice of what it changed is queued for other nodes: sent after the commit, on a connection
   * of its own, never inside the write transaction (see {@link ChangeNoticeSender} for why).
   */
  private <T> Future<T> attempt(String correlationId, Function<PgStoreTx, Future<T>> work, int n) {
    PgStoreTx[] current = new PgStoreTx[1];
    return pool.<T>withConnection(conn -> {
          PgStoreTx tx = new PgStoreTx(conn, this, correlationId);
          current[0] = tx;
          // BEGIN goes out with the first statement behind it, not one round trip ahead of it
          // (issue 15, W1/W2): the client queues the work's statements on the transaction as they
          // come, and a transaction in which any of them failed ends in ROLLBACK, never COMMIT.
          Future<io.vertx.sqlclient.Transaction> begun = conn.begin();
          Future<T> done = started(work, tx)
              .compose(result -> tx.finish().map(result));
          return begun.compose(t -> done.transform(ar -> ar.succeeded() ? t.commit().map(ar.result())
              : t.rollback().transform(x -> Future.<T>failedFuture(ar.cause()))));
        })
        .map(result -> {
          ChangeNotice changes = current[0].changes();
          if (!changes.isEmpty()) {
            invalidations.committed(changes.changed());
            if (noticesSent) {
              notices.send(changes.payload(invalidations.origin()));
            }
          }
          return result;
        })
        .onSuccess(r -> vertx.eventBus().publish(ChangeFeed.COMMITTED_ADDRESS, null))
        .recover(err -> {
          if (n < MAX_ATTEMPTS && retryable(err)) {
            LOG.debug("event=tx_retry attempt={} cause={}", n, err.toString());
            long bound = Math.min(1L << n, MAX_BACKOFF_MS);
            long pause = 1 + ThreadLocalRandom.current().nextLong(bound);
            Promise<Void> slept = Promise.promise();
            vertx.setTimer(pause, id -> slept.complete());
            return slept.future().compose(v -> attempt(correlationId, work, n + 1));
          }
          return Future.failedFuture(err);
        });
  }

  /** {@code work} on {@code tx}; one that throws instead of failing its future still ends the transaction. */
  private static <T> Future<T> started(Function<PgStoreTx, Future<T>> work, PgStoreTx tx) {
    try {
      return work.apply(tx);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static boolean retryable(Throwable err) {
    return err instanceof ConflictException
        || err instanceof PgException pg && RETRYABLE_STATES.contains(pg.getSqlState());
  }

  @Override
  public Future<byte[]> sharedSecret(String name, byte[] fresh) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("INSERT INTO xreg_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(v -> conn.preparedQuery("SELECT value FROM xreg_secret WHERE name = $1").execute(Tuple.of(name)))
        .map(rs -> rs.iterator().next().getBuffer("value").getBytes()));
  }

  @Override
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return notices.close().transform(n -> snapshotPool.close()).transform(ar -> pool.close());
  }

  /**
   * The name of the document attribute of the Version at {@code xid} ({@code <RESOURCE>}, the
   * Resource type's singular) under the model read last, or {@code "document"} if its type is gone.
   */
  String documentAttribute(String xid) {
    String[] seg = xid.split("/");
    Model m = model.get().model;
    return seg.length < 4 ? "document" : m.group(seg[1]).flatMap(g -> g.resource(seg[3]))
        .map(r -> r.documentAttribute()).orElse("document");
  }

  @Override
  public ChangeFeed changeFeed() {
    return feed;
  }

  @Override
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  Model model(String sourceText) {
    CachedModel cached = model.get();
    if (cached.source.equals(sourceText)) {
      return cached.model;
    }
    Model parsed = Model.parse(Json.parseTrusted(sourceText));
    model.set(new CachedModel(sourceText, parsed));
    return parsed;
  }

  /** The capabilities in force for {@code storedText}, the caller's own copy (it is mutable). */
  ObjectNode capabilities(String storedText) {
    CachedCapabilities cached = capabilities.get();
    if (cached == null || !cached.stored.equals(storedText)) {
      cached = new CachedCapabilities(storedText,
          Capabilities.fromStored((ObjectNode) Json.parseTrusted(storedText)));
      capabilities.set(cached);
    }
    return cached.inForce.deepCopy();
  }

  private static String resource(String name) {
    try (InputStream in = PgRegistryStore.class.getResourceAsStream("/db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record CachedModel(String source, Model model) {
  }

  private record CachedCapabilities(String stored, ObjectNode inForce) {
  }
}
