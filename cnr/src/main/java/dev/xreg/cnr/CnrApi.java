package dev.xreg.cnr;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The App Registry (CNR / appr) API at the host root under {@code /cnr} (configurable,
 * {@code XREG_CNR_PREFIX}), where appr clients look for it: CNR-001..021 of the checklist, over
 * the engine's CNR commands (packages as OCI repositories, releases as OCI indexes, channels in
 * their own table) and the blob store. Login (CNR-019) belongs to the auth issue and the
 * Swagger-only routes (CNR-022) are not part of the API: both answer 501 {@code unsupported}.
 */
public final class CnrApi implements ApiModule {
  /** The appr API version whose shapes this API follows (the checklist's recorded client). */
  static final String APPR_API_VERSION = "0.7.4";
  public static final String DEFAULT_PREFIX = "/cnr";
  private static final String PACKAGE = "/api/v1/packages/:namespace/:package";

  private final String prefix;
  private final long maxBodyBytes;
  private final long cacheMaxBytes;

  /** At {@link #DEFAULT_PREFIX} with a 16 MiB body limit. */
  public CnrApi() {
    this(DEFAULT_PREFIX, 16L * 1024 * 1024);
  }

  /**
   * @param prefix       where the API is mounted at the host root ({@code XREG_CNR_PREFIX})
   * @param maxBodyBytes larger pushes get 413 in the CNR envelope ({@code XREG_MAX_BODY_BYTES})
   */
  public CnrApi(String prefix, long maxBodyBytes) {
    this(prefix, maxBodyBytes, 16L * 1024 * 1024);
  }

  /**
   * @param cacheMaxBytes the bound of the node's cache of packages ({@code XREG_CONTENT_CACHE_MAX_BYTES});
   *     0: every read of a package goes to the database
   */
  public CnrApi(String prefix, long maxBodyBytes, long cacheMaxBytes) {
    this.prefix = normalize(prefix);
    this.maxBodyBytes = maxBodyBytes;
    this.cacheMaxBytes = cacheMaxBytes;
  }

