package dev.xreg.http.impl;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.ApiModule.Mount;
import dev.xreg.api.PublicUrls;
import dev.xreg.cnr.CnrApi;
import dev.xreg.cnr.CnrDiscovery;
import dev.xreg.events.EventsApi;
import dev.xreg.events.EventsOptions;
import dev.xreg.events.SubscriptionsApi;
import dev.xreg.http.XRegistryOptions;
import dev.xreg.metrics.XregMetrics;
import dev.xreg.oci.OciApi;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.xregistry.XRegistryApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Puts the server together: the enabled {@link ApiModule}s, each mounted at its path, plus
 * health, readiness and the metrics endpoint, and request timing by each API's route
 * templates. Business rules live in the API modules and the engine, never here.
 */
public final class ApiAssembly {
  private static final long READY_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final List<ApiModule> apis;
  private final ApiContext context;
  private final XregMetrics metrics;
  private final ApiFailures failures;

  public ApiAssembly(Vertx vertx, XRegistryOptions options) {
    this.vertx = vertx;
    this.apis = enabled(options);
    Future<EngineClient> engine = StorageDeployment.ensure(vertx, options);
    this.metrics = XregMetrics.of(vertx);
    this.context = new ApiContext(vertx, engine, publicUrls(options), new Meters(metrics));
    this.failures = new ApiFailures(vertx, apis, options.getBasePath());
  }

  /** Answers refused requests in the error format of the API owning their path. */
  public ApiFailures failures() {
    return failures;
  }

  /** {@code XREG_PUBLIC_URL} and {@code XREG_TRUSTED_PROXIES}; a malformed value fails the start, naming it. */
  static PublicUrls publicUrls(XRegistryOptions options) {
    return new ProxyAwareUrls(options.getPublicUrl(),
        options.getTrustedProxies().stream().map(AddressRange::parse).toList());
  }

  /** The APIs {@code options} switch on; the xRegistry API is always served. */
  static List<ApiModule> enabled(XRegistryOptions options) {
    List<ApiModule> out = new ArrayList<>();
    if (options.isOciEnabled()) {
      out.add(new OciApi(options.isBlobRedirect()));
    }
    if (options.isCnrEnabled()) {
      out.add(new CnrApi(options.getCnrPrefix(), options.getMaxBodyBytes()));
      out.add(new CnrDiscovery(options.getCnrPrefix()));
    }
    EventsOptions events = EventsOptions.from(options.getEventSettings());
    out.add(new EventsApi(events));
    out.add(new SubscriptionsApi(events));
    out.add(new XRegistryApi(options.getMaxBodyBytes(), options.getImportMaxBytes(), options.getAdminToken(), options.getCorsOrigins()));
    return out;
  }

  /**
   * A router with the APIs of the given mounts (prefixed APIs before the one mounted at
   * {@code "/"}, which takes the rest); with {@code operations}, also {@code /health},
   * {@code /ready} and {@code /metrics}.
   */
  public Router router(Set<Mount> mounts, boolean operations) {
    Router router = Router.router(vertx);
    router.route().handler(this::observe);
    // XRegistryVerticle refuses these before routing; an application mounting this router may not
    router.route().handler(this::screen);
    if (operations) {
      // Liveness: the event loop answered. A procedure is registered because a handler without
      // any answers 204 with no body; probes and people expect 200 and a status document.
      // HEAD is served wherever GET is (RFC 9110 9.3.2); Vert.x drops the body.
      router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(HealthCheckHandler.create(vertx).register("http", p -> p.complete(Status.OK())));
      // Readiness: both stores answer. In a cluster the object store can fail while the database
      // does not; a node that cannot reach it should leave the load balancer's rotation (issue 18).
      router.route("/ready").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(HealthCheckHandler.create(vertx)
              .register("database", READY_TIMEOUT_MS, p -> probe(p, EngineClient::ping))
              .register("blobstore", READY_TIMEOUT_MS, p -> probe(p, EngineClient::pingBlobStore)));
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(metrics.scrapeHandler());
    }
    apis.stream().filter(api -> mounts.contains(api.mount()))
        .sorted(Comparator.comparing((ApiModule api) -> api.mountPath().equals("/")))
        .forEach(api -> {
          String at = api.mountPath().equals("/") ? "/*" : api.mountPath() + "*";
          router.route(at).subRouter(api.router(context));
        });
    return router;
  }

  private void probe(Promise<Status> result, Function<EngineClient, Future<Void>> check) {
    context.engine().compose(check).onComplete(ar -> result.complete(ar.succeeded()
        ? Status.OK() : Status.KO(new JsonObject().put("cause", String.valueOf(ar.cause())))));
  }

  private void screen(RoutingContext ctx) {
    MalformedRequests.Rejection refused = MalformedRequests.of(ctx.request());
    if (refused != null) {
      failures.answer(ctx, refused.status(), refused.detail());
    } else {
      ctx.next();
    }
  }

  /** Times every request by its API's route template and its status. */
  private void observe(RoutingContext ctx) {
    long start = System.nanoTime();
    String path = ctx.normalizedPath().substring(Math.min(PublicUrls.mountPoint(ctx).length(),
        ctx.normalizedPath().length()));
    ctx.addEndHandler(v -> metrics.httpRequest(template(path), ctx.request().method().name(),
        ctx.response().getStatusCode(), System.nanoTime() - start));
    ctx.next();
  }

  /** The route template of the API that owns {@code path}; the one mounted at "/" owns what no prefix claims. */
  String template(String path) {
    ApiModule owner = null;
    for (ApiModule api : apis) {
      String m = api.mountPath();
      boolean owns = m.equals("/") ? owner == null : path.equals(m) || path.startsWith(m + "/");
      if (owns && (owner == null || owner.mountPath().equals("/"))) {
        owner = api;
      }
    }
    if (owner == null) {
      return "/{other}";
    }
    return owner.mountPath().equals("/") ? owner.routeTemplate(path)
        : owner.routeTemplate(path.substring(owner.mountPath().length()));
  }
}
