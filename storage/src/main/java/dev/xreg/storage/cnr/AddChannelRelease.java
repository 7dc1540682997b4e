package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Adds a release to a channel and makes it current (CNR-016). */
public record AddChannelRelease(RepositoryName name, String channel, String release) implements Command<Channel> {

  @Override
  public Future<Channel> execute(Engine engine) {
    return new CnrStore(engine.oci()).addToChannel(name, channel, release);
  }

  @Override
  public String subject() {
    return name.value();
  }

  @Override
  public String operation() {
    return "cnr_write";
  }
}
