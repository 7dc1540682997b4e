package dev.xreg.storage.oci;

import dev.xreg.storage.StorageObserver;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobInfo;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.UploadInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims the space of deleted OCI content (issue 14, "Garbage collection"), in the manner of
 * distribution's mark and sweep: what the manifests that exist reference is marked (through
 * {@code oci_manifest_blob}), the rest is swept, in this order in each pass:
 *
 * <ol>
 *   <li>blob links no manifest of their repository references, older than the grace period;
 *   <li>blobs in the store no repository links and no manifest names, last written before the grace period;
 *   <li>upload sessions idle for longer than the upload TTL: the row, then the bytes in the store;
 *   <li>uploads the store holds without a session row (a crash between the two, an abandoned
 *       single-request upload), idle for longer than the TTL.
 * </ol>
 *
 * Manifests themselves are never collected, tagged or not: as in distribution (without
 * {@code --delete-untagged}), a manifest pushed by digest stays until it is deleted.
 *
 * <p>Runs on the storage verticle's event loop from a periodic timer, every statement
 * asynchronous, a bounded batch per transaction. With several nodes on one database each node
 * schedules passes, and a session-level PostgreSQL advisory lock lets one run at a time; a node
 * that dies mid-pass drops its connection and with it the lock. Safe against concurrent pushes:
 * see {@link Sweep} for the link protocol. A blob's bytes are deleted only when, after the store
 * listed it as older than the grace period, no link and no manifest references it; a re-push of
 * the same bytes renews its age. (The one window left: identical bytes re-committed in the
 * milliseconds between that check and the delete lose their file; the grace period makes it
 * require a blob that nothing referenced for that whole period.)
 */
public final class GarbageCollector {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  /**
   * The collector's advisory lock key: per schema, so registries that share a database but not
   * a schema (tests, tenants) collect independently; migrations use a key of their own.
   */
  static final String LOCK_KEY = "hashtextextended('xreg oci gc ' || current_schema(), 0)";

  private final Vertx vertx;
  private final Pool pool;
  private final BlobStore blobs;
  private final StorageObserver observer;
  private final Sweep sweep;
  private final int intervalSeconds;
  private final int graceSeconds;
  private final int uploadTtlSeconds;
  private long timer = -1;
  /** The pass in progress on this node, if any; confined to the verticle's event loop. */
  private Future<GcReport> running;

  public GarbageCollector(Vertx vertx, Pool pool, BlobStore blobs, StorageObserver observer, StorageOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.blobs = blobs;
    this.observer = observer;
    this.sweep = new Sweep(pool);
    this.intervalSeconds = options.getGcIntervalSeconds();
    this.graceSeconds = options.getGcGraceSeconds();
    this.uploadTtlSeconds = options.getUploadTtlSeconds();
  }

  /** Schedules passes every interval (none when the interval is 0); call on the verticle's context. */
  public void start() {
    if (intervalSeconds > 0) {
      timer = vertx.setPeriodic(intervalSeconds * 1000L, id -> run());
      LOG.info("event=gc_scheduled interval_s={} grace_s={} upload_ttl_s={}", intervalSeconds, graceSeconds,
          uploadTtlSeconds);
    }
  }

  /** Stops scheduling; completes when a pass in progress has ended, so the pool can close after it. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return running == null ? Future.succeededFuture() : running.<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /**
   * One pass now, unless one is already running on this node (then that one's result). Fails
   * only if the database or the store failed; the next pass starts over.
   */
  public Future<GcReport> run() {
    if (running != null) {
      return running;
    }
    long start = System.nanoTime();
    Future<GcReport> pass = pool.getConnection().compose(lock -> lock
        .query("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")").execute()
        .compose(rs -> rs.iterator().next().getBoolean(0)
            ? sweepAll().eventually(() -> unlock(lock))
            : Future.succeededFuture(GcReport.SKIPPED))
        .eventually(lock::close));
    running = pass;
    return pass.onComplete(ar -> {
      running = null;
      long nanos = System.nanoTime() - start;
      if (ar.failed()) {
        LOG.warn("event=gc_failed ms={}", nanos / 1_000_000, ar.cause());
        observer.garbageCollection("error", nanos);
        return;
      }
      GcReport r = ar.result();
      observer.garbageCollection(r.ran() ? "ok" : "skipped", nanos);
      if (r.ran()) {
        observer.reclaimed("blob_link", r.links(), 0);
        observer.reclaimed("blob", r.blobs(), r.blobBytes());
        observer.reclaimed("upload", r.uploads(), r.uploadBytes());
        LOG.info("event=gc_done links={} blobs={} blob_bytes={} uploads={} upload_bytes={} ms={}", r.links(),
            r.blobs(), r.blobBytes(), r.uploads(), r.uploadBytes(), nanos / 1_000_000);
      }
    });
  }

