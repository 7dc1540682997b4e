package dev.xreg.cnr;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CNR-020: {@code /.well-known/app-registry-uri.json} at the host root, the App Registry
 * discovery document ({@code spec/discovery.md}) telling where the API is. Its own module because
 * it lives outside the API's prefix.
 */
public final class CnrDiscovery implements ApiModule {
  public static final String PATH = "/.well-known/app-registry-uri.json";
  /** The discovery document's version, as the spec's example gives it. */
  static final String DISCOVERY_VERSION = "v1.0.0";

  private final String prefix;

  public CnrDiscovery(String prefix) {
    this.prefix = CnrApi.normalize(prefix);
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
    return PATH;
  }

  @Override
  public Router router(ApiContext context) {
    Router router = Router.router(context.vertx());
    router.get("/").handler(ctx -> PackageEndpoints.json(ctx, new JsonObject().put("version", DISCOVERY_VERSION)
        .put("uri_prefix", context.publicUrls().origin(ctx.request()) + prefix).encode()));
    router.route().handler(ctx -> CnrError.RESOURCE_NOT_FOUND.write(ctx, "only GET " + PATH + " is served here", null));
    return router;
  }

  @Override
  public String routeTemplate(String path) {
    return PATH;
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    (status < 500 ? CnrError.INVALID_USAGE : CnrError.INTERNAL_ERROR).write(ctx, status,
        detail == null ? "the request could not be read" : detail, null);
  }
}
