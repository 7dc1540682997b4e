package dev.xreg.http;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.http.impl.AdminToken;
import dev.xreg.http.impl.BodyReader;
import dev.xreg.http.impl.Problems;
import dev.xreg.http.impl.RegistryHandler;
import dev.xreg.http.impl.RouteTemplates;
import dev.xreg.http.impl.StorageDeployment;
import dev.xreg.metrics.XregMetrics;
import dev.xreg.storage.bus.StorageClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.Set;

/**
 * The whole xreg HTTP surface as one {@link Router}, mountable under any path of an
 * existing application: {@code mainRouter.route("/registry/*").subRouter(XRegistryRouter.create(vertx, opts))}.
 * Storage is deployed on first use; requests wait for it.
 */
public final class XRegistryRouter {
  private static final long READY_TIMEOUT_MS = 2_000;
  private static final Set<String> EXPOSED = Set.of("Link", "Location", "Content-Location", "Content-Disposition",
      "ETag", "Allow", "xRegistry-epoch", "xRegistry-versionid", "xRegistry-self", "xRegistry-xid",
      "xRegistry-isdefault", "xRegistry-createdat", "xRegistry-modifiedat", "xRegistry-ancestorid",
      "xRegistry-metaurl", "xRegistry-versionsurl", "xRegistry-versionscount", "xRegistry-name",
      "xRegistry-description");

  private XRegistryRouter() {
  }

  public static Router create(Vertx vertx, XRegistryOptions options) {
    XregMetrics metrics = XregMetrics.of(vertx);
    Future<StorageClient> storage = StorageDeployment.ensure(vertx, options);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> observe(ctx, metrics));
    if (!options.getCorsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create().addOrigins(options.getCorsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.POST,
              HttpMethod.DELETE, HttpMethod.OPTIONS))
          .allowedHeaders(Set.of("Content-Type", "If-Match", "If-None-Match", AdminToken.HEADER))
          .exposedHeaders(EXPOSED));
    }
    // Liveness: the event loop answered. A procedure is registered because a handler without
    // any answers 204 with no body; probes and people expect 200 and a status document.
    router.get("/health").handler(HealthCheckHandler.create(vertx).register("http", p -> p.complete(Status.OK())));
    router.get("/ready").handler(HealthCheckHandler.create(vertx).register("database", READY_TIMEOUT_MS,
        p -> storage.compose(StorageClient::ping).onComplete(ar -> p.complete(ar.succeeded() ? Status.OK()
            : Status.KO(new io.vertx.core.json.JsonObject().put("cause", String.valueOf(ar.cause())))))));
    router.get("/metrics").handler(metrics.scrapeHandler());
    // Registry-based discovery (CORE-REG-011), and host-based discovery (CORE-REG-012) at
    // the host's root: both list this registry's root URL.
    router.get("/.xregistry").handler(XRegistryRouter::discovery);
    router.get("/.well-known/xregistry").handler(XRegistryRouter::discovery);
    router.route().handler(new BodyReader(options.getMaxBodyBytes()));
    router.route().handler(new RegistryHandler(storage, options.getAdminToken()));
    router.route().failureHandler(XRegistryRouter::failure);
    return router;
  }

  /** Times every request by route template and status; adds the root link (CORE-HTTP-011). */
  private static void observe(RoutingContext ctx, XregMetrics metrics) {
    long start = System.nanoTime();
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/$", "");
    String path = ctx.request().path().substring(Math.min(mount.length(), ctx.request().path().length()));
    ctx.response().putHeader("Link", "<" + ctx.request().scheme() + "://" + ctx.request().authority() + mount
        + "/>;rel=xregistry-root");
    ctx.addEndHandler(v -> metrics.httpRequest(RouteTemplates.of(path), ctx.request().method().name(),
        ctx.response().getStatusCode(), System.nanoTime() - start));
    ctx.next();
  }

  private static void discovery(RoutingContext ctx) {
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/$", "");
    String root = ctx.request().scheme() + "://" + ctx.request().authority() + mount + "/";
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new io.vertx.core.json.JsonObject().put("registries", new io.vertx.core.json.JsonArray().add(root))
            .encode());
  }

  private static void failure(RoutingContext ctx) {
    String path = ctx.request().path();
    Throwable cause = ctx.failure() != null ? ctx.failure()
        : new IllegalStateException("request failed with status " + ctx.statusCode());
    if (ctx.statusCode() == 400 && ctx.failure() == null) {
      cause = XRegistryException.of(ErrorType.BAD_REQUEST, path).errorDetail("the request could not be read").build();
    }
    Problems.write(ctx, cause, path);
  }
}
