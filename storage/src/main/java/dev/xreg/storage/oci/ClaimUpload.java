package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * Claims an upload session of the repository for one write by {@code writer} (see
 * {@link OciStore#claimUpload}); fails with {@link ContentUnknown.What#UPLOAD} for an unknown
 * session and as out of order while another writer holds it.
 */
public record ClaimUpload(RepositoryName repository, String uploadId, String writer) implements RepositoryCommand<Upload> {

  @Override
  public Future<Upload> execute(Engine engine) {
    return engine.oci().claimUpload(repository, uploadId, writer);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
