package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.content.TagPage;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** One page of a repository's tags (OCI-021/022). */
public record ListTags(RepositoryName repository, Integer n, String last) implements RepositoryCommand<TagPage> {

  @Override
  public Future<TagPage> execute(Engine engine) {
    return engine.oci().tags(repository, n, last);
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
