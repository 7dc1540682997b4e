package dev.xreg.storage.oci;

import dev.xreg.storage.content.Descriptor;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.List;

/** The referrers of a subject in a repository (OCI-023). */
public record ListReferrers(RepositoryName repository, String subject) implements Command<List<Descriptor>> {

  @Override
  public Future<List<Descriptor>> execute(Engine engine) {
    return engine.oci().referrers(repository, subject);
  }

  @Override
  public String subject() {
    return repository.value();
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
