package dev.xreg.storage.oci;

import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Stores a pushed manifest, and with a non-null {@code tag} points it there (OCI-018), in one transaction. */
public record PutManifest(RepositoryName repository, String digest, byte[] content, Manifest manifest, String tag) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().putManifest(repository, digest, content, manifest, tag);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
