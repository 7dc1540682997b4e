package dev.xreg.storage.engine;

import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.oci.BlobStoreHandle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/** An API module's handle on the engine: typed commands over the local event bus. */
public final class EngineClient {
  private final Vertx vertx;
  private final String address;
  private final DeliveryOptions delivery;
  /** For {@link Command#lengthy()} commands (imports), which run under their own, longer deadline. */
  private final DeliveryOptions lengthyDelivery;

  /** @param replyTimeoutMillis how long to wait for the engine; longer than its own request timeout */
  public EngineClient(Vertx vertx, String address, long replyTimeoutMillis) {
    this(vertx, address, replyTimeoutMillis, replyTimeoutMillis);
  }

  /** @param lengthyReplyTimeoutMillis how long to wait for a lengthy command; longer than the import timeout */
  public EngineClient(Vertx vertx, String address, long replyTimeoutMillis, long lengthyReplyTimeoutMillis) {
    this.vertx = vertx;
    this.address = address;
    this.delivery = new DeliveryOptions(LocalCodec.DELIVERY).setSendTimeout(replyTimeoutMillis);
    this.lengthyDelivery = new DeliveryOptions(LocalCodec.DELIVERY).setSendTimeout(lengthyReplyTimeoutMillis);
    LocalCodec.register(vertx);
  }

  /**
   * Runs {@code command} on the engine; fails with what the command failed with. The reply
   * completes on the caller's context (the event loop of the connection that asked), whatever
   * context the request went out on.
   */
  @SuppressWarnings("unchecked")
  public <R> Future<R> send(Command<R> command) {
    Context caller = Vertx.currentContext();
    Future<R> reply = vertx.eventBus().request(address, command, command.lengthy() ? lengthyDelivery : delivery).compose(msg -> {
      Object body = msg.body();
      Throwable failed = LocalCodec.failureOf(body);
      return failed != null ? Future.failedFuture(failed) : Future.succeededFuture((R) body);
    });
    return onContext(reply, caller);
  }

  /**
   * {@code future}, completing on {@code context} (null: wherever it completes). Futures bound
   * to another context (the engine client is shared by every server verticle) would otherwise
   * run their callbacks there: a response written, or a request body piped, from another
   * event loop races with the connection's own thread.
   */
  public static <R> Future<R> onContext(Future<R> future, Context context) {
    if (context == null) {
      return future;
    }
    Promise<R> there = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        there.handle(result);
      } else {
        context.runOnContext(v -> there.handle(result));
      }
    });
    return there.future();
  }

  public Future<Void> ping() {
    return send(new Ping()).mapEmpty();
  }

  /**
   * Succeeds while the blob store answers (readiness, issue 18). The store is asked directly,
   * not through a command, so its own failure (which names the store) reaches the probe as it
   * is and is not logged as a storage incident on every probe during an outage.
   */
  public Future<Void> pingBlobStore() {
    return send(new BlobStoreHandle()).compose(BlobStore::ping);
  }
}
