package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** A package with its releases and channels (CNR-006..015). */
public record GetPackage(RepositoryName name) implements Command<PackageState> {

  @Override
  public Future<PackageState> execute(Engine engine) {
    return new CnrStore(engine.oci()).get(name);
  }

  @Override
  public String subject() {
    return name.value();
  }

  @Override
  public String operation() {
    return "cnr_read";
  }
}
