package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** The upload session if it is in progress in this repository (OCI-011..014); fails with {@link ContentUnknown.What#UPLOAD}. */
public record UploadState(RepositoryName repository, String uploadId) implements RepositoryCommand<Upload> {

  @Override
  public Future<Upload> execute(Engine engine) {
    return engine.oci().upload(repository, uploadId);
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
