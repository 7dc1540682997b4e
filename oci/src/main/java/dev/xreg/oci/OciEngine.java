package dev.xreg.oci;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ContentMeter;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.oci.BlobStoreHandle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The engine as the OCI handlers of one server verticle reach it: metadata commands over the
 * local bus, and the blob store itself, so blob bytes stream between the HTTP connection and the
 * store directly and are never held whole in memory (DESIGN: "blob bytes stream directly").
 * Confined to its verticle's event loop.
 */
final class OciEngine {
  private final ApiContext context;
  private Future<BlobStore> blobs;

  OciEngine(ApiContext context) {
    this.context = context;
  }

  /**
   * Runs {@code command} and completes on the caller's context. The engine future is shared by
   * every server verticle and bound to the context that deployed storage, so callbacks chained
   * on it directly would run there: a request body would then be piped into a file from another
   * verticle's event loop, and the pause/resume of that pipe races with the connection's own
   * thread (skopeo's streamed layer uploads stalled for good, the socket no longer read).
   */
  <R> Future<R> send(Command<R> command) {
    return context.send(command);
  }

  /** The blob store, asked for once (again after a failure, e.g. while storage was still starting). */
  Future<BlobStore> blobs() {
    if (blobs == null) {
      blobs = send(new BlobStoreHandle()).onFailure(e -> blobs = null);
    }
    return blobs;
  }

  /** Counts pushes, pulls and upload sessions (metrics), labelled {@code oci}. */
  ContentMeter meter() {
    return context.meter();
  }

  /** The absolute URL of {@code /v2/<name><suffix>} as the client sees this server. */
  String url(RoutingContext ctx, RepositoryName name, String suffix) {
    return context.publicUrls().base(ctx) + "/" + name.value() + suffix;
  }

  /** The absolute URL of a path below {@code /v2}. */
  String url(RoutingContext ctx, String pathBelowV2) {
    return context.publicUrls().base(ctx) + pathBelowV2;
  }
}
