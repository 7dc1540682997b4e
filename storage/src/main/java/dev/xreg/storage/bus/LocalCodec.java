package dev.xreg.storage.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes storage messages by reference: HTTP verticles and the storage verticle share
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
