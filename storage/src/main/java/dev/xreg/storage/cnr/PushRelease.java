package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** Stores a pushed (release, media type) and re-tags the release, in one transaction (CNR-005). */
public record PushRelease(RepositoryName repository, PackageArtifact artifact, boolean force)
    implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return CnrStore.of(engine).push(repository, artifact, force);
  }

  @Override
  public String operation() {
    return "cnr_write";
  }
}
