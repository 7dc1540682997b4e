package dev.xreg.oci;

import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.PublicUrls;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OCI Distribution API ({@code /v2/}, OCI Distribution 1.1), always at the host root:
 * OCI clients call {@code host/v2/} whatever base path the xRegistry API has. This is the
 * Distribution API of issue 14: pull, push, content discovery and content management
 * (OCI-001..034), over the engine's OCI commands for metadata and the blob store for bytes.
 */
public final class OciApi implements ApiModule {
  /** Legacy clients look for this header on the version check (OCI-001). */
  static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

  /** The default bound of the node's manifest cache ({@code XREG_CONTENT_CACHE_MAX_BYTES}). */
  public static final long DEFAULT_CACHE_MAX_BYTES = 16L * 1024 * 1024;

  private final boolean blobRedirect;
  private final long cacheMaxBytes;

  /** The API serving every blob's bytes itself. */
  public OciApi() {
    this(false);
  }

  /**
   * @param blobRedirect whether blob GETs answer {@code 307} to a presigned URL of the blob
   *     store when it can sign one ({@code XREG_BLOB_REDIRECT}, issue 18)
   */
  public OciApi(boolean blobRedirect) {
    this(blobRedirect, DEFAULT_CACHE_MAX_BYTES);
  }

  /**
   * @param cacheMaxBytes the bound of the node's cache of manifests ({@code XREG_CONTENT_CACHE_MAX_BYTES});
   *     0: every manifest read goes to the database
   */
  public OciApi(boolean blobRedirect, long cacheMaxBytes) {
    this.blobRedirect = blobRedirect;
    this.cacheMaxBytes = cacheMaxBytes;
  }

  @Override
  public String name() {
    return "oci";
  }

  @Override
  public Mount mount() {
    return Mount.HOST_ROOT;
  }

  @Override
  public String mountPath() {
    return "/v2";
  }

