package dev.xreg.cnr;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ContentMeter;
import dev.xreg.storage.blob.BlobRead;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.engine.Command;
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

  private final ApiContext context;
  private final WorkerExecutor worker;
  private Future<BlobStore> blobs;

  CnrEngine(ApiContext context) {
    this.context = context;
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

  /** A blob to send: a file, or a stream. */
  Future<BlobRead> read(String digest) {
    return blobs().compose(store -> store.read(Digest.parse(digest), 0, -1));
  }
}
