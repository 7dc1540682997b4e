package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** Deletes a channel (CNR-018). */
public record DeleteChannel(RepositoryName repository, String channel) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return CnrStore.of(engine).deleteChannel(repository, channel);
  }

  @Override
  public String operation() {
    return "cnr_delete";
  }
}
