package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Ends the snapshot a streamed document was read from (its last chunk was read, or the client left). */
public record CloseSnapshot(String snapshot, String subject) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.snapshots().close(snapshot);
  }

  @Override
  public String operation() {
    return "snapshot_close";
  }
}
