package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** All subscriptions in ID order. */
public record ListSubscriptions() implements Command<java.util.List<Subscription>> {

  @Override
  public Future<java.util.List<Subscription>> execute(Engine engine) {
    return engine.store().subscriptions().list();
  }

  @Override
  public String subject() {
    return "/-/subscriptions";
  }

  @Override
  public String operation() {
    return "subscription";
  }
}
