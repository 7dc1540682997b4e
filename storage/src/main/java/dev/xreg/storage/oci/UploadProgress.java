package dev.xreg.storage.oci;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Records the size of an upload after an acknowledged chunk. */
public record UploadProgress(String uploadId, long size) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().uploadProgress(uploadId, size);
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
