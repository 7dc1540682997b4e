package dev.xreg.cnr;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Bytes already in memory (a decoded push) as a stream for the BlobStore, which takes uploads as
 * streams with back-pressure: chunks go out only as fast as the store asks for them.
 */
final class BytesReadStream implements ReadStream<Buffer> {
  private static final int CHUNK = 64 * 1024;

  private final Context context;
  private final Buffer data;
  private int position;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean scheduled;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  BytesReadStream(Context context, byte[] bytes) {
    this.context = context;
    this.data = Buffer.buffer(bytes);
  }

  @Override
  public BytesReadStream exceptionHandler(Handler<Throwable> handler) {
    return this; // reading memory does not fail
  }

  @Override
  public BytesReadStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public BytesReadStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public BytesReadStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BytesReadStream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public BytesReadStream endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    schedule();
    return this;
  }

  /** Emits on the context's next turn, never re-entrantly from the caller's own call. */
  private void schedule() {
    if (!scheduled && !ended) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    while (handler != null && demand > 0 && position < data.length()) {
      int end = Math.min(position + CHUNK, data.length());
      Buffer chunk = data.slice(position, end);
      position = end;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(chunk);
    }
    if (!ended && handler != null && position >= data.length() && endHandler != null) {
      ended = true;
      endHandler.handle(null);
    }
  }
}
