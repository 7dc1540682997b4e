package dev.xreg.storage.engine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes engine commands and replies by reference: HTTP verticles and the storage verticle share
 * one JVM, so nothing is serialized. Rejects use on a clustered bus, where it would be wrong.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {
  public static final String NAME = "xreg-local";
  public static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME).setLocalOnly(true);

  /** Registers the codec on {@code vertx} once; later calls are no-ops. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this Vert.x instance registered it first
    }
  }

  /** The reply for a failed command: the failure carried whole, so the API can map it to its error format. */
  public static Object failure(Throwable cause) {
    return new Failed(cause);
  }

  /** The failure a reply carries, or null when it is a result. */
  static Throwable failureOf(Object reply) {
    return reply instanceof Failed f ? f.cause() : null;
  }

  private record Failed(Throwable cause) {
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("xreg storage messages are local only");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("xreg storage messages are local only");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
