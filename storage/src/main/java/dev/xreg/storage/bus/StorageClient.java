package dev.xreg.storage.bus;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.storage.exec.ReadScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/** The HTTP side's handle on the storage verticle: requests over the local event bus. */
public final class StorageClient {
  private final Vertx vertx;
  private final String address;
  private final DeliveryOptions delivery;

  /** @param replyTimeoutMillis how long to wait for storage; longer than storage's own request timeout */
  public StorageClient(Vertx vertx, String address, long replyTimeoutMillis) {
    this.vertx = vertx;
    this.address = address;
    this.delivery = new DeliveryOptions(LocalCodec.DELIVERY).setSendTimeout(replyTimeoutMillis);
    LocalCodec.register(vertx);
  }

  public Future<Reply> execute(RegistryRequest request) {
    return send(request).map(Reply.class::cast);
  }

  /** A GET whose reply is streamed: storage loads only what {@code scope} asks for. */
  public Future<Reply> read(RegistryRequest request, ReadScope scope) {
    return send(new StorageMessages.StreamedRead(request, scope)).map(Reply.class::cast);
  }

  public Future<Void> ping() {
    return send(new StorageMessages.Ping()).mapEmpty();
  }

  private Future<Object> send(Object message) {
    return vertx.eventBus().request(address, message, delivery).compose(msg -> {
      Object body = msg.body();
      if (body instanceof StorageMessages.Failure f) {
        return Future.failedFuture(f.cause());
      }
      return Future.succeededFuture(body);
    });
  }
}
