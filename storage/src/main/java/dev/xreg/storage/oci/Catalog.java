package dev.xreg.storage.oci;

import dev.xreg.storage.content.TagPage;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** One page of repository names (OCI-032). */
public record Catalog(Integer n, String last) implements Command<TagPage> {

  @Override
  public Future<TagPage> execute(Engine engine) {
    return engine.oci().catalog(n, last);
  }

  @Override
  public String subject() {
    return null;
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
