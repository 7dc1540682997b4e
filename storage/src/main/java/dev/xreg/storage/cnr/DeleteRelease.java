package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Deletes one (release, media type) of a package (CNR-009). */
public record DeleteRelease(RepositoryName name, String release, PackageMediaType mediaType) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return new CnrStore(engine.oci()).deleteRelease(name, release, mediaType);
  }

  @Override
  public String subject() {
    return name.value();
  }

  @Override
  public String operation() {
    return "cnr_delete";
  }
}
