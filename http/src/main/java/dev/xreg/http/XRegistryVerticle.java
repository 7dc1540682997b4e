package dev.xreg.http;

import dev.xreg.api.ApiModule.Mount;
import dev.xreg.http.impl.ApiAssembly;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An xreg HTTP server as a verticle, deployable any number of times in any Vert.x
 * application: {@code vertx.deployVerticle(() -> new XRegistryVerticle(opts), new DeploymentOptions().setInstances(4))}.
 * Instances share the port (Vert.x balances connections) and one storage verticle.
 */
public final class XRegistryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(XRegistryVerticle.class);
  /** In-flight requests get this long to finish when the verticle is undeployed. */
  private static final long SHUTDOWN_GRACE_SECONDS = 20;

  private final XRegistryOptions options;
  private HttpServer server;

  public XRegistryVerticle(XRegistryOptions options) {
    this.options = new XRegistryOptions(options);
  }

  @Override
  public Future<?> start() {
    ApiAssembly apis = new ApiAssembly(vertx, options);
    Router root;
    if (options.getBasePath().isEmpty()) {
      root = apis.router(EnumSet.allOf(Mount.class), true);
    } else {
      // the base path moves the xRegistry tree; OCI (host/v2/), the App Registry and the
      // operational endpoints (probes, scraping) stay at the host root
      root = apis.router(EnumSet.of(Mount.HOST_ROOT), true);
      root.route(options.getBasePath() + "/*").subRouter(apis.router(EnumSet.of(Mount.BASE_PATH), false));
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
        .setCompressionSupported(true));
    return server.requestHandler(root).listen().onSuccess(s -> LOG.debug("event=http_listening port={}", s.actualPort()));
  }

  /** The bound port (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let in-flight requests complete, then close.
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
