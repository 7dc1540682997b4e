package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Deletes a channel (CNR-018). */
public record DeleteChannel(RepositoryName name, String channel) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return new CnrStore(engine.oci()).deleteChannel(name, channel);
  }

  @Override
  public String subject() {
    return name.value();
  }

  @Override
  public String operation() {
    return "cnr_delete";
  }
}
