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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15: a read whose client closes the connection (HTTP/1.1) or resets the stream (HTTP/2)
 * before the answer stops running in PostgreSQL (its statement is cancelled) instead of running
 * on for nobody; the server goes on serving. The read is made slow for real, not by a test hook: this test holds an
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

  /** Over TLS, so that one server answers HTTP/1.1 and HTTP/2 (ALPN): xreg serves no cleartext HTTP/2. */
  private static final java.nio.file.Path CERTIFICATE_DIR = certificateDir();
  private static final SelfSignedCertificate CERTIFICATE = certificate();
  private static final SSLContext TRUST = trusting(CERTIFICATE);

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL)
      .tls(CERTIFICATE_DIR.resolve("tls.crt"), CERTIFICATE_DIR.resolve("tls.key"), TRUST);

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
    try (SSLSocket client = (SSLSocket) TRUST.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
        server.port())) {
      SSLParameters http11 = client.getSSLParameters();
      http11.setApplicationProtocols(new String[] {"http/1.1"});
      client.setSSLParameters(http11);
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

  /**
   * HTTP/2: a client that resets the stream of a read (RST_STREAM: the JDK client does so when
   * its request is cancelled) but keeps its connection gets the read's statement cancelled too,
   * and the connection goes on serving.
   */
  @Test
  void aReadWhoseHttp2StreamIsResetIsCancelledInPostgres() throws Exception {
    server.ok("PUT", "/dirs/d2/files/f1$details", "{\"name\":\"two\"}");
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TRUST)
        .connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(h2.send(request("/ready"), BodyHandlers.discarding()).version()).isEqualTo(HttpClient.Version.HTTP_2);
    lockEntities();
    CompletableFuture<HttpResponse<String>> read = h2.sendAsync(request("/dirs/d2/files"), BodyHandlers.ofString());
    assertThat(awaitWaiting(1)).as("the server's read waits behind the lock").isEqualTo(1);
    read.cancel(true);

    assertThat(awaitWaiting(0)).as("the reset stream's statement was cancelled while the lock is still held")
        .isZero();
    assertThat(server.log()).contains("GET /dirs/d2/files");
    await(lock.rollback());
    lock = null;
    HttpResponse<String> again = h2.send(request("/dirs/d2/files/f1$details"), BodyHandlers.ofString());
    assertThat(again.version()).as("the same kind of connection goes on").isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(again.statusCode()).isEqualTo(200);
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(60)).build();
  }

  private static java.nio.file.Path certificateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("xreg-client-gone-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static SelfSignedCertificate certificate() {
    try {
      SelfSignedCertificate made = SelfSignedCertificate.generate(CERTIFICATE_DIR, "xreg-client-gone");
      made.writeTo(CERTIFICATE_DIR.resolve("tls.crt"), CERTIFICATE_DIR.resolve("tls.key"));
      return made;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the test certificate", e);
    }
  }

  private static SSLContext trusting(SelfSignedCertificate certificate) {
    try {
      return SelfSignedCertificate.trusting(java.util.List.of(certificate));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
