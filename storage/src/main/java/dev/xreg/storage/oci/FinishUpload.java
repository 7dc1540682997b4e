package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Ends an upload whose blob the BlobStore committed, linking the blob into the repository (OCI-013). */
public record FinishUpload(RepositoryName repository, String uploadId, Digest digest, long size) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().finishUpload(repository, uploadId, digest, size);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
