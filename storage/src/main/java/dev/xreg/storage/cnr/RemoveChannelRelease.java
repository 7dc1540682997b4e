package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** Removes a release from a channel (CNR-017). */
public record RemoveChannelRelease(RepositoryName repository, String channel, String release)
    implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return CnrStore.of(engine).removeFromChannel(repository, channel, release);
  }

  @Override
  public String operation() {
    return "cnr_write";
  }
}
