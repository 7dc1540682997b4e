package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Deletes a manifest and its tags (OCI-025). */
public record DeleteManifest(RepositoryName repository, String digest) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().deleteManifest(repository, digest);
  }

  @Override
  public String operation() {
    return "oci_delete";
  }
}
