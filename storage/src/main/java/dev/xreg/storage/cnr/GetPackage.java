package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.RepositoryCommand;
import io.vertx.core.Future;

/** A package with its releases and channels (CNR-006..015). */
public record GetPackage(RepositoryName repository) implements RepositoryCommand<PackageState> {

  @Override
  public Future<PackageState> execute(Engine engine) {
    return CnrStore.of(engine).get(repository);
  }

  @Override
  public String operation() {
    return "cnr_read";
  }
}
