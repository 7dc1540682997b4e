package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Deletes a tag, keeping its manifest (OCI-024). */
public record DeleteTag(RepositoryName repository, String tag) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().deleteTag(repository, tag);
  }

  @Override
  public String operation() {
    return "oci_delete";
  }
}
