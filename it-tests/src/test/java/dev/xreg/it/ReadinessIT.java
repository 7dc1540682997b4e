package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: {@code /ready} follows the database. The server runs in external-database mode
 * ({@code XREG_DB_URL}) against a PostgreSQL this test starts, stops and starts again on the
 * same data directory and port; {@code /health} (liveness) stays 200 throughout.
 */
class ReadinessIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

  private Path pgData;
  private int pgPort;
  private EmbeddedPostgres postgres;

  @AfterEach
  void stopDatabase() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
    if (pgData != null) {
      try (Stream<Path> files = Files.walk(pgData)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void readyIs503WhileTheDatabaseIsDownAnd200WhenItIsBack() throws Exception {
    pgData = Files.createTempDirectory("xreg-it-pg-");
    pgPort = freePort();
    startDatabase();

    try (XregServer server = XregServer.fresh()
        .env("XREG_DB_URL", "postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres")
        .env("XREG_DB_POOL_SIZE", "4")) {
      server.start(); // returns once /ready is 200
      assertThat(server.log()).contains("database=external");
      assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      assertThat(server.send("PUT", "/dirs/d1", "{\"name\":\"before the outage\"}").statusCode()).isEqualTo(201);
      assertThat(server.get("/health").statusCode()).isEqualTo(200);

      postgres.close();
      postgres = null;

      HttpResponse<String> down = awaitStatus(server, "/ready", 503);
      JsonNode downBody = XregServer.JSON.readTree(down.body());
      assertThat(downBody.path("status").asText()).isEqualTo("DOWN");
      assertThat(downBody.path("checks").get(0).path("id").asText()).isEqualTo("database");
      assertThat(server.get("/health").statusCode()).as("liveness does not depend on the database").isEqualTo(200);
      // A registry request meanwhile fails as a problem document, not a hang or a dropped connection.
      HttpResponse<String> duringOutage = server.get("/dirs/d1");
      assertThat(duringOutage.statusCode()).isEqualTo(500);
      assertThat(duringOutage.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
      // CORE-GEN-003: the data could not be retrieved, and nothing changed
      JsonNode problem = XregServer.JSON.readTree(duringOutage.body());
      assertThat(problem.path("type").asText()).endsWith("#data_retrieval_error");
      assertThat(problem.path("subject").asText()).isEqualTo("/dirs/d1");
      assertThat(problem.path("detail").asText()).contains("nothing was changed");
      HttpResponse<String> writeDuringOutage = server.send("PUT", "/dirs/d1", "{\"name\":\"during the outage\"}");
      assertThat(XregServer.JSON.readTree(writeDuringOutage.body()).path("type").asText())
          .endsWith("#data_retrieval_error");

      startDatabase();

      awaitStatus(server, "/ready", 200);
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
      // Recovered for real: what was committed before is there, and new writes work.
      assertThat(server.json("/dirs/d1").path("name").asText()).isEqualTo("before the outage");
      assertThat(server.send("PUT", "/dirs/d2", "{}").statusCode()).isEqualTo(201);
    }
  }

  /** Starts (the first time: initializes) the test's PostgreSQL on its fixed data directory and port. */
  private void startDatabase() throws IOException {
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(pgData.toFile())
        .setCleanDataDirectory(false)
        .setPort(pgPort)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
  }

  /** Polls until {@code path} answers {@code status}, failing after {@link #NOTICED_WITHIN}. */
  private static HttpResponse<String> awaitStatus(XregServer server, String path, int status) throws Exception {
    long deadline = System.nanoTime() + NOTICED_WITHIN.toNanos();
    HttpResponse<String> last = server.get(path);
    while (last.statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " did not answer " + status + " within " + NOTICED_WITHIN + "; last: "
            + last.statusCode() + " " + last.body() + "\nserver log:\n" + server.log());
      }
      Thread.sleep(200);
      last = server.get(path);
    }
    return last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
