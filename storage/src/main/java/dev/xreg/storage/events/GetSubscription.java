package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** One subscription, or null. */
public record GetSubscription(String id) implements Command<Subscription> {

  @Override
  public Future<Subscription> execute(Engine engine) {
    return engine.store().subscriptions().get(id);
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
