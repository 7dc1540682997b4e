package dev.xreg.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.StorageOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * xreg inside someone else's Vert.x application (DESIGN "HTTP"): the application owns
 * the {@link Vertx}, deploys {@link XRegistryVerticle} or mounts {@link XRegistryRouter},
 * and the registry's URLs follow where it was put. Each test has its own Vert.x, storage
 * address and embedded database directory.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS) // the first embedded PostgreSQL start runs initdb
class EmbeddingTest {
  private static final String HOST = "127.0.0.1";
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private WebClient client;
  private int port;

  @BeforeEach
  void ownVertx() throws IOException {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    port = freePort();
  }

  @AfterEach
  void closeVertx() throws Exception {
    // Closing Vert.x undeploys storage, which stops the embedded database before @TempDir is deleted.
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void deployedVerticleServesTheRegistryAtTheRoot(VertxTestContext test) {
    vertx.deployVerticle(new XRegistryVerticle(options("xreg.storage.embedding.root")))
        .compose(id -> client.get(port, HOST, "/").send())
        .onComplete(test.succeeding(resp -> test.verify(() -> {
          assertThat(resp.statusCode()).isEqualTo(200);
          assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
          JsonObject registry = resp.bodyAsJsonObject();
          assertThat(registry.getString("specversion")).isEqualTo("1.0-rc4");
          assertThat(registry.getString("self")).isEqualTo("http://127.0.0.1:" + port + "/");
          assertThat(registry.getString("xid")).isEqualTo("/");
          test.completeNow();
        })));
  }

  @Test
  void routerMountedUnderAPrefixPutsThePrefixInEveryUrl(VertxTestContext test) {
    XRegistryOptions options = options("xreg.storage.embedding.mounted");
    Router app = Router.router(vertx);
    app.get("/app").handler(ctx -> ctx.response().end("the application's own route"));
    app.route("/registry/*").subRouter(XRegistryRouter.create(vertx, options));
    String prefix = "http://127.0.0.1:" + port + "/registry";

    vertx.createHttpServer().requestHandler(app).listen(port, HOST)
        .compose(server -> client.get(port, HOST, "/registry/").send())
        .compose(root -> {
          test.verify(() -> {
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.bodyAsJsonObject().getString("specversion")).isEqualTo("1.0-rc4");
            assertThat(root.bodyAsJsonObject().getString("self")).isEqualTo(prefix + "/");
          });
          return put("/registry/modelsource", MODEL);
        })
        .compose(model -> {
          test.verify(() -> assertThat(model.statusCode()).isEqualTo(200));
          return put("/registry/dirs/d1", "{\"name\":\"mounted\"}");
        })
        .compose(created -> {
          test.verify(() -> {
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.getHeader("Location")).isEqualTo(prefix + "/dirs/d1");
            JsonObject group = created.bodyAsJsonObject();
            assertThat(group.getString("self")).isEqualTo(prefix + "/dirs/d1");
            assertThat(group.getString("filesurl")).isEqualTo(prefix + "/dirs/d1/files");
            // xid is registry-relative: the mount point is not part of it.
            assertThat(group.getString("xid")).isEqualTo("/dirs/d1");
          });
          return client.get(port, HOST, "/registry/dirs").send();
        })
        .compose(groups -> {
          test.verify(() -> assertThat(groups.bodyAsJsonObject().getJsonObject("d1").getString("self"))
              .isEqualTo(prefix + "/dirs/d1"));
          return client.get(port, HOST, "/app").send();
        })
        .compose(own -> {
          test.verify(() -> {
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.bodyAsString()).isEqualTo("the application's own route");
          });
          // the application's server screens nothing: the mounted router refuses what is malformed
          return client.get(port, HOST, "/registry/dirs/a%01b").send();
        })
        .onComplete(test.succeeding(bad -> test.verify(() -> {
          assertThat(bad.statusCode()).isEqualTo(400);
          assertThat(bad.bodyAsString()).contains("control character");
          test.completeNow();
        })));
  }

  @Test
  void verticleWithABasePathServesTheRegistryOnlyUnderIt(VertxTestContext test) {
    XRegistryOptions options = options("xreg.storage.embedding.basepath").setBasePath("/reg");

    vertx.deployVerticle(new XRegistryVerticle(options))
        .compose(id -> client.get(port, HOST, "/reg/").send())
        .compose(root -> {
          test.verify(() -> {
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.bodyAsJsonObject().getString("self")).isEqualTo("http://127.0.0.1:" + port + "/reg/");
          });
          // probes and scraping stay at the host root, like /v2/ (README: XREG_BASE_PATH)
          return client.get(port, HOST, "/ready").send();
        })
        .compose(ready -> {
          test.verify(() -> assertThat(ready.statusCode()).isEqualTo(200));
          return client.get(port, HOST, "/").send();
        })
        .onComplete(test.succeeding(outside -> test.verify(() -> {
          assertThat(outside.statusCode()).isEqualTo(404);
          assertThat(outside.bodyAsString()).doesNotContain("specversion");
          test.completeNow();
        })));
  }

  private XRegistryOptions options(String storageAddress) {
    return new XRegistryOptions().setHost(HOST).setPort(port).setInstances(1)
        .setStorage(new StorageOptions().setAddress(storageAddress).setDataDir(dataDir.toString()).setPoolSize(4));
  }

  private Future<HttpResponse<Buffer>> put(String path, String json) {
    return client.put(port, HOST, path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(json));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
