package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Ends an upload session (OCI-015, or a commit that failed verification); false when there was none. */
public record CancelUpload(RepositoryName repository, String uploadId) implements RepositoryCommand<Boolean> {

  @Override
  public Future<Boolean> execute(Engine engine) {
    return engine.oci().endUpload(repository, uploadId);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
