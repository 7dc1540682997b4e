package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Deletes a subscription; the deleted one, or null. */
public record DeleteSubscription(String id) implements Command<Subscription> {

  @Override
  public Future<Subscription> execute(Engine engine) {
    return engine.store().subscriptions().delete(id);
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
