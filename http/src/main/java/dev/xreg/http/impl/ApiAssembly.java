package dev.xreg.http.impl;

import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.ApiModule.Mount;
import dev.xreg.api.Principals;
import dev.xreg.api.PublicUrls;
import dev.xreg.auth.AccessControl;
import dev.xreg.auth.Audit;
import dev.xreg.auth.AuthOptions;
import dev.xreg.cnr.CnrApi;
import dev.xreg.cnr.CnrDiscovery;
import dev.xreg.events.EventsApi;
import dev.xreg.events.DeliveryObserver;
import dev.xreg.events.EventsOptions;
import dev.xreg.events.SubscriptionsApi;
import dev.xreg.http.XRegistryOptions;
import dev.xreg.http.limits.ClientLimits;
import dev.xreg.metrics.XregMetrics;
import dev.xreg.oci.OciApi;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.xregistry.XRegistryApi;
import dev.xreg.xregistry.cache.ReadCache;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
  private final CrossOrigin crossOrigin;
  private final ClientLimits limits;
  /** Null when no identity source is configured: the server is open, as before issue 19. */
  private final AccessControl access;
  private final boolean metricsAdmin;
  /** Set by a server that refuses malformed requests itself before routing ({@link #screenedBefore}). */
  private boolean screenedBefore;

  public ApiAssembly(Vertx vertx, XRegistryOptions options) {
    this.vertx = vertx;
    this.metrics = XregMetrics.of(vertx);
    Meters meters = new Meters(metrics);
    Future<EngineClient> engine = StorageDeployment.ensure(vertx, options);
    PublicUrls urls = publicUrls(options);
    this.context = new ApiContext(vertx, engine, urls, meters);
    AuthOptions auth = AuthOptions.from(options.getAuthSettings());
    this.access = auth.enabled() ? new AccessControl(auth, options.getAdminToken(), context,
        new Audit(metrics::audited)) : null;
    List<ApiModule> apis = enabled(options, meters, access == null ? Principals.OPEN : access);
    this.metricsAdmin = auth.enabled() && auth.metricsAdmin();
    if (access != null) {
      apis.add(0, access.tokenEndpoint());
    }
    this.apis = apis;
    this.failures = new ApiFailures(vertx, apis, options.getBasePath());
    this.crossOrigin = CrossOrigin.of(options.getCorsOrigins());
    this.limits = ClientLimits.of(vertx, options.getLimits(),
        options.getTrustedProxies().stream().map(AddressRange::parse).toList(), failures, access != null);
    ReadCache cache = ReadCache.shared(vertx, engine, options.getCacheMaxBytes());
    if (cache != null) {
      metrics.readCache(cache::hits, cache::misses, cache::evictions, cache::bytes);
    }
  }

  /** Stops every API's background work ({@link ApiModule#stop}); never fails, so the server stop goes on. */
  public Future<Void> stop() {
    return Future.join(apis.stream().map(api -> api.stop().recover(err -> Future.succeededFuture())).toList())
        .<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  /** Completes when authentication is ready (users file, policy, signing key loaded), at once without it. */
  public Future<Void> ready() {
    return access == null ? Future.succeededFuture() : access.ready();
  }

  /**
   * Says the server in front refuses malformed requests ({@link MalformedRequests}) before it
   * routes, as {@code XRegistryVerticle} does, so the routers built here need not check again:
   * once per request is enough, and it is on every request's path (issue 15). A router for an
   * application that mounts it still checks.
   */
  public ApiAssembly screenedBefore() {
    this.screenedBefore = true;
    return this;
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
    return enabled(options, DeliveryObserver.NONE);
  }

  /** As {@link #enabled(XRegistryOptions)}, event delivery reporting to {@code deliveries}. */
  static List<ApiModule> enabled(XRegistryOptions options, DeliveryObserver deliveries) {
    return enabled(options, deliveries, Principals.OPEN);
  }

  /** As {@link #enabled(XRegistryOptions, DeliveryObserver)}, subscriptions acting for their owners by {@code principals}. */
  static List<ApiModule> enabled(XRegistryOptions options, DeliveryObserver deliveries, Principals principals) {
    List<ApiModule> out = new ArrayList<>();
    if (options.isOciEnabled()) {
      out.add(new OciApi(options.isBlobRedirect(), options.getContentCacheMaxBytes()));
    }
    if (options.isCnrEnabled()) {
      out.add(new CnrApi(options.getCnrPrefix(), options.getMaxBodyBytes(), options.getContentCacheMaxBytes()));
      out.add(new CnrDiscovery(options.getCnrPrefix()));
    }
    EventsOptions events = EventsOptions.from(options.getEventSettings());
    out.add(new EventsApi(events));
    out.add(new SubscriptionsApi(events, deliveries, principals));
    out.add(new XRegistryApi(options.getMaxBodyBytes(), options.getImportMaxBytes(), options.getAdminToken(),
        options.getCacheMaxBytes()));
    return out;
  }

  /**
   * A router with the APIs of the given mounts (prefixed APIs before the one mounted at
   * {@code "/"}, which takes the rest); with {@code operations} (the outermost router), also CORS
   * and the per-client limits ({@code XREG_CORS_ORIGINS}, {@code XREG_RATE_LIMIT_*}), {@code /health},
   * {@code /ready} and {@code /metrics}.
   */
  public Router router(Set<Mount> mounts, boolean operations) {
    Router router = Router.router(vertx);
    router.route().handler(this::observe);
    // XRegistryVerticle refuses these before routing; an application mounting this router may not
    if (!screenedBefore) {
      router.route().handler(this::screen);
    }
    if (operations) {
      // once, at the outermost router: CORS first, so a browser can read a 429 too
      if (crossOrigin != null) {
        router.route().handler(crossOrigin);
      }
      if (limits != null) {
        router.route().handler(limits);
      }
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
      if (metricsAdmin) { // XREG_METRICS_AUTH=admin; refusals as problem+json, like the other root paths
        router.route("/metrics").handler(access.guard(rootApi(),
            List.of(Access.registry("/metrics", Access.Action.ADMIN))));
      }
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(metrics.scrapeHandler());
    }
    apis.stream().filter(api -> mounts.contains(api.mount()))
        .sorted(Comparator.comparing((ApiModule api) -> api.mountPath().equals("/")))
        .forEach(api -> {
          String at = api.mountPath().equals("/") ? "/*" : api.mountPath() + "*";
          if (access != null && !api.name().equals("auth")) {
            if (api.name().equals("cnr")) { // CNR-019, before the guard: login is how a caller gets credentials
              router.post(api.mountPath() + "/api/v1/users/login").handler(BodyHandler.create(false).setBodyLimit(65_536))
                  .handler(access.cnrLogin(api));
            }
            router.route(at).handler(access.guard(api));
            if (limits != null) { // the verified caller's own rate and upload slots (ClientLimits)
              router.route(at).handler(limits.afterAuthentication());
            }
          }
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

  /** The API mounted at "/" (its error format answers refusals of paths no API owns). */
  private ApiModule rootApi() {
    return apis.stream().filter(a -> a.mountPath().equals("/")).findFirst().orElse(apis.get(0));
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
