package dev.xreg.storage.feed;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.time.Duration;

/** One batch of change-feed trimming ({@link ChangeFeed#trim}); answers the rows deleted. */
public record TrimFeed(Duration retention, int batch) implements Command<Integer> {

  @Override
  public Future<Integer> execute(Engine engine) {
    return engine.store().changeFeed().trim(retention, batch);
  }

  @Override
  public String subject() {
    return "/-/events";
  }

  @Override
  public String operation() {
    return "feed_trim";
  }
}
