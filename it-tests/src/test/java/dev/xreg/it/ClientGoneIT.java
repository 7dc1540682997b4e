package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15: a read whose client closes the connection before the answer stops running in
 * PostgreSQL (its statement is cancelled) instead of running on for nobody; the server goes on
 * serving. The read is made slow for real, not by a test hook: this test holds an
 * {@code ACCESS EXCLUSIVE} lock on the entity table, so the server's statement waits in
 * PostgreSQL, visible in {@code pg_stat_activity}, for as long as the test wants.
 */
class ClientGoneIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  /** Statements of other sessions waiting for a lock: the server's read behind the test's lock. */
  private static final String WAITING = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
      + " AND pid <> pg_backend_pid()";
  /** Polls of 100 ms: a bound, not a timing; the cancel takes milliseconds. */
  private static final int POLLS = 300;

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private Vertx vertx;
  private Pool pool;
  private SqlConnection locker;
  private Transaction lock;

  @BeforeEach
  void connect() throws Exception {
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(server.embeddedDatabaseUrl())).using(vertx).build();
    server.ok("PUT", "/dirs/d1/files/f1$details", "{\"name\":\"one\"}");
  }

  @AfterEach
  void release() throws Exception {
    if (lock != null) {
      await(lock.rollback());
    }
    if (locker != null) {
      await(locker.close());
    }
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void aReadWhoseClientHangsUpIsCancelledInPostgres() throws Exception {
    lockEntities();
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      OutputStream out = client.getOutputStream();
      out.write(("GET /dirs/d1/files?filter=name=one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(awaitWaiting(1)).as("the server's read waits behind the lock").isEqualTo(1);
    } // the client hangs up, the lock still held

    assertThat(awaitWaiting(0)).as("the abandoned statement was cancelled while the lock is still held")
        .isZero();
    assertThat(server.log()).contains("event=request_cancelled").contains("GET /dirs/d1/files");

    await(lock.rollback());
    lock = null;
    assertThat(server.json("/dirs/d1/files?filter=name=one").path("f1").path("name").asText())
        .as("the server still serves, its pool whole").isEqualTo("one");
  }

  /** A read whose client stays is not cancelled: it waits for the lock and then answers. */
  @Test
  void aReadWhoseClientWaitsIsAnswered() throws Exception {
    lockEntities();
    var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return server.get("/dirs/d1/files/f1$details");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(awaitWaiting(1)).isEqualTo(1);
    await(lock.rollback());
    lock = null;
    var r = answer.get(60, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(r.body()).path("name").asText()).isEqualTo("one");
  }

  private void lockEntities() throws Exception {
    locker = await(pool.getConnection());
    lock = await(locker.begin());
    await(locker.query("LOCK TABLE entity IN ACCESS EXCLUSIVE MODE").execute());
  }

  /** Polls until {@code n} statements wait for a lock (bounded); the last count seen. */
  private long awaitWaiting(long n) throws Exception {
    long seen = -1;
    for (int i = 0; i < POLLS; i++) {
      seen = await(pool.query(WAITING).execute()).iterator().next().getLong(0);
      if (seen == n) {
        return seen;
      }
      Thread.sleep(100);
    }
    return seen;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
