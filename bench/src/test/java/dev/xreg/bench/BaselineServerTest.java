package dev.xreg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline over real HTTP on 127.0.0.1 (port chosen by the OS): the routes bench/run.sh relies on. */
class BaselineServerTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private BaselineServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Files.write(dir.resolve("blob.bin"), new byte[] {1, 2, 3, 4, 5});
    Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName()), "secret");
    vertx = Vertx.vertx();
    server = new BaselineServer("127.0.0.1", 0, "", 16, dir.toString());
    vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    Files.deleteIfExists(dir.getParent().resolve("outside-" + dir.getFileName()));
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void sendsTheFileByteForByte() throws Exception {
    HttpResponse<byte[]> r = get("/file/blob.bin");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).containsExactly(1, 2, 3, 4, 5);
    assertThat(get("/file/missing.bin").statusCode()).isEqualTo(404);
  }

  @Test
  void neverServesAFileOutsideItsDirectory() throws Exception {
    for (String path : new String[] {"/file/..%2Foutside-" + dir.getFileName(), "/file/.." }) {
      HttpResponse<byte[]> r = get(path);
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(new String(r.body())).as(path).doesNotContain("secret");
    }
  }

  @Test
  void fixedBodiesStillServedAndThePgRouteIsOffWithoutAUrl() throws Exception {
    assertThat(get("/bytes/64").body()).hasSize(64);
    assertThat(get("/pg/bpg_r1/1").statusCode()).isEqualTo(404);
  }
}
