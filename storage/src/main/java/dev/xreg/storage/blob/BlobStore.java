package dev.xreg.storage.blob;

import dev.xreg.storage.blob.BlobException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Content-addressed blob storage (image layers, packages, large documents), streaming both
 * ways, with resumable writes. Every method is non-blocking and may be called from any event
 * loop; failures the caller can name are {@link BlobException}s.
 *
 * <p>Uploads are addressed by ID and offset only, never by an object held in memory, so the
 * chunks of one upload may arrive through different store instances (a restart, another
 * node on shared storage). A blob becomes visible only once {@link #commit} has verified its
 * digest and size and made it durable; nothing of a failed, cancelled or interrupted upload
 * is ever visible as a blob.
 *
 * <p>Every driver passes {@code BlobStoreContract}.
 */
public interface BlobStore {

  /**
   * Opens the store the options describe, creating its directories or checking its bucket. The
   * disk store is built in; any other type comes from the {@link BlobStoreProvider} of that type
   * on the class path, and fails with {@link Kind#UNAVAILABLE} when there is none.
   */
  static Future<BlobStore> create(Vertx vertx, BlobStoreOptions options) {
    if (BlobStoreOptions.TYPE_DISK.equals(options.getType())) {
      return DiskBlobStore.open(vertx, options).map(store -> store);
    }
    for (BlobStoreProvider provider : ServiceLoader.load(BlobStoreProvider.class, BlobStoreProvider.class.getClassLoader())) {
      if (provider.type().equals(options.getType())) {
        return provider.open(vertx, options);
      }
    }
    return Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
        "blob store type '" + options.getType() + "' is not available in this build"));
  }

  // ----------------------------------------------------------------------------- reads

  /** The blob's size and age, or empty when no blob has that digest. */
  Future<Optional<BlobInfo>> stat(Digest digest);

  /**
   * A range of the blob: {@code length} bytes from {@code offset}, clamped to the end of the
   * blob; a negative {@code length} means up to the end.
   *
   * @return fails with {@link Kind#UNKNOWN_BLOB}, or {@link Kind#INVALID_RANGE} when
   *     {@code offset} is negative or past the end of the blob
   */
  Future<BlobRead> read(Digest digest, long offset, long length);

  /**
   * A URL from which a client may {@code GET} the blob's bytes directly, without this server,
   * for about {@code validFor} (issue 18, {@code XREG_BLOB_REDIRECT}). The URL grants access by
   * itself (a signature in the query), so hand it only to a client already allowed to read the
   * blob. Stores that cannot sign such URLs (the disk store) answer empty, and so may a store
   * that can, for a blob it does not hold: callers then serve the bytes themselves.
   */
  default Future<Optional<URI>> presignedUrl(Digest digest, Duration validFor) {
    return Future.succeededFuture(Optional.empty());
  }

  // ----------------------------------------------------------------------------- uploads

  /**
   * Starts an empty upload.
   *
   * @return its ID, an opaque token of URL-safe characters (the disk store's are UUIDs); fails with
   *     {@link Kind#STORAGE_FULL} while free space is below the configured minimum
   */
  Future<String> startUpload();

  /**
   * Appends {@code data} to the upload if it holds exactly {@code expectedOffset} bytes. The
   * stream is paused at once and consumed with back-pressure; if the call fails before
   * reading it (a wrong offset, an unknown upload), it is left paused for the caller. A write
   * that fails midway (the stream failed, the disk filled) is undone: the upload keeps its
   * previous size and can be resumed from it.
   *
   * @return the upload's new size; fails with {@link Kind#OUT_OF_ORDER} when the upload does
   *     not hold {@code expectedOffset} bytes or another append or commit to it is in flight,
   *     {@link Kind#UNKNOWN_UPLOAD}, {@link Kind#STORAGE_FULL}, or the stream's own failure
   */
  Future<Long> append(String uploadId, long expectedOffset, ReadStream<Buffer> data);

  /** How many bytes the upload holds, the offset the next {@link #append} must give. */
  Future<Long> uploadSize(String uploadId);

  /**
   * Verifies the upload's bytes against {@code expected} (recomputed over the stored bytes)
   * and, when given, {@code expectedSize}; then makes them durable and visible under their
   * digest, and ends the upload. Committing content that is already stored succeeds, and
   * renews the blob's {@link BlobInfo#modifiedAt()}.
   *
   * @return the stored blob; fails with {@link Kind#DIGEST_MISMATCH} or
   *     {@link Kind#SIZE_MISMATCH}, in which case the upload's data is deleted and nothing is
   *     stored, or {@link Kind#UNKNOWN_UPLOAD}, {@link Kind#OUT_OF_ORDER} (an append is in flight)
   */
  Future<BlobInfo> commit(String uploadId, Digest expected, Long expectedSize);

  /** Ends the upload and deletes its data. Fails with {@link Kind#UNKNOWN_UPLOAD}. */
  Future<Void> cancel(String uploadId);

  // ----------------------------------------------------------------------------- management

  /** Deletes the blob (garbage collection decides when). Fails with {@link Kind#UNKNOWN_BLOB}. */
  Future<Void> delete(Digest digest);

  /**
   * One page of the stored blobs in digest order, starting after {@code after} (null: from
   * the first), at most {@code limit} of them; a shorter page is the last.
   */
  Future<List<BlobInfo>> listBlobs(Digest after, int limit);

  /** One page of the uploads in progress in ID order, after {@code after} (null: from the first). */
  Future<List<UploadInfo>> listUploads(String after, int limit);

  /**
   * A cheap check that the storage answers, for readiness probes: the disk store's directories
   * are there, the object store's bucket answers. Fails with {@link Kind#UNAVAILABLE}.
   */
  Future<Void> ping();

  /** The bytes still free for blobs, as the operating system or the service reports them. */
  Future<Long> freeBytes();

  /** Releases the store's threads and handles; uploads and blobs stay where they are. */
  Future<Void> close();
}
