package dev.xreg.http;

import dev.xreg.api.ApiModule.Mount;
import dev.xreg.http.impl.ApiAssembly;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.EnumSet;

/**
 * The whole xreg HTTP surface as one {@link Router}, mountable under any path of an
 * existing application: {@code mainRouter.route("/registry/*").subRouter(XRegistryRouter.create(vertx, opts))}.
 * It holds every enabled API (the xRegistry tree at the router's root, OCI at {@code v2/},
 * the App Registry at {@code cnr/}) and {@code /health}, {@code /ready}, {@code /metrics}.
 * OCI clients expect {@code /v2/} at the host root: mount this router at {@code /} (or
 * deploy {@link XRegistryVerticle}) where they must work. Storage is deployed on first
 * use; requests wait for it.
 */
public final class XRegistryRouter {
  private XRegistryRouter() {
  }

  public static Router create(Vertx vertx, XRegistryOptions options) {
    return new ApiAssembly(vertx, options).router(EnumSet.allOf(Mount.class), true);
  }
}
