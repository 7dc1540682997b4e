package dev.xreg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The B-PG route against a real PostgreSQL: one row's body by primary key, as bench/run.sh sets it up. */
class PrimaryKeyReadTest {
  private static EmbeddedPostgres postgres;
  private static Vertx vertx;
  private static BaselineServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bpg_t (id int PRIMARY KEY, body bytea NOT NULL)");
      s.execute("INSERT INTO bpg_t SELECT i, convert_to('{\"pad\":\"' || repeat('x', 90) || '\"}', 'UTF8')"
          + " FROM generate_series(0, 9) AS i");
      s.execute("UPDATE bpg_t SET body = convert_to('{\"pad\":\"seven\"}', 'UTF8') WHERE id = 7");
    }
    vertx = Vertx.vertx();
    String url = "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    server = new BaselineServer("127.0.0.1", 0, url, 2, "");
    vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    postgres.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void answersTheRowsBodyByItsPrimaryKey() throws Exception {
    HttpResponse<String> seven = get("/pg/bpg_t/7");
    assertThat(seven.statusCode()).isEqualTo(200);
    assertThat(seven.body()).isEqualTo("{\"pad\":\"seven\"}");
    HttpResponse<String> three = get("/pg/bpg_t/3");
    assertThat(three.body()).hasSize(100).startsWith("{\"pad\":\"xxx");
  }

  @Test
  void missingRowsAndBadInputAreNotServerErrors() throws Exception {
    assertThat(get("/pg/bpg_t/99").statusCode()).isEqualTo(404);
    assertThat(get("/pg/bpg_t/abc").statusCode()).isEqualTo(400);
    assertThat(get("/pg/Bpg_t/1").statusCode()).isEqualTo(400);
    assertThat(get("/pg/bpg_t%3Bdrop/1").statusCode()).isEqualTo(400);
  }
}
