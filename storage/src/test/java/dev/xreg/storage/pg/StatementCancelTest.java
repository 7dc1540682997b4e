package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work on a pooled connection that its client abandons (issue 15): the running statement is
 * cancelled in PostgreSQL, the work fails as cancelled, the connection goes back usable; work
 * nobody cancels ends as it would without the wrapper, failures included.
 */
class StatementCancelTest {
  private final PgTestDatabase db = PgTestDatabase.embedded();
  private Vertx vertx;
  private PgConnectOptions schema;
  /** One connection: what runs after a cancel runs on the very connection the cancel was for. */
  private Pool pool;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    schema = db.freshSchema(vertx);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(schema).using(vertx).build();
  }

  @AfterEach
  void close() throws Exception {
    await(pool.close());
    db.dropSchema(vertx, schema);
    await(vertx.close());
  }

  @Test
  void workNobodyCancelsEndsAsItWould() throws Exception {
    Cancellation c = new Cancellation("GET /x");
    Integer answer = await(pool.withConnection(conn -> StatementCancel.around(conn, c,
        () -> conn.query("SELECT 41 + 1").execute().map(rs -> rs.iterator().next().getInteger(0)))));
    assertThat(answer).isEqualTo(42);
    IllegalStateException own = new IllegalStateException("the work's own failure");
    assertThat(failure(pool.withConnection(conn -> StatementCancel.around(conn, c,
        () -> conn.query("SELECT 1").execute().compose(rs -> Future.failedFuture(own)))))).isSameAs(own);
    assertThat(c.isCancelled()).isFalse();
  }

  @Test
  void aCancelStopsTheRunningStatementAndTheConnectionServesOn() throws Exception {
    Cancellation c = new Cancellation("GET /slow");
    Future<Object> slow = pool.withConnection(conn -> StatementCancel.around(conn, c,
        () -> conn.query("SELECT pg_sleep(600)").execute().map(rs -> (Object) "finished")));
    awaitRunning("pg_sleep(600)");
    c.cancel();
    Throwable failed = failure(slow); // bounded by await's own limit, far below the 600 s sleep
    assertThat(failed).isInstanceOf(EngineFailure.class);
    assertThat(((EngineFailure) failed).kind()).isEqualTo(FailureKind.BUSY);
    assertThat(failed.getCause()).as("PostgreSQL's own word").hasMessageContaining("57014");
    assertThat(await(pool.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(600)%'")
        .execute()).iterator().next().getLong(0)).as("nothing runs on for nobody").isZero();
  }

  @Test
  void workAbandonedBeforeItHadAConnectionNeverRuns() throws Exception {
    Cancellation c = new Cancellation("GET /late");
    c.cancel();
    AtomicBoolean ran = new AtomicBoolean();
    Throwable failed = failure(pool.withConnection(conn -> StatementCancel.around(conn, c, () -> {
      ran.set(true);
      return conn.query("SELECT 1").execute();
    })));
    assertThat(failed).isInstanceOf(EngineFailure.class);
    assertThat(ran).isFalse();
  }

  /** Polls (bounded) until another session runs {@code text}. */
  private void awaitRunning(String text) throws Exception {
    Pool watcher = PgBuilder.pool().connectingTo(schema).using(vertx).build();
    try {
      for (int i = 0; i < 300; i++) {
        long n = await(watcher.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
            + " AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()").execute(io.vertx.sqlclient.Tuple.of(text)))
            .iterator().next().getLong(0);
        if (n > 0) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError(text + " never ran");
    } finally {
      await(watcher.close());
    }
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      await(f);
      throw new AssertionError("succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
