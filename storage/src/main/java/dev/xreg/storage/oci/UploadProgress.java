package dev.xreg.storage.oci;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Records the size of an upload after {@code writer}'s acknowledged chunk, releasing its claim. */
public record UploadProgress(String uploadId, long size, String writer) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().uploadProgress(uploadId, size, writer);
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
