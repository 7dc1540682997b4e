package dev.xreg.storage.bus;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.storage.exec.ReadScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The HTTP side's handle on the storage verticle: requests over the local event bus. */
public final class StorageClient {
  private final Vertx vertx;
  private final String address;

  public StorageClient(Vertx vertx, String address) {
    this.vertx = vertx;
    this.address = address;
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
    return vertx.eventBus().request(address, message, LocalCodec.DELIVERY).compose(msg -> {
      Object body = msg.body();
      if (body instanceof StorageMessages.Failure f) {
        return Future.failedFuture(f.cause());
      }
      return Future.succeededFuture(body);
    });
  }
}
