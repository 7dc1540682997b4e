package dev.xreg.oci;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OCI Distribution API ({@code /v2/}, OCI Distribution 1.1), always at the host root:
 * OCI clients call {@code host/v2/} whatever base path the xRegistry API has. This is the
 * skeleton the engine reshaping prepared (issue 12): the version check (OCI-001) and the
 * error envelope; repositories, blobs and manifests come with issue 14.
 */
public final class OciApi implements ApiModule {
  /** Legacy clients look for this header on the version check (OCI-001). */
  static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

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
    Router router = Router.router(context.vertx());
    router.route().handler(ctx -> {
      ctx.response().putHeader(API_VERSION_HEADER, "registry/2.0");
      ctx.next();
    });
    // OCI-001: 200 means this is an OCI registry and the client may go on
    router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json").end("{}"));
    // No repository exists until issue 14 stores content: reads find nothing, writes are not offered yet.
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> OciErrors.write(ctx, OciError.NAME_UNKNOWN, "no repositories are stored here"));
    router.route().handler(ctx -> OciErrors.write(ctx, OciError.UNSUPPORTED, "pushes are not supported yet"));
    return router;
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

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    OciError error = status == 413 ? OciError.SIZE_INVALID : status == 405 ? OciError.UNSUPPORTED
        : OciError.BLOB_UPLOAD_INVALID;
    OciErrors.write(ctx, status, error, detail);
  }
}
