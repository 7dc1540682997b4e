package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.Optional;

/** Cross-repository mount (OCI-016); {@code from} null is an anonymous mount. Empty when not mountable. */
public record MountBlob(RepositoryName repository, Digest digest, RepositoryName from) implements RepositoryCommand<Optional<Long>> {

  @Override
  public Future<Optional<Long>> execute(Engine engine) {
    return engine.oci().mountBlob(repository, digest, from);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
