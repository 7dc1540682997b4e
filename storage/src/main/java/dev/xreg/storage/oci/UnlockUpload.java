package dev.xreg.storage.oci;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Gives back the write lock {@link LockUpload} took. */
public record UnlockUpload(String uploadId) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().unlockUpload(uploadId);
  }

  @Override
  public String subject() {
    return uploadId;
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