  @Override
  public Router router(ApiContext context) {
    OciEngine engine = new OciEngine(context);
    Dispatch dispatch = new Dispatch(new BlobEndpoints(engine, blobRedirect), new UploadEndpoints(engine),
        new ManifestEndpoints(engine, ManifestEndpoints.cache(context, cacheMaxBytes)), new DiscoveryEndpoints(engine));
    Router router = Router.router(context.vertx());
    router.route().handler(ctx -> {
      HttpMethod method = ctx.request().method();
      if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
        // Bodies are read by the handler that knows where they go (the blob store, a bounded
        // manifest buffer), possibly after a database round trip: hold them until then. A body
        // still unread when the response starts (a refused request) drains, keeping the connection usable.
        HeldBody.hold(ctx);
        ctx.addHeadersEndHandler(v -> {
          if (!ctx.request().isEnded()) {
            ctx.request().resume();
          }
        });
      }
      ctx.response().putHeader(API_VERSION_HEADER, "registry/2.0");
      ctx.next();
    });
    router.route().handler(dispatch::handle);
    return router;
  }

  /** Sends each request to the endpoint its path names; names are validated first (OCI-002). */
  private record Dispatch(BlobEndpoints blobs, UploadEndpoints uploads, ManifestEndpoints manifests,
      DiscoveryEndpoints discovery) {

    void handle(RoutingContext ctx) {
      String full = ctx.normalizedPath();
      OciPath path = OciPath.parse(full.substring(Math.min(PublicUrls.mountPoint(ctx).length(), full.length())));
      try {
        route(ctx, path);
      } catch (RuntimeException e) { // a rule that threw before any I/O: bad name, digest, reference
        OciFailures.respond(ctx, e);
      }
    }

    private void route(RoutingContext ctx, OciPath path) {
      HttpMethod method = ctx.request().method();
      switch (path.endpoint()) {
        case BASE -> {
          // OCI-001: 200 means this is an OCI registry and the client may go on
          if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Type", "application/json").end("{}");
          } else {
            OciErrors.write(ctx, OciError.UNSUPPORTED, method + " is not defined on /v2/");
          }
        }
        case CATALOG -> readOnly(ctx, () -> discovery.catalog(ctx));
        case TAGS -> readOnly(ctx, () -> discovery.tags(ctx, RepositoryName.parse(path.name())));
        case REFERRERS -> readOnly(ctx, () -> discovery.referrers(ctx, RepositoryName.parse(path.name()),
            path.reference()));
        case MANIFEST -> manifests.handle(ctx, RepositoryName.parse(path.name()), path.reference());
        case BLOB -> blobs.handle(ctx, RepositoryName.parse(path.name()), path.reference());
        case UPLOADS -> uploads.start(ctx, RepositoryName.parse(path.name()));
        case UPLOAD -> uploads.session(ctx, RepositoryName.parse(path.name()), path.reference());
        case UNKNOWN -> OciErrors.write(ctx, 404, OciError.NAME_UNKNOWN, "no OCI endpoint at " + ctx.normalizedPath());
      }
    }

    private static void readOnly(RoutingContext ctx, Runnable handler) {
      HttpMethod method = ctx.request().method();
      if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
        handler.run();
      } else {
        OciErrors.write(ctx, OciError.UNSUPPORTED, method + " is not defined on " + ctx.normalizedPath());
      }
    }
  }

  @Override
  public String routeTemplate(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return "/v2/";
    }
    if (path.endsWith("/tags/list")) {
      return "/v2/{name}/tags/list";
    }
    for (String kind : new String[] {"/manifests/", "/blobs/uploads/", "/blobs/", "/referrers/"}) {
      if (path.contains(kind)) {
        return "/v2/{name}" + kind + "{reference}";
      }
    }
    return "/v2/{other}";
  }

  /**
   * Pull ({@code read}) for every GET and HEAD of a repository, push ({@code write}) for uploads and
   * manifest PUTs, {@code delete} for deletes; a cross-repository mount also needs pull on
   * {@code from}. The version check and {@code _catalog} need only a known caller; the catalog
   * is filtered to what the caller may pull.
   */
  @Override
  public java.util.List<Access> access(HttpMethod method, String path, io.vertx.core.MultiMap params) {
    if (method == HttpMethod.OPTIONS) {
      return java.util.List.of();
    }
    OciPath p = OciPath.parse(path.isEmpty() ? "/" : path);
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    return switch (p.endpoint()) {
      case BASE, CATALOG, UNKNOWN -> java.util.List.of(Access.server());
      case TAGS, REFERRERS -> java.util.List.of(Access.repository(p.name(), Access.Action.READ));
      case MANIFEST, BLOB -> java.util.List.of(Access.repository(p.name(), read ? Access.Action.READ
          : method == HttpMethod.DELETE ? Access.Action.DELETE : Access.Action.WRITE));
      case UPLOAD -> java.util.List.of(Access.repository(p.name(), Access.Action.WRITE));
      case UPLOADS -> {
        String from = params.get("from");
        yield from == null || from.isEmpty() || params.get("mount") == null
            ? java.util.List.of(Access.repository(p.name(), Access.Action.WRITE))
            : java.util.List.of(Access.repository(p.name(), Access.Action.WRITE),
                Access.repository(from, Access.Action.READ));
      }
    };
  }

  @Override
  public void refuse(RoutingContext ctx, int status, String detail) {
    OciError error = switch (status) {
      case 401 -> OciError.UNAUTHORIZED;
      case 404 -> OciError.NAME_UNKNOWN;
      default -> OciError.DENIED;
    };
    OciErrors.write(ctx, status, error, detail);
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    OciError error = status == 413 ? OciError.SIZE_INVALID : status == 405 ? OciError.UNSUPPORTED
        : status == 429 ? OciError.TOOMANYREQUESTS : OciError.BLOB_UPLOAD_INVALID;
    OciErrors.write(ctx, status, error, detail);
  }
}
