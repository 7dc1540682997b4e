package dev.xreg.storage.feed;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** How many change-feed rows lie after position {@code after}, counting at most {@code cap} ({@link ChangeFeed#countAfter}). */
public record CountPending(String after, int cap) implements Command<Long> {

  @Override
  public Future<Long> execute(Engine engine) {
    return engine.store().changeFeed().countAfter(after, cap);
  }

  @Override
  public String subject() {
    return "/-/subscriptions";
  }

  @Override
  public String operation() {
    return "feed_read";
  }
}
