package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * One page of the referrers of a subject in a repository (OCI-023).
 *
 * @param artifactType the filter, null for none
 * @param n            the page size, not negative
 * @param last         the digest the page starts after, null for the first page
 */
public record ListReferrers(RepositoryName repository, String subject, String artifactType, int n, String last)
    implements RepositoryCommand<ReferrersPage> {

  @Override
  public Future<ReferrersPage> execute(Engine engine) {
    return engine.oci().referrers(repository, subject, artifactType, n, last);
  }

  @Override
  public String operation() {
    return "oci_read";
  }
}
