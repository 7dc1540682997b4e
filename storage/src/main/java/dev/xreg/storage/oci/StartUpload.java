package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Binds a new BlobStore upload to its repository (OCI-008), so it resumes after a restart. */
public record StartUpload(RepositoryName repository, String uploadId) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().startUpload(repository, uploadId);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
