package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** Deletes one (release, media type) of a package (CNR-009). */
public record DeleteRelease(RepositoryName repository, String release, PackageMediaType mediaType)
    implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return CnrStore.of(engine).deleteRelease(repository, release, mediaType);
  }

  @Override
  public String operation() {
    return "cnr_delete";
  }
}