  private static Future<Void> unlock(SqlConnection lock) {
    return lock.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute().mapEmpty();
  }

  /** The counts of one pass; touched only by that pass's callbacks, on one event loop. */
  private static final class Tally {
    long links;
    long blobs;
    long blobBytes;
    long uploads;
    long uploadBytes;

    GcReport report() {
      return new GcReport(true, links, blobs, blobBytes, uploads, uploadBytes);
    }
  }

  private Future<GcReport> sweepAll() {
    Tally tally = new Tally();
    // file times come from the store's clock, so the blob cutoff is taken here, not in SQL
    Instant blobCutoff = Instant.now().minus(Duration.ofSeconds(graceSeconds));
    Instant uploadCutoff = Instant.now().minus(Duration.ofSeconds(uploadTtlSeconds));
    return links(0, "", tally)
        .compose(v -> blobs(null, blobCutoff, tally))
        .compose(v -> expiredSessions(tally))
        .compose(v -> untrackedUploads(null, uploadCutoff, tally))
        .map(v -> tally.report());
  }

  private Future<Void> links(long afterRepository, String afterDigest, Tally tally) {
    return sweep.unreferencedLinks(afterRepository, afterDigest, graceSeconds).compose(batch -> {
      tally.links += batch.removed();
      return batch.candidates() < Sweep.BATCH ? Future.succeededFuture()
          : links(batch.lastRepository(), batch.lastDigest(), tally);
    });
  }

  private Future<Void> blobs(Digest after, Instant cutoff, Tally tally) {
    return blobs.listBlobs(after, Sweep.BATCH).compose(page -> {
      List<BlobInfo> old = page.stream().filter(b -> b.modifiedAt().isBefore(cutoff)).toList();
      Future<Void> swept = old.isEmpty() ? Future.succeededFuture()
          : sweep.stillReferenced(old.stream().map(b -> b.digest().toString()).toList())
              .compose(referenced -> deleteBlobs(old.stream()
                  .filter(b -> !referenced.contains(b.digest().toString())).toList(), 0, tally));
      return swept.compose(v -> page.size() < Sweep.BATCH ? Future.succeededFuture()
          : blobs(page.get(page.size() - 1).digest(), cutoff, tally));
    });
  }

  /** One at a time: a pass is background work and should not compete with pulls for the disk. */
  private Future<Void> deleteBlobs(List<BlobInfo> doomed, int index, Tally tally) {
    if (index == doomed.size()) {
      return Future.succeededFuture();
    }
    BlobInfo blob = doomed.get(index);
    return blobs.delete(blob.digest())
        .map(v -> {
          tally.blobs++;
          tally.blobBytes += blob.size();
          return (Void) null;
        })
        .recover(e -> gone(e, BlobException.Kind.UNKNOWN_BLOB))
        .compose(v -> deleteBlobs(doomed, index + 1, tally));
  }

  private Future<Void> expiredSessions(Tally tally) {
    return sweep.expiredUploads(uploadTtlSeconds).compose(expired -> {
      tally.uploads += expired.ids().size();
      tally.uploadBytes += expired.bytes();
      return cancelUploads(expired.ids(), 0).compose(v -> expired.ids().size() < Sweep.BATCH
          ? Future.succeededFuture() : expiredSessions(tally));
    });
  }

  private Future<Void> untrackedUploads(String after, Instant cutoff, Tally tally) {
    return blobs.listUploads(after, Sweep.BATCH).compose(page -> {
      List<UploadInfo> old = page.stream().filter(u -> u.modifiedAt().isBefore(cutoff)).toList();
      Future<Void> swept = old.isEmpty() ? Future.succeededFuture()
          : sweep.tracked(old.stream().map(UploadInfo::id).toList()).compose(tracked -> {
            List<UploadInfo> orphans = old.stream().filter(u -> !tracked.contains(u.id())).toList();
            tally.uploads += orphans.size();
            tally.uploadBytes += orphans.stream().mapToLong(UploadInfo::size).sum();
            return cancelUploads(orphans.stream().map(UploadInfo::id).toList(), 0);
          });
      return swept.compose(v -> page.size() < Sweep.BATCH ? Future.succeededFuture()
          : untrackedUploads(page.get(page.size() - 1).id(), cutoff, tally));
    });
  }

  private Future<Void> cancelUploads(List<String> ids, int index) {
    if (index == ids.size()) {
      return Future.succeededFuture();
    }
    return blobs.cancel(ids.get(index)).recover(e -> gone(e, BlobException.Kind.UNKNOWN_UPLOAD))
        .compose(v -> cancelUploads(ids, index + 1));
  }

  /** Something already gone (another pass, a client's own delete) is what the pass wanted. */
  private static Future<Void> gone(Throwable e, BlobException.Kind missing) {
    return e instanceof BlobException b && b.kind() == missing ? Future.succeededFuture() : Future.failedFuture(e);
  }

}
