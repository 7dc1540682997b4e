package dev.xreg.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The "bare Vert.x" baseline of bench/run.sh: a Router whose only route, {@code GET /bytes/:n},
 * answers 200 with a fixed JSON body of exactly n bytes (built once per size, then served
 * from memory). No storage, no rendering: the ceiling an HTTP server on this stack reaches
 * on this machine, so xreg's read throughput can be reported as a ratio to it.
 *
 * <p>Configuration (environment): {@code BASELINE_HOST} (127.0.0.1), {@code BASELINE_PORT}
 * (8090), {@code BASELINE_INSTANCES} (available processors, as xreg's default),
 * {@code BASELINE_EVENT_LOOPS} (Vert.x default when unset). Prints
 * {@code event=started url=http://host:port/} once listening.
 *
 * <p>Two more routes, each on only when configured: {@code GET /pg/:table/:id} with
 * {@code BASELINE_PG_URL} ({@code postgresql://...}, pool size {@code BASELINE_PG_POOL_SIZE},
 * 16 as xreg's default): the B-PG baseline, see {@link PrimaryKeyRead}; and
 * {@code GET /file/:name} with {@code BASELINE_FILE_DIR}: {@code sendFile}, see {@link FileSend}.
 */
public final class BaselineServer extends VerticleBase {
  private static final int MAX_SIZE = 16 * 1024 * 1024;

  private final String host;
  private final int port;
  private final String pgUrl;
  private final int pgPoolSize;
  private final String fileDir;
  private PrimaryKeyRead primaryKeyRead;
  /** One cache per verticle instance (one event loop), so no sharing between threads. */
  private final Map<Integer, Buffer> bodies = new HashMap<>();
  private HttpServer server;

  BaselineServer(String host, int port, String pgUrl, int pgPoolSize, String fileDir) {
    this.host = host;
    this.port = port;
    this.pgUrl = pgUrl;
    this.pgPoolSize = pgPoolSize;
    this.fileDir = fileDir;
  }

  public static void main(String[] args) {
    String host = env("BASELINE_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("BASELINE_PORT", "8090"));
    int instances = Integer.parseInt(env("BASELINE_INSTANCES",
        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()))));
    int loops = Integer.parseInt(env("BASELINE_EVENT_LOOPS", "0"));
    String pgUrl = env("BASELINE_PG_URL", "");
    int pgPoolSize = Integer.parseInt(env("BASELINE_PG_POOL_SIZE", "16"));
    String fileDir = env("BASELINE_FILE_DIR", "");
    VertxOptions options = new VertxOptions();
    if (loops > 0) {
      options.setEventLoopPoolSize(loops);
    }
    Vertx vertx = Vertx.vertx(options);
    vertx.deployVerticle(() -> new BaselineServer(host, port, pgUrl, pgPoolSize, fileDir), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("event=started url=http://" + host + ":" + port + "/ instances="
            + instances + (pgUrl.isEmpty() ? "" : " pg=on") + (fileDir.isEmpty() ? "" : " files=" + fileDir)))
        .onFailure(err -> {
          err.printStackTrace();
          vertx.close().onComplete(ar -> System.exit(1));
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/bytes/:n").handler(this::fixed);
    if (!pgUrl.isEmpty()) {
      primaryKeyRead = new PrimaryKeyRead(vertx, PrimaryKeyRead.connectOptions(pgUrl), pgPoolSize);
      router.get("/pg/:table/:id").handler(primaryKeyRead::handle);
    }
    if (!fileDir.isEmpty()) {
      router.get("/file/:name").handler(new FileSend(Path.of(fileDir))::handle);
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    return server.requestHandler(router).listen();
  }

  /** The port listened on (the configured one, or the one the OS chose for port 0). */
  int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return primaryKeyRead == null ? Future.succeededFuture() : primaryKeyRead.close();
  }

  private void fixed(RoutingContext ctx) {
    int size;
    try {
      size = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    if (size < FixedBody.MIN_SIZE || size > MAX_SIZE) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    Buffer body = bodies.computeIfAbsent(size, n -> Buffer.buffer(FixedBody.of(n)));
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v.trim();
  }
}
