package dev.xreg.storage.feed;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.List;

/** Up to {@code max} committed transactions after position {@code after} (null: from the start). */
public record ReadFeed(String after, int max) implements Command<List<ChangeSet>> {

  @Override
  public Future<List<ChangeSet>> execute(Engine engine) {
    return engine.store().changeFeed().after(after, max);
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
