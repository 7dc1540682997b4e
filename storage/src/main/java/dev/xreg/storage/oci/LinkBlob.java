package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Makes a committed blob readable in the repository (single-POST and monolithic uploads, OCI-009/010). */
public record LinkBlob(RepositoryName repository, Digest digest, long size) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().linkBlob(repository, digest, size);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
