package dev.xreg.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.oci.ClaimUpload;
import dev.xreg.storage.oci.OciStore;
import dev.xreg.storage.oci.UploadClaim;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.function.Function;

/**
 * One request's exclusive write to an upload session: a chunk or the closing PUT. Chunks of one
 * upload may reach different nodes (issue 18), so the exclusion lives in the session's row, not
 * in a node's memory: the write claims the row first, renews the claim while its bytes flow
 * (a 256 MiB chunk from a slow client takes longer than the claim lasts) and gives it up when it
 * fails. A successful write ends the claim itself ({@code UploadProgress}, {@code FinishUpload}).
 */
final class UploadWrite {
  private static final long RENEW_EVERY_MS = OciStore.WRITE_CLAIM.toMillis() / 3;

  private final OciEngine engine;
  private final String uploadId;
  private final String writer = UUID.randomUUID().toString();

  private UploadWrite(OciEngine engine, String uploadId) {
    this.engine = engine;
    this.uploadId = uploadId;
  }

  /**
   * Runs {@code write} holding the claim on {@code uploadId}; fails without running it when the
   * session is unknown or another request is writing to it.
   */
  static <T> Future<T> run(OciEngine engine, Vertx vertx, RepositoryName name, String uploadId,
      Function<String, Future<T>> write) {
    UploadWrite claim = new UploadWrite(engine, uploadId);
    return engine.send(new ClaimUpload(name, uploadId, claim.writer)).compose(u -> claim.holding(vertx, write));
  }

  private <T> Future<T> holding(Vertx vertx, Function<String, Future<T>> write) {
    long renewal = vertx.setPeriodic(RENEW_EVERY_MS, t -> engine.send(UploadClaim.renew(uploadId, writer)));
    Future<T> written;
    try {
      written = write.apply(writer);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written
        .andThen(ar -> vertx.cancelTimer(renewal))
        .recover(e -> engine.send(UploadClaim.release(uploadId, writer)).transform(v -> Future.failedFuture(e)));
  }
}
