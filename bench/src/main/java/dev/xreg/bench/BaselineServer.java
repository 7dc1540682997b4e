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
 */
public final class BaselineServer extends VerticleBase {
  private static final int MAX_SIZE = 16 * 1024 * 1024;

  private final String host;
  private final int port;
  /** One cache per verticle instance (one event loop), so no sharing between threads. */
  private final Map<Integer, Buffer> bodies = new HashMap<>();
  private HttpServer server;

  BaselineServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public static void main(String[] args) {
    String host = env("BASELINE_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("BASELINE_PORT", "8090"));
    int instances = Integer.parseInt(env("BASELINE_INSTANCES",
        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()))));
    int loops = Integer.parseInt(env("BASELINE_EVENT_LOOPS", "0"));
    VertxOptions options = new VertxOptions();
    if (loops > 0) {
      options.setEventLoopPoolSize(loops);
    }
    Vertx vertx = Vertx.vertx(options);
    vertx.deployVerticle(() -> new BaselineServer(host, port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("event=started url=http://" + host + ":" + port + "/ instances="
            + instances))
        .onFailure(err -> {
          err.printStackTrace();
          vertx.close().onComplete(ar -> System.exit(1));
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/bytes/:n").handler(this::fixed);
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    return server.requestHandler(router).listen();
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
