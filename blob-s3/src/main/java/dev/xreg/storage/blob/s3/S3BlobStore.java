package dev.xreg.storage.blob.s3;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobException.Kind;
import dev.xreg.storage.blob.BlobInfo;
import dev.xreg.storage.blob.BlobRange;
import dev.xreg.storage.blob.BlobRead;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.BlobStoreOptions;
import dev.xreg.storage.blob.BlobStream;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.Digester;
import dev.xreg.storage.blob.UploadInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in a bucket of an S3-compatible object store ({@code XREG_BLOB_STORE=s3}), laid out as
 * {@link ObjectKeys} says. Every node on the same bucket sees the same blobs and uploads.
 *
 * <p>An upload is its {@link UploadState} object plus the parts and tail it names, all in the
 * bucket, so its next chunk may reach any node. An append reads the state, checks the offset,
 * streams the chunk into multipart parts ({@link PartWriter}), stores the new tail, and then
 * writes the new state: only that last write makes the append count, so a failed append leaves
 * the upload as it was. A commit assembles the bytes into the upload's {@code data} object
 * (completing the multipart upload, whose last part is the tail; a blob smaller than a part is
 * its tail object as it is), hashes them again as they stream back, and only when digest and
 * size match copies them, server-side, under the blob's key. Nothing under {@code uploads/} is
 * ever read as a blob, so a mismatch, a cancel or a crash leaves nothing visible.
 *
 * <p>The store has no database handle: two nodes appending to one upload at the same moment
 * are told apart only within one node ({@link Kind#OUT_OF_ORDER}); OCI clients send an
 * upload's chunks one after another. Free space is unknown to S3: {@link #freeBytes()}
 * reports {@link Long#MAX_VALUE}, and {@link BlobRead#file()} is always empty.
 */
public final class S3BlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
  /** ListObjectsV2 returns at most this many keys per request. */
  private static final int LIST_PAGE = 1000;

  private final Bucket bucket;
  private final WorkerExecutor worker;
  private final ObjectKeys keys;
  /** The heap that uploads in progress may hold for their parts, all together. */
  private final PartBudget partBudget;
  /** Uploads with an append or commit in flight through this instance: a second one is out of order. */
  private final Set<String> writing = ConcurrentHashMap.newKeySet();

  private S3BlobStore(Bucket bucket, WorkerExecutor worker, ObjectKeys keys, PartBudget partBudget) {
    this.bucket = bucket;
    this.worker = worker;
    this.keys = keys;
    this.partBudget = partBudget;
  }

  /** Connects to the bucket the options name; fails with {@link Kind#UNAVAILABLE} when it does not answer. */
  public static Future<S3BlobStore> open(Vertx vertx, BlobStoreOptions options) {
    return open(vertx, options, Bucket.COPY_LIMIT, List.of());
  }

  /**
   * As {@link #open(Vertx, BlobStoreOptions)}, copying blobs larger than {@code copyLimit} part
   * by part and with extra SDK interceptors: what tests need to reach every path.
   */
  static Future<S3BlobStore> open(Vertx vertx, BlobStoreOptions options, long copyLimit,
      List<ExecutionInterceptor> interceptors) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("xreg-blob-s3", options.getWorkerPoolSize());
    long copyPart = Math.max(Math.min(copyLimit, 1024L * 1024 * 1024), PartWriter.MIN_PART_SIZE);
    PartBudget budget = new PartBudget(PartBudget.slotsFor(options.getS3UploadMemoryBytes(), Runtime.getRuntime().maxMemory()));
    return Bucket.connect(options, worker, copyLimit, copyPart, interceptors)
        .map(bucket -> {
          LOG.info("Blob store in S3 bucket {}{} at {}; uploads hold at most {} parts of {} MiB in memory",
              bucket.name(), options.getS3Prefix().isEmpty() ? "" : " under " + options.getS3Prefix(),
              options.getS3Endpoint().isEmpty() ? "AWS" : options.getS3Endpoint(), budget.slots(),
              PartWriter.PART_SIZE >> 20);
          return new S3BlobStore(bucket, worker, new ObjectKeys(options.getS3Prefix()), budget);
        })
        .recover(failure -> worker.close().transform(closed -> Future.failedFuture(failure)));
  }

  // ----------------------------------------------------------------------------- reads

  @Override
  public Future<Optional<BlobInfo>> stat(Digest digest) {
    return bucket.head(keys.blob(digest)).map(head -> head.map(h -> info(digest, h)));
  }

  @Override
  public Future<BlobRead> read(Digest digest, long offset, long length) {
    return bucket.head(keys.blob(digest)).map(head -> {
      long size = head.orElseThrow(() -> new BlobException(Kind.UNKNOWN_BLOB, "blob unknown: " + digest)).contentLength();
      if (offset < 0 || offset > size) {
        throw new BlobException(Kind.INVALID_RANGE, "offset " + offset + " is outside the blob's " + size + " bytes");
      }
      long available = size - offset;
      return new ObjectRead(digest, size, offset, length < 0 ? available : Math.min(length, available));
    });
  }

  /** A range of a committed blob, fetched with a ranged GET when opened. */
  private final class ObjectRead extends BlobRange {
    ObjectRead(Digest digest, long blobSize, long offset, long length) {
      super(digest, blobSize, offset, length);
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }

    @Override
    public Future<BlobStream> open() {
      return bucket.stream(keys.blob(digest()), offset(), length()).<BlobStream>map(stream -> stream)
          .recover(absentAs(Kind.UNKNOWN_BLOB));
    }
  }

  /**
   * A presigned GET of the blob's object: anyone holding the URL may read it until it expires,
   * straight from the object store. Signing is local (no request), so a blob removed since the
   * caller looked it up yields a URL that answers 404, as the node itself would.
   */
  @Override
  public Future<Optional<URI>> presignedUrl(Digest digest, Duration validFor) {
    return bucket.presignGet(keys.blob(digest), validFor).map(Optional::of);
  }

  // ----------------------------------------------------------------------------- uploads

  @Override
  public Future<String> startUpload() {
    String id = UUID.randomUUID().toString();
    return bucket.put(keys.state(id), UploadState.empty().toBuffer()).map(v -> id);
  }

  @Override
  public Future<Long> append(String uploadId, long expectedOffset, ReadStream<Buffer> data) {
    data.pause();
    // heard from now on: a client that goes away while the append waits (for the state, a
    // slot, the tail) must end the append, not leave it waiting on a stream that never ends
    Promise<Void> abandoned = Promise.promise();
    data.exceptionHandler(abandoned::tryFail);
    try {
      ObjectKeys.requireUploadId(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    if (!writing.add(uploadId)) {
      return Future.failedFuture(busy(uploadId));
    }
    return state(uploadId)
        .compose(state -> state.size() == expectedOffset ? appendAt(uploadId, state, data, abandoned.future())
            : Future.failedFuture(new BlobException(Kind.OUT_OF_ORDER,
                "upload " + uploadId + " holds " + state.size() + " bytes, not " + expectedOffset)))
        // a part or tail that vanished under the append: the upload was cancelled meanwhile
        .recover(absentAs(Kind.UNKNOWN_UPLOAD))
        .eventually(() -> {
          writing.remove(uploadId);
          return Future.succeededFuture();
        });
  }

  /** Takes a slot of the part budget before the tail comes into memory; the append gives its slots back when it ends. */
  private Future<Long> appendAt(String uploadId, UploadState state, ReadStream<Buffer> data, Future<Void> abandoned) {
    return partBudget.acquire(abandoned).compose(slot -> tailOf(uploadId, state)
        .onFailure(failure -> slot.release())
        .compose(tail -> {
          PartWriter writer;
          Future<Long> written;
          try {
            writer = new PartWriter(bucket, partBudget, keys.data(uploadId), state, slot, tail);
          } catch (RuntimeException | OutOfMemoryError e) {
            slot.release();
            return Future.failedFuture(e);
          }
          try {
            written = write(uploadId, state, writer, data, abandoned);
          } catch (RuntimeException e) {
            // e.g. a request already read: the writer's slots go back all the same
            written = Future.failedFuture(e);
          }
          return written.eventually(() -> {
            writer.close();
            return Future.succeededFuture();
          });
        }));
  }

  private Future<Buffer> tailOf(String uploadId, UploadState state) {
    if (state.tail() == 0) {
      return Future.succeededFuture(Buffer.buffer());
    }
    String key = keys.tail(uploadId, state.size());
    return bucket.getBytes(key).map(stored -> stored.orElseThrow(
        () -> new BlobException(Kind.UNAVAILABLE, "the tail object " + key + " of upload " + uploadId + " is missing")).bytes());
  }

  /** Streams the chunk into parts, stores the new tail, then the new state, which makes it count. */
  private Future<Long> write(String uploadId, UploadState state, PartWriter writer, ReadStream<Buffer> data,
      Future<Void> abandoned) {
    return writer.write(data, abandoned).compose(written -> {
      long size = state.size() + written.received();
      UploadState next = state.appended(size, written.multipart(), written.parts(), written.tail().remaining());
      Future<Void> storeTail = !written.tail().hasRemaining() || written.received() == 0 ? Future.succeededFuture()
          : bucket.put(keys.tail(uploadId, size), written.tail());
      return storeTail.compose(v -> bucket.put(keys.state(uploadId), next.toBuffer())).map(v -> {
        if (state.tail() > 0 && size != state.size()) {
          dropQuietly(keys.tail(uploadId, state.size()));
        }
        return size;
      });
    }).recover(failure -> {
      String started = writer.startedMultipart();
      Future<Void> undone = started == null ? Future.succeededFuture() : bucket.abort(keys.data(uploadId), started);
      // the caller's stream failure passes through as it is
      return undone.transform(ignored -> Future.failedFuture(failure));
    });
  }

  @Override
  public Future<Long> uploadSize(String uploadId) {
    try {
      ObjectKeys.requireUploadId(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    return state(uploadId).map(UploadState::size);
  }

  @Override
  public Future<BlobInfo> commit(String uploadId, Digest expected, Long expectedSize) {
    try {
      ObjectKeys.requireUploadId(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    if (!writing.add(uploadId)) {
      return Future.failedFuture(busy(uploadId));
    }
    return state(uploadId).compose(state -> {
      if (expectedSize != null && state.size() != expectedSize) {
        return discard(uploadId, state).transform(v -> Future.<BlobInfo>failedFuture(new BlobException(
            Kind.SIZE_MISMATCH, "received " + state.size() + " bytes, not " + expectedSize)));
      }
      return assemble(uploadId, state).compose(staged -> verify(staged, state.size(), expected)
          .compose(v -> publish(staged, expected, state.size()))
          .recover(failure -> failure instanceof BlobException b && b.kind() == Kind.DIGEST_MISMATCH
              ? discard(uploadId, state).transform(ignored -> Future.failedFuture(failure))
              : Future.failedFuture(failure)))
          .compose(info -> discardObjects(uploadId).transform(cleaned -> {
            if (cleaned.failed()) {
              LOG.warn("Blob {} is stored, but upload {} could not be cleaned up; garbage collection will",
                  expected, uploadId, cleaned.cause());
            }
            return Future.succeededFuture(info);
          }));
    }).recover(absentAs(Kind.UNKNOWN_UPLOAD)).eventually(() -> {
      writing.remove(uploadId);
      return Future.succeededFuture();
    });
  }

  /**
   * Puts the upload's bytes in one object and names it; null for an empty upload. An upload
   * that never filled a part is its tail object; otherwise the tail becomes the last part
   * (a server-side copy) and the multipart upload completes into the {@code data} object.
   */
  private Future<String> assemble(String uploadId, UploadState state) {
    if (state.size() == 0) {
      return Future.succeededFuture(null);
    }
    if (state.parts().isEmpty()) {
      return Future.succeededFuture(keys.tail(uploadId, state.size()));
    }
    String data = keys.data(uploadId);
    List<UploadState.Part> parts = new ArrayList<>(state.parts());
    Future<Void> last = state.tail() == 0 ? Future.succeededFuture()
        : bucket.copyPart(keys.tail(uploadId, state.size()), state.tail(), data, state.multipartId(), state.nextPartNumber())
            .map(part -> {
              parts.add(part);
              return null;
            });
    return last.compose(v -> bucket.complete(data, state.multipartId(), parts))
        .recover(failure -> failure instanceof ObjectMissing
            // completed by an earlier commit that failed after it: the data object is there
            ? bucket.head(data).compose(head -> head.filter(h -> h.contentLength() == state.size()).isPresent()
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(new BlobException(Kind.UNAVAILABLE, "the parts of upload " + uploadId + " are gone")))
            : Future.failedFuture(failure))
        .map(data);
  }

  /** Hashes the stored bytes again (OCI-034: digests are recomputed over what was received). */
  private Future<Void> verify(String staged, long size, Digest expected) {
    Future<Digester> hashed = staged == null ? Future.succeededFuture(Digester.of(expected.algorithm()))
        : bucket.digest(staged, expected.algorithm());
    return hashed.compose(digester -> {
      Digest actual = digester.digest();
      if (digester.size() != size) {
        return Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
            "the object store returned " + digester.size() + " bytes of an upload of " + size));
      }
      return actual.equals(expected) ? Future.succeededFuture()
          : Future.failedFuture(new BlobException(Kind.DIGEST_MISMATCH,
              "received content has digest " + actual + ", not " + expected));
    });
  }

  /**
   * Copies the verified bytes under the digest. Copying over a blob that is already there
   * writes the same bytes and renews its time, as garbage collection's grace period wants.
   */
  private Future<BlobInfo> publish(String staged, Digest digest, long size) {
    String target = keys.blob(digest);
    Future<Void> stored = staged == null ? bucket.put(target, Buffer.buffer()) : bucket.copy(staged, target, size);
    return stored.compose(v -> bucket.head(target)).map(head -> info(digest, head.orElseThrow(
        () -> new BlobException(Kind.UNAVAILABLE, "blob " + digest + " vanished right after it was stored"))));
  }

  @Override
  public Future<Void> cancel(String uploadId) {
    try {
      ObjectKeys.requireUploadId(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    return state(uploadId).compose(state -> discard(uploadId, state)).recover(absentAs(Kind.UNKNOWN_UPLOAD));
  }

  /** Ends an upload that will never be a blob: its multipart upload, then its objects. */
  private Future<Void> discard(String uploadId, UploadState state) {
    Future<Void> aborted = state.multipartId() == null ? Future.succeededFuture()
        : bucket.abort(keys.data(uploadId), state.multipartId());
    return aborted.compose(v -> discardObjects(uploadId));
  }

  /** Deletes the upload's objects, its state last, so that a failure midway leaves an upload that can be cancelled again. */
  private Future<Void> discardObjects(String uploadId) {
    String state = keys.state(uploadId);
    return keysUnder(keys.upload(uploadId), null, new ArrayList<>()).compose(found -> {
      List<String> others = found.stream().filter(key -> !key.equals(state)).toList();
      return bucket.deleteAll(others);
    }).compose(v -> bucket.delete(state));
  }

  private Future<List<String>> keysUnder(String prefix, String continuation, List<String> found) {
    return bucket.list(prefix, null, continuation, LIST_PAGE).compose(page -> {
      page.contents().forEach(object -> found.add(object.key()));
      return page.isTruncated() ? keysUnder(prefix, page.nextContinuationToken(), found) : Future.succeededFuture(found);
    });
  }

  private Future<UploadState> state(String uploadId) {
    return bucket.getBytes(keys.state(uploadId)).map(stored -> stored
        .map(s -> UploadState.fromBuffer(s.bytes(), s.response().lastModified()))
        .orElseThrow(() -> new BlobException(Kind.UNKNOWN_UPLOAD, "upload unknown: " + uploadId)));
  }

  /** The store's part budget, for tests that check the bound. */
  PartBudget partBudget() {
    return partBudget;
  }

  // ----------------------------------------------------------------------------- management

  @Override
  public Future<Void> delete(Digest digest) {
    String key = keys.blob(digest);
    return bucket.head(key).compose(head -> head.isPresent() ? bucket.delete(key)
        : Future.failedFuture(new BlobException(Kind.UNKNOWN_BLOB, "blob unknown: " + digest)))
        .recover(absentAs(Kind.UNKNOWN_BLOB));
  }

  @Override
  public Future<List<BlobInfo>> listBlobs(Digest after, int limit) {
    requirePositive(limit);
    return listBlobs(after == null ? null : keys.blob(after), null, limit, new ArrayList<>());
  }

  /** Pages through {@code blobs/} in key (digest) order, skipping stray keys, until the page is full. */
  private Future<List<BlobInfo>> listBlobs(String startAfter, String continuation, int limit, List<BlobInfo> page) {
    return bucket.list(keys.blobs(), continuation == null ? startAfter : null, continuation, Math.min(LIST_PAGE, limit))
        .compose(listed -> {
          for (S3Object object : listed.contents()) {
            Optional<Digest> digest = keys.digestOf(object.key());
            if (digest.isPresent()) {
              page.add(new BlobInfo(digest.get(), object.size(), object.lastModified()));
              if (page.size() == limit) {
                return Future.succeededFuture(page);
              }
            }
          }
          return listed.isTruncated() ? listBlobs(startAfter, listed.nextContinuationToken(), limit, page)
              : Future.succeededFuture(page);
        });
  }

  @Override
  public Future<List<UploadInfo>> listUploads(String after, int limit) {
    requirePositive(limit);
    return uploadIds(after, null, limit, new ArrayList<>()).compose(found -> {
      List<Future<Optional<UploadInfo>>> infos = found.stream().map(id -> state(id)
          .map(state -> Optional.of(new UploadInfo(id, state.size(), state.modifiedAt())))
          // committed or cancelled since it was listed
          .recover(failure -> failure instanceof BlobException b && b.kind() == Kind.UNKNOWN_UPLOAD
              ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure))).toList();
      return Future.all(infos).map(all -> infos.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  /** The IDs of upload state objects after {@code after}, in ID order. */
  private Future<List<String>> uploadIds(String after, String continuation, int limit, List<String> found) {
    String startAfter = after == null ? null : keys.state(after);
    return bucket.list(keys.uploads(), continuation == null ? startAfter : null, continuation, LIST_PAGE)
        .compose(listed -> {
          for (S3Object object : listed.contents()) {
            Optional<String> id = keys.uploadIdOfState(object.key());
            if (id.isPresent() && (after == null || id.get().compareTo(after) > 0)) {
              found.add(id.get());
              if (found.size() == limit) {
                return Future.succeededFuture(found);
              }
            }
          }
          return listed.isTruncated() ? uploadIds(after, listed.nextContinuationToken(), limit, found)
              : Future.succeededFuture(found);
        });
  }

  /** One HeadBucket: the object store answers and the bucket is there. */
  @Override
  public Future<Void> ping() {
    return bucket.check().recover(failure -> Future.failedFuture(failure instanceof ObjectMissing
        ? new BlobException(Kind.UNAVAILABLE, "the S3 bucket " + bucket.name() + " does not exist", failure) : failure));
  }

  /** An object store has no free-space figure: unknown, reported as {@link Long#MAX_VALUE}. */
  @Override
  public Future<Long> freeBytes() {
    return Future.succeededFuture(Long.MAX_VALUE);
  }

  @Override
  public Future<Void> close() {
    return bucket.close().eventually(worker::close);
  }

  // ----------------------------------------------------------------------------- helpers

  private static BlobInfo info(Digest digest, HeadObjectResponse head) {
    return new BlobInfo(digest, head.contentLength(), head.lastModified());
  }

  private void dropQuietly(String key) {
    bucket.delete(key).onFailure(failure -> LOG.debug("Could not delete the replaced tail {}: {}", key, failure.toString()));
  }

  private static <T> Function<Throwable, Future<T>> absentAs(Kind kind) {
    return failure -> Future.failedFuture(failure instanceof ObjectMissing
        ? new BlobException(kind, kind == Kind.UNKNOWN_BLOB ? "blob unknown" : "upload unknown", failure) : failure);
  }

  private static BlobException busy(String uploadId) {
    return new BlobException(Kind.OUT_OF_ORDER, "another write to upload " + uploadId + " is in progress");
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one entry, got limit " + limit);
    }
  }
}
