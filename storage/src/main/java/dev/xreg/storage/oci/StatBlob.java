package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.Optional;

/** The size of a blob the repository can read (OCI-005, OCI-007), empty when it cannot. */
public record StatBlob(RepositoryName repository, Digest digest) implements RepositoryCommand<Optional<Long>> {

  @Override
  public Future<Optional<Long>> execute(Engine engine) {
    return engine.oci().statBlob(repository, digest);
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
