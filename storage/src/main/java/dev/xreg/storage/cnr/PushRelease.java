package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Stores a pushed (release, media type) and re-tags the release, in one transaction (CNR-005). */
public record PushRelease(RepositoryName name, PackageArtifact artifact, boolean force) implements Command<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return new CnrStore(engine.oci()).push(name, artifact, force);
  }

  @Override
  public String subject() {
    return name.value();
  }

  @Override
  public String operation() {
    return "cnr_write";
  }
}
