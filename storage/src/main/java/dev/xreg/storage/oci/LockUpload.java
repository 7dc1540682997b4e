package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * Takes the write lock of an upload session of the repository ({@link UploadLocks}); fails with
 * {@link ContentUnknown.What#UPLOAD} for an unknown session and as out of order while another
 * request writes to it. The writer gives it back with {@link UnlockUpload}, however it ends.
 */
public record LockUpload(RepositoryName repository, String uploadId) implements RepositoryCommand<Void> {

  @Override
  public Future<Void> execute(Engine engine) {
    return engine.oci().lockUpload(repository, uploadId);
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
