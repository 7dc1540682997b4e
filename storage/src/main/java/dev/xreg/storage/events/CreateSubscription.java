package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * Stores a new subscription (see {@link Subscriptions#create}); {@code owner}: who it delivers for
 * (JSON text the auth module wrote), null for no restriction.
 */
public record CreateSubscription(String id, String definition, String owner) implements Command<Subscription> {

  @Override
  public Future<Subscription> execute(Engine engine) {
    return engine.store().subscriptions().create(id, definition, owner);
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
