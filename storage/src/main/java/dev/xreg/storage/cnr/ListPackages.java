package dev.xreg.storage.cnr;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.List;

/** The packages with a release, optionally in one namespace and matching a name substring (CNR-003/004). */
public record ListPackages(String namespace, String query) implements Command<List<PackageSummary>> {

  @Override
  public Future<List<PackageSummary>> execute(Engine engine) {
    return CnrStore.of(engine).list(namespace, query);
  }

  @Override
  public String subject() {
    return namespace;
  }

  @Override
  public String operation() {
    return "cnr_read";
  }
}
