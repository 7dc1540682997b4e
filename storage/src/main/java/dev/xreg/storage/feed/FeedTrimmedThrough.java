package dev.xreg.storage.feed;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** The newest trimmed position ({@link ChangeFeed#trimmedThrough()}), to refuse a resume from before it. */
public record FeedTrimmedThrough() implements Command<String> {

  @Override
  public Future<String> execute(Engine engine) {
    return engine.store().changeFeed().trimmedThrough();
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
