package dev.xreg.cnr;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ContentMeter;
import dev.xreg.storage.blob.BlobRead;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.cnr.Channel;
import dev.xreg.storage.cnr.GetPackage;
import dev.xreg.storage.cnr.PackageRelease;
import dev.xreg.storage.cnr.PackageState;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.oci.ContentCache;
import dev.xreg.storage.oci.BlobStoreHandle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The engine as the App Registry handlers of one server verticle reach it: commands over the local
 * bus, the blob store for bytes, and a small named worker pool for the CPU work of a push
 * (base64, gunzip, tar, digests), which must not run on an event loop.
 */
final class CnrEngine {
  /** Shared by every server verticle: a push is CPU-bound, two threads are plenty next to the event loops. */
  private static final String WORKER_POOL = "xreg-cnr";
  private static final int WORKER_THREADS = 2;
  private static final long MAX_WORK_SECONDS = 60;
  /** The largest package blob kept in memory: a chart or a compose file is kilobytes, rarely a MiB. */
  private static final long MAX_CACHED_BLOB = 1024 * 1024;

  private final ApiContext context;
  private final WorkerExecutor worker;
  /** Packages by name on this node (issue 15, C1); null: off. */
  private final ContentCache<PackageState> packages;
  /**
   * The bytes of small package blobs by digest (issue 15, C1): sent from memory in one write
   * instead of read from their file in chunks (the server's compressor keeps Netty from sending
   * a file region). A digest's bytes never change; whether a release still names them is
   * decided by {@link #packageState} first. Null: off.
   */
  private final ContentCache<Buffer> blobBytes;
  /** Blobs up to this size are kept in {@link #blobBytes}; larger ones are always sent from the store. */
  private final long maxCachedBlob;
  private Future<BlobStore> blobs;

  CnrEngine(ApiContext context) {
    this(context, 0);
  }

  /** @param cacheMaxBytes the bound of the node's package cache ({@code XREG_CONTENT_CACHE_MAX_BYTES}); 0: none */
  CnrEngine(ApiContext context, long cacheMaxBytes) {
    this.context = context;
    this.packages = ContentCache.shared(context.engine(), ContentCache.Kind.CNR_PACKAGES, cacheMaxBytes,
        () -> new ContentCache<>(cacheMaxBytes, Invalidations.of(context.vertx()), CnrEngine::weight, Object::equals));
    this.blobBytes = ContentCache.shared(context.engine(), ContentCache.Kind.CNR_BLOBS, cacheMaxBytes,
        () -> new ContentCache<>(cacheMaxBytes, Invalidations.of(context.vertx()), Buffer::length, (a, b) -> true));
    this.maxCachedBlob = Math.min(MAX_CACHED_BLOB, cacheMaxBytes / 16);
    this.worker = context.vertx().createSharedWorkerExecutor(WORKER_POOL, WORKER_THREADS, MAX_WORK_SECONDS,
        TimeUnit.SECONDS);
  }

  Vertx vertx() {
    return context.vertx();
  }

  /** Runs {@code command}, completing on the caller's context (not the one that deployed storage). */
  <R> Future<R> send(Command<R> command) {
    return context.send(command);
  }

  /**
   * The package with its releases and channels for a read (show, pull, blobs, channels): from the
   * node cache, or from the engine (then kept). Every CNR write drops its package's entry
   * (RepositoryChanges) before it is answered here, and on other nodes when its notice arrives.
   * Writes read the package themselves, in their transaction.
   */
  Future<PackageState> packageState(RepositoryName name) {
    if (packages == null) {
      return send(new GetPackage(name));
    }
    PackageState hit = packages.lookup(name.value(), "");
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    long ticket = packages.ticket();
    return send(new GetPackage(name)).map(p -> {
      packages.offer(name.value(), "", p, ticket);
      return p;
    });
  }

  /** About the bytes a package's state holds in memory. */
  private static long weight(PackageState p) {
    long w = 128L + p.name().length() * 2L;
    for (PackageRelease r : p.releases()) {
      w += 320 + (r.metadata() == null ? 0 : r.metadata().length() * 2L);
    }
    for (Channel c : p.channels()) {
      w += 96 + 48L * c.releases().size();
    }
    return w;
  }

  /** Counts pushes and pulls (metrics), labelled {@code cnr}. */
  ContentMeter meter() {
    return context.meter();
  }

  /** Runs CPU-bound {@code work} on the worker pool; concurrent pushes do not wait for each other's order. */
  <T> Future<T> compute(Callable<T> work) {
    return worker.executeBlocking(work, false);
  }

  /** The blob store, asked for once (again after a failure, e.g. while storage was still starting). */
  Future<BlobStore> blobs() {
    if (blobs == null) {
      blobs = send(new BlobStoreHandle()).onFailure(e -> blobs = null);
    }
    return blobs;
  }

  /** Stores {@code bytes} under {@code digest} (committing stored content again is harmless); an upload that fails is cancelled. */
  Future<Void> store(Digest digest, byte[] bytes) {
    return blobs().compose(store -> store.startUpload().compose(id -> store
        .append(id, 0, new BytesReadStream(context.vertx().getOrCreateContext(), bytes))
        .compose(size -> store.commit(id, digest, (long) bytes.length))
        .<Void>mapEmpty()
        .recover(e -> store.cancel(id).transform(ar -> Future.<Void>failedFuture(e)))));
  }

  /** The whole blob in memory: for the JSON forms of pull (base64), bounded by what a push may carry. */
  Future<Buffer> readAll(String digest) {
    return blobs().compose(store -> store.read(Digest.parse(digest), 0, -1)).compose(BlobRead::open).compose(stream -> {
      Promise<Buffer> done = Promise.promise();
      Buffer all = Buffer.buffer();
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(v -> done.tryComplete(all));
      stream.handler(all::appendBuffer);
      return done.future();
    });
  }

  /**
   * The whole blob of {@code size} bytes if it is small enough to keep in memory (from the node
   * cache, or read and kept), else null: send it from the store ({@link #read}).
   */
  Future<Buffer> smallBlob(RepositoryName repository, String digest, long size) {
    if (blobBytes == null || size > maxCachedBlob) {
      return Future.succeededFuture(null);
    }
    Buffer hit = blobBytes.lookup(repository.value(), digest);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    long ticket = blobBytes.ticket();
    return readAll(digest).map(bytes -> {
      blobBytes.offer(repository.value(), digest, bytes, ticket);
      return bytes;
    });
  }

  /** A blob to send: a file, or a stream. */
  Future<BlobRead> read(String digest) {
    return blobs().compose(store -> store.read(Digest.parse(digest), 0, -1));
  }
}
