package dev.xreg.http.impl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.command.Reply;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ModelIncludes;
import dev.xreg.http.XRegistryOptions;
import dev.xreg.metrics.XregMetrics;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StorageVerticle;
import dev.xreg.storage.xregistry.XRegistryCommand;
import dev.xreg.storage.engine.EngineClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the {@link StorageVerticle} once per Vert.x instance and storage address, however
 * many HTTP verticles or routers ask for it, then applies the configured model file.
 */
public final class StorageDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(StorageDeployment.class);
  private static final Map<Vertx, Map<String, Future<EngineClient>>> DEPLOYED = new WeakHashMap<>();

  private StorageDeployment() {
  }

  public static Future<EngineClient> ensure(Vertx vertx, XRegistryOptions options) {
    String address = options.getStorage().getAddress();
    synchronized (DEPLOYED) {
      return DEPLOYED.computeIfAbsent(vertx, v -> new HashMap<>())
          .computeIfAbsent(address, a -> deploy(vertx, options));
    }
  }

  private static Future<EngineClient> deploy(Vertx vertx, XRegistryOptions options) {
    XregMetrics metrics = XregMetrics.of(vertx);
    CacheBudget.warning(options, Runtime.getRuntime().maxMemory()).ifPresent(LOG::warn);
    EngineClient client = new EngineClient(vertx, options.getStorage().getAddress(),
        options.getStorage().replyTimeoutMillis(), options.getStorage().lengthyReplyTimeoutMillis());
    // XREG_CACHE_MAX_BYTES=0 switches off every cache of answers, the engine's registry row too
    StorageOptions storage = new StorageOptions(options.getStorage())
        .setRegistryRowCached(options.getStorage().isRegistryRowCached() && options.getCacheMaxBytes() > 0);
    return vertx.deployVerticle(new StorageVerticle(storage, new Meters(metrics)))
        .compose(id -> options.getModel().isBlank() ? Future.succeededFuture()
            : applyModel(vertx, client, options.getModel()))
        .map(v -> client)
        .onFailure(err -> LOG.error("event=storage_deploy_failed", err));
  }

  /**
   * XREG_MODEL: built-in model names ({@code schema}, {@code message}, {@code endpoint},
   * {@code cloudevents}, {@code oci}, {@code cnr}, comma-separated) or a model file; set when it
   * differs from the stored one.
   */
  private static Future<Void> applyModel(Vertx vertx, EngineClient client, String file) {
    Future<JsonNode> source;
    if (isBuiltIn(file)) {
      source = Future.succeededFuture(Model.builtInSource(file));
    } else {
      source = vertx.fileSystem().readFile(file).map(bytes -> Json.parse(bytes.getBytes(), "/modelsource"));
    }
    return source.compose(wanted -> {
      return client.send(modelSource(Operation.READ, null)).compose(current -> {
        if (((Reply.Document) current).body().equals(wanted)) {
          return Future.succeededFuture();
        }
        LOG.info("event=model_applied file={}", file);
        return client.send(modelSource(Operation.REPLACE, Json.bytes(wanted))).mapEmpty();
      });
    });
  }

  /** True when every comma-separated part of XREG_MODEL names a built-in model. */
  static boolean isBuiltIn(String value) {
    for (String part : value.split(",")) {
      if (!ModelIncludes.BUILT_IN.contains(part.trim().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  private static XRegistryCommand modelSource(Operation operation, byte[] body) {
    return new XRegistryCommand(new RegistryRequest(Target.MODEL_SOURCE, operation, "/modelsource", Map.of(),
        body == null ? new byte[0] : body, "application/json", Map.of()));
  }

  /** Used by Main's shutdown: forget deployments of a closed Vert.x. */
  public static void forget(Vertx vertx) {
    synchronized (DEPLOYED) {
      DEPLOYED.remove(vertx);
    }
  }
}
