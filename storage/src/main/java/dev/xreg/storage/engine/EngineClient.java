package dev.xreg.storage.engine;

import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.oci.BlobStoreHandle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/** An API module's handle on the engine: typed commands over the local event bus. */
public final class EngineClient {
  private final Vertx vertx;
  private final String address;
  private final DeliveryOptions delivery;

  /** @param replyTimeoutMillis how long to wait for the engine; longer than its own request timeout */
  public EngineClient(Vertx vertx, String address, long replyTimeoutMillis) {
    this.vertx = vertx;
    this.address = address;
    this.delivery = new DeliveryOptions(LocalCodec.DELIVERY).setSendTimeout(replyTimeoutMillis);
    LocalCodec.register(vertx);
  }

  /** Runs {@code command} on the engine; fails with what the command failed with. */
  @SuppressWarnings("unchecked")
  public <R> Future<R> send(Command<R> command) {
    return vertx.eventBus().request(address, command, delivery).compose(msg -> {
      Object body = msg.body();
      Throwable failed = LocalCodec.failureOf(body);
      return failed != null ? Future.failedFuture(failed) : Future.succeededFuture((R) body);
    });
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
