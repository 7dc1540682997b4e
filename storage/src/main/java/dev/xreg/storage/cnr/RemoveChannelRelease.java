package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Removes a release from a channel (CNR-017). */
public record RemoveChannelRelease(RepositoryName name, String channel, String release) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return new CnrStore(engine.oci()).removeFromChannel(name, channel, release);
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
