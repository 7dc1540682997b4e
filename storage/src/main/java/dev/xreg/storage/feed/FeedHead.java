package dev.xreg.storage.feed;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** The newest position a reader may start following from ({@link ChangeFeed#head()}). */
public record FeedHead() implements Command<String> {

  @Override
  public Future<String> execute(Engine engine) {
    return engine.store().changeFeed().head();
  }

  @Override
  public String subject() {
    return "/-/events";
  }

  @Override
  public String operation() {
    return "feed_read";
  }
}
