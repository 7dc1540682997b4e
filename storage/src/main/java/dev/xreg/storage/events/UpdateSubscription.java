package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Replaces a subscription's definition (see {@link Subscriptions#update}); null if there is none. */
public record UpdateSubscription(String id, String definition) implements Command<Subscription> {

  @Override
  public Future<Subscription> execute(Engine engine) {
    return engine.store().subscriptions().update(id, definition);
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
