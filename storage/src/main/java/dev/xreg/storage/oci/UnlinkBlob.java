package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Blob delete (OCI-026): unlinks the blob from the repository; garbage collection frees the bytes. */
public record UnlinkBlob(RepositoryName repository, Digest digest) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().unlinkBlob(repository, digest);
  }

  @Override
  public String operation() {
    return "oci_delete";
  }
}
