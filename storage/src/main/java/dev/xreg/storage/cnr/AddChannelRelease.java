package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** Adds a release to a channel and makes it current (CNR-016). */
public record AddChannelRelease(RepositoryName repository, String channel, String release)
    implements RepositoryCommand<Channel> {

  @Override
  public Future<Channel> execute(Engine engine) {
    return CnrStore.of(engine).addToChannel(repository, channel, release);
  }

  @Override
  public String operation() {
    return "cnr_write";
  }
}
