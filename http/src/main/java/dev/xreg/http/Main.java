package dev.xreg.http;

import dev.xreg.http.config.Settings;
import dev.xreg.http.impl.StorageDeployment;
import dev.xreg.http.tls.ServerCertificate;
import dev.xreg.metrics.XregMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone server: {@code java -jar xreg-server.jar [--config file]}. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 60;

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load(args, System.getenv(), System.getProperties());
    XRegistryOptions options = settings.toOptions();
    VertxOptions vertxOptions = new VertxOptions();
    int loops = settings.getInt("XREG_EVENT_LOOPS", 0);
    if (loops > 0) {
      vertxOptions.setEventLoopPoolSize(loops);
    }
    XregMetrics metrics = XregMetrics.create();
    Vertx vertx = metrics.vertxBuilder(vertxOptions).build();
    metrics.bind(vertx);

    if (options.getTls().isEnabled()) {
      // a missing or broken certificate ends the start here, before the database starts, naming the file
      try {
        ServerCertificate.read(vertx, Path.of(options.getTls().getCertPath()), Path.of(options.getTls().getKeyPath()));
      } catch (IllegalArgumentException e) {
        LOG.error("event=start_failed cause=\"{}\"", e.getMessage());
        vertx.close().onComplete(ar -> System.exit(1));
        return;
      }
    }
    List<XRegistryVerticle> instances = new CopyOnWriteArrayList<>();
    StorageDeployment.ensure(vertx, options)
        .compose(storage -> vertx.deployVerticle(() -> {
          XRegistryVerticle v = new XRegistryVerticle(options);
          instances.add(v);
          return v;
        }, new DeploymentOptions().setInstances(options.getInstances())))
        .onSuccess(httpDeployment -> {
          int port = instances.get(0).actualPort();
          LOG.info("event=started url={}://{}:{}{}/ instances={} database={} authentication=\"{}\"",
              options.getTls().isEnabled() ? "https" : "http", options.getHost(), port,
              options.getBasePath(), options.getInstances(),
              options.getStorage().isEmbedded() ? "embedded:" + options.getStorage().getDataDir() : "external",
              dev.xreg.auth.AccessControl.describe(dev.xreg.auth.AuthOptions.from(options.getAuthSettings())));
          Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, httpDeployment), "xreg-shutdown"));
        })
        .onFailure(err -> {
          LOG.error("event=start_failed", err);
          vertx.close().onComplete(ar -> System.exit(1));
        });
  }

  /**
   * SIGTERM: undeploy HTTP first (stop accepting, finish in-flight requests), then close
   * Vert.x, which stops storage (pool, then the embedded database).
   */
  private static void shutdown(Vertx vertx, String httpDeployment) {
    LOG.info("event=stopping");
    try {
      vertx.undeploy(httpDeployment).toCompletionStage().toCompletableFuture()
          .get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      // Called from this (non-Vert.x) thread, so completion is not posted to a stopped event loop.
      vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("event=shutdown_incomplete cause={}", e.toString());
    }
    StorageDeployment.forget(vertx);
    LOG.info("event=stopped");
  }
}