  /** {@code /cnr}: one leading slash, no trailing one. */
  static String normalize(String prefix) {
    String p = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.trim();
    p = p.startsWith("/") ? p : "/" + p;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/")) {
      throw new IllegalArgumentException("XREG_CNR_PREFIX cannot be the host root: the xRegistry API is there");
    }
    return p;
  }

  @Override
  public String name() {
    return "cnr";
  }

  @Override
  public Mount mount() {
    return Mount.HOST_ROOT;
  }

  @Override
  public String mountPath() {
    return prefix;
  }

  @Override
  public Router router(ApiContext context) {
    CnrEngine engine = new CnrEngine(context, cacheMaxBytes);
    PackageEndpoints packages = new PackageEndpoints(engine);
    PushEndpoint push = new PushEndpoint(engine);
    ChannelEndpoints channels = new ChannelEndpoints(engine);
    Router router = Router.router(context.vertx());

    router.get("/version").handler(ctx -> PackageEndpoints.json(ctx,
        new JsonObject().put("appr-api", APPR_API_VERSION).encode()));
    router.get("/").handler(ctx -> discoveryPage(ctx, context));

    // CNR-019 (login): with authentication on, the server answers it before this router (auth module);
    // CNR-022 routes exist only in the Swagger file or the client
    router.post("/api/v1/users/login").handler(ctx -> CnrError.UNSUPPORTED.write(ctx,
        "login is not available: this server runs without authentication (CNR-019)", null));
    router.post("/api/v1/users").handler(ctx -> unsupported(ctx));
    router.post(PACKAGE + "/channels").handler(ctx -> unsupported(ctx));
    router.get(PACKAGE + "/generate").handler(ctx -> unsupported(ctx));

    router.get("/api/v1/packages").handler(guarded(packages::list));
    router.get("/api/v1/packages/search").handler(guarded(packages::search));
    router.post(PACKAGE).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(guarded(ctx -> push.push(ctx, name(ctx))));
    router.get(PACKAGE).handler(guarded(ctx -> packages.show(ctx, name(ctx), null)));

    router.get(PACKAGE + "/channels").handler(guarded(ctx -> channels.list(ctx, name(ctx))));
    router.get(PACKAGE + "/channels/:channel").handler(guarded(ctx -> channels.show(ctx, name(ctx), ctx.pathParam("channel"))));
    router.delete(PACKAGE + "/channels/:channel").handler(guarded(ctx -> channels.delete(ctx, name(ctx),
        ctx.pathParam("channel"))));
    router.post(PACKAGE + "/channels/:channel/:release").handler(guarded(ctx -> channels.add(ctx, name(ctx),
        ctx.pathParam("channel"), ctx.pathParam("release"))));
    router.delete(PACKAGE + "/channels/:channel/:release").handler(guarded(ctx -> channels.remove(ctx, name(ctx),
        ctx.pathParam("channel"), ctx.pathParam("release"))));

    router.get(PACKAGE + "/blobs/sha256/:digest").handler(guarded(ctx -> packages.blob(ctx, name(ctx),
        ctx.pathParam("digest"), "json".equals(ctx.queryParams().get("format")))));
    router.get(PACKAGE + "/blobs/sha256/:digest/json").handler(guarded(ctx -> packages.blob(ctx, name(ctx),
        ctx.pathParam("digest"), true)));

    router.get(PACKAGE + "/:release").handler(guarded(ctx -> packages.show(ctx, name(ctx), ctx.pathParam("release"))));
    router.get(PACKAGE + "/:release/:mediaType").handler(guarded(ctx -> packages.showOne(ctx, name(ctx),
        ctx.pathParam("release"), ctx.pathParam("mediaType"))));
    router.delete(PACKAGE + "/:release/:mediaType").handler(guarded(ctx -> packages.delete(ctx, name(ctx),
        ctx.pathParam("release"), ctx.pathParam("mediaType"))));
    router.get(PACKAGE + "/:release/:mediaType/pull").handler(guarded(ctx -> packages.pull(ctx, name(ctx),
        ctx.pathParam("release"), ctx.pathParam("mediaType"), "json".equals(ctx.queryParams().get("format")))));
    router.get(PACKAGE + "/:release/:mediaType/pull/json").handler(guarded(ctx -> packages.pull(ctx, name(ctx),
        ctx.pathParam("release"), ctx.pathParam("mediaType"), true)));

    router.route().handler(ctx -> CnrError.RESOURCE_NOT_FOUND.write(ctx,
        "no App Registry endpoint " + ctx.request().method() + " " + ctx.normalizedPath(), null));
    // vertx-web's own refusals (a body over the limit, a method the path does not take) in the CNR envelope
    router.route().failureHandler(ctx -> {
      if (ctx.failure() != null) {
        CnrFailures.respond(ctx, ctx.failure());
      } else if (ctx.statusCode() == 413) {
        ctx.response().putHeader("Connection", "close");
        failure(ctx, 413, "the body is larger than " + maxBodyBytes + " bytes (XREG_MAX_BODY_BYTES)");
      } else {
        failure(ctx, ctx.statusCode(), "the request was refused (" + ctx.statusCode() + ")");
      }
    });
    return router;
  }

  private static RepositoryName name(RoutingContext ctx) {
    return PackageNames.repository(ctx.pathParam("namespace"), ctx.pathParam("package"));
  }

  /** Runs {@code handler}, answering what it throws before any I/O (a bad name, release or media type). */
  private static Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        CnrFailures.respond(ctx, e);
      }
    };
  }

  private static void unsupported(RoutingContext ctx) {
    CnrError.UNSUPPORTED.write(ctx, "the App Registry reference server has no " + ctx.request().method() + " "
        + ctx.normalizedPath() + " (CNR-022)", null);
  }

  /**
   * CNR-002: the page appr's discovery reads, a meta tag mapping {@code host/<name>} to this
   * server's pull URL template.
   */
  private void discoveryPage(RoutingContext ctx, ApiContext context) {
    String origin = context.publicUrls().origin(ctx.request());
    String host = origin.replaceFirst("^[a-z]+://", "");
    String pull = origin + prefix + "/api/v1/packages/{name}/pull";
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!DOCTYPE html>\n<html><head>"
        + "<meta name=\"appr-package\" content=\"" + escape(host) + "/{name} " + escape(pull) + "\">"
        + "<title>App Registry</title></head><body>App Registry API " + APPR_API_VERSION + "</body></html>\n");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public String routeTemplate(String path) {
    if (path.equals("/version") || path.isEmpty() || path.equals("/")) {
      return prefix + (path.isEmpty() ? "/" : path);
    }
    String[] s = path.split("/", -1); // "", api, v1, packages, ns, pkg, ...
    if (s.length < 4 || !s[1].equals("api") || !s[2].equals("v1")) {
      return prefix + "/{other}";
    }
    if (!s[3].equals("packages")) {
      return prefix + "/api/v1/" + s[3];
    }
    if (s.length <= 5) {
      return prefix + "/api/v1/packages" + (s.length == 5 && s[4].equals("search") ? "/search" : "");
    }
    StringBuilder t = new StringBuilder(prefix + "/api/v1/packages/{namespace}/{package}");
    if (s.length > 6) {
      if (s[6].equals("channels") || s[6].equals("blobs")) {
        t.append('/').append(s[6]);
        for (int i = 7; i < s.length; i++) {
          t.append(s[6].equals("channels") ? (i == 7 ? "/{channel}" : "/{release}") : (i == 7 ? "/sha256" : i == 8 ? "/{digest}" : "/" + s[i]));
        }
      } else {
        t.append("/{release}");
        for (int i = 7; i < s.length; i++) {
          t.append(i == 7 ? "/{media_type}" : "/" + (s[i].equals("pull") || s[i].equals("json") ? s[i] : "{other}"));
        }
      }
    }
    return t.toString();
  }

  /**
   * A package's namespace: {@code read} for GETs, {@code write} for pushes and channel changes,
   * {@code delete} for deletes. Lists and search need only a known caller and are filtered; the
   * version, the discovery page and login need nothing.
   */
  @Override
  public java.util.List<dev.xreg.api.Access> access(HttpMethod method, String path, io.vertx.core.MultiMap params) {
    String[] segs = path.replaceAll("^/+", "").split("/");
    if (method == HttpMethod.OPTIONS || path.equals("/") || path.equals("/version")
        || path.equals("/api/v1/users/login")) {
      return java.util.List.of();
    }
    if (segs.length >= 5 && segs[0].equals("api") && segs[1].equals("v1") && segs[2].equals("packages")) {
      dev.xreg.api.Access.Action action = method == HttpMethod.GET || method == HttpMethod.HEAD
          ? dev.xreg.api.Access.Action.READ
          : method == HttpMethod.DELETE ? dev.xreg.api.Access.Action.DELETE : dev.xreg.api.Access.Action.WRITE;
      return java.util.List.of(dev.xreg.api.Access.namespace(segs[3], action));
    }
    return java.util.List.of(dev.xreg.api.Access.server());
  }

  @Override
  public void refuse(RoutingContext ctx, int status, String detail) {
    CnrError error = switch (status) {
      case 401 -> CnrError.UNAUTHORIZED_ACCESS;
      case 404 -> CnrError.PACKAGE_NOT_FOUND;
      default -> CnrError.FORBIDDEN;
    };
    error.write(ctx, status, detail, null);
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    CnrError error = status < 500 ? CnrError.INVALID_USAGE : CnrError.INTERNAL_ERROR;
    error.write(ctx, status, detail == null ? "the request could not be read" : detail, null);
  }
}
