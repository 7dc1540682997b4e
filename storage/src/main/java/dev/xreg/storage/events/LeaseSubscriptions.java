package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Leases due subscriptions for delivery by {@code owner} (see {@link Subscriptions#lease}). */
public record LeaseSubscriptions(String owner, int max, java.time.Duration lease) implements Command<java.util.List<Subscription>> {

  @Override
  public Future<java.util.List<Subscription>> execute(Engine engine) {
    return engine.store().subscriptions().lease(owner, max, lease);
  }

  @Override
  public String subject() {
    return "/-/subscriptions";
  }

  @Override
  public String operation() {
    return "subscription_delivery";
  }
}
