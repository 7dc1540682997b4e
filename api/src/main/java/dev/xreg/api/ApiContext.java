package dev.xreg.api;

import dev.xreg.storage.engine.EngineClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What the server hands every API module: the Vert.x instance, the engine (ready once the
 * storage verticle started and migrated), how public URLs are formed, so that every
 * API builds {@code self}, {@code Location} and {@code Link} URLs the same way, and where
 * content traffic is counted.
 */
public record ApiContext(Vertx vertx, Future<EngineClient> engine, PublicUrls publicUrls, ContentMeter meter) {

  /** A context whose content traffic is not metered (embedding, tests). */
  public ApiContext(Vertx vertx, Future<EngineClient> engine, PublicUrls publicUrls) {
    this(vertx, engine, publicUrls, ContentMeter.NONE);
  }
}
