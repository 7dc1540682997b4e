package dev.xreg.api;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.EngineClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What the server hands every API module: the Vert.x instance, the engine (ready once the
 * storage verticle started and migrated), how public URLs are formed, so that every
 * API builds {@code self}, {@code Location} and {@code Link} URLs the same way, and where
 * content traffic is counted.
 */
public record ApiContext(Vertx vertx, Future<EngineClient> engine, PublicUrls publicUrls, ContentMeter meter) {

  /**
   * Runs {@code command} on the engine and completes on the caller's context. The engine
   * future is shared by every server verticle and bound to the context that deployed storage;
   * chaining on it directly would move the API's callbacks to that context.
   */
  public <R> Future<R> send(Command<R> command) {
    Context caller = Vertx.currentContext();
    return EngineClient.onContext(engine.compose(e -> e.send(command)), caller);
  }

  /** A context whose content traffic is not metered (embedding, tests). */
  public ApiContext(Vertx vertx, Future<EngineClient> engine, PublicUrls publicUrls) {
    this(vertx, engine, publicUrls, ContentMeter.NONE);
  }
}
