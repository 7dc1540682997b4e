package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Gives back every subscription lease {@code owner} holds, as a node stops (see {@link Subscriptions#release}). */
public record ReleaseLeases(String owner) implements Command<Integer> {

  @Override
  public Future<Integer> execute(Engine engine) {
    return engine.store().subscriptions().release(owner);
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
