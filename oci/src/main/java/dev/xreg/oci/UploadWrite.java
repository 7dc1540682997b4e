package dev.xreg.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.oci.LockUpload;
import dev.xreg.storage.oci.UnlockUpload;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One request's exclusive write to an upload session: a chunk or the closing PUT. Chunks of one
 * upload may reach different nodes (issue 18), so the exclusion is the engine's upload lock
 * (a PostgreSQL advisory lock that dies with its node), taken before any byte is written and
 * given back however the write ends.
 */
final class UploadWrite {
  private UploadWrite() {
  }

  /**
   * Runs {@code write} holding the lock of {@code uploadId}; fails without running it when the
   * session is unknown or another request is writing to it.
   */
  static <T> Future<T> run(OciEngine engine, RepositoryName name, String uploadId, Supplier<Future<T>> write) {
    return engine.send(new LockUpload(name, uploadId)).compose(locked -> {
      Future<T> written;
      try {
        written = write.get();
      } catch (RuntimeException e) {
        written = Future.failedFuture(e);
      }
      return written.transform(ar -> engine.send(new UnlockUpload(uploadId)).transform(v -> ar.succeeded()
          ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
    });
  }
}
