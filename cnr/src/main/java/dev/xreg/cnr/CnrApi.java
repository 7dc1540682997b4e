package dev.xreg.cnr;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The App Registry (CNR / appr) API under {@code /cnr} at the host root, where appr clients
 * look for it. This is the skeleton the engine reshaping prepared (issue 12): the version
 * endpoint (CNR-001) and the error envelope (CNR-021); packages, releases and channels come
 * with issue 17, and until then every other route answers {@code unsupported} (501).
 */
public final class CnrApi implements ApiModule {
  /** The appr API version whose shapes this API follows (the checklist's recorded client). */
  static final String APPR_API_VERSION = "0.7.4";

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
    return "/cnr";
  }

  @Override
  public Router router(ApiContext context) {
    Router router = Router.router(context.vertx());
    router.get("/version").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("appr-api", APPR_API_VERSION).encode()));
    router.route().handler(ctx -> CnrError.UNSUPPORTED.write(ctx,
        "this App Registry route is not implemented yet: " + ctx.request().method() + " " + ctx.request().path(),
        null));
    return router;
  }

  @Override
  public String routeTemplate(String path) {
    return path.equals("/version") ? "/cnr/version" : "/cnr/{other}";
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    CnrError error = status < 500 ? CnrError.INVALID_USAGE : CnrError.INTERNAL_ERROR;
    error.write(ctx, status, detail == null ? "the request could not be read" : detail, null);
  }
}
