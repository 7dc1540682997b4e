package dev.xreg.storage.engine;

import io.vertx.core.Future;

/** Readiness probe: answered once the database answered {@code SELECT 1}. */
public record Ping() implements Command<Ping> {

  @Override
  public Future<Ping> execute(Engine engine) {
    return engine.store().ping().map(this);
  }

  @Override
  public String subject() {
    return null;
  }

  @Override
  public String operation() {
    return "ping";
  }
}
