package dev.xreg.storage.oci;

import dev.xreg.storage.content.Reference;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** A manifest by tag or digest (OCI-003/004). */
public record GetManifest(RepositoryName repository, Reference reference) implements RepositoryCommand<StoredManifest> {

  @Override
  public Future<StoredManifest> execute(Engine engine) {
    return reference instanceof Reference.ByTag t ? engine.oci().manifestByTag(repository, t.value())
        : engine.oci().manifestByDigest(repository, reference.value());
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
