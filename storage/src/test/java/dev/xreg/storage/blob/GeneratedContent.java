package dev.xreg.storage.blob;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.SplittableRandom;

/**
 * Test content of any size that is never held whole in memory: chunk {@code i} is generated
 * from the seed and {@code i}, so the same bytes can be streamed, hashed and sliced again.
 */
public final class GeneratedContent {
  private final long seed;
  private final long size;
  private final int chunkSize;

  public GeneratedContent(long seed, long size, int chunkSize) {
    this.seed = seed;
    this.size = size;
    this.chunkSize = chunkSize;
  }

  public long size() {
    return size;
  }

  private int chunks() {
    return (int) ((size + chunkSize - 1) / chunkSize);
  }

  private byte[] chunk(int index) {
    int length = (int) Math.min(chunkSize, size - (long) index * chunkSize);
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  public Digest digest(DigestAlgorithm algorithm) {
    Digester digester = Digester.of(algorithm);
    for (int i = 0; i < chunks(); i++) {
      digester.update(chunk(i));
    }
    return digester.digest();
  }

  /** The bytes in {@code [offset, offset + length)}: only for small contents and ranges. */
  public Buffer slice(long offset, long length) {
    Buffer out = Buffer.buffer((int) length);
    for (int i = (int) (offset / chunkSize); i < chunks() && out.length() < length; i++) {
      byte[] bytes = chunk(i);
      long start = Math.max(0, offset - (long) i * chunkSize);
      int take = (int) Math.min(bytes.length - start, length - out.length());
      out.appendBytes(bytes, (int) start, take);
    }
    return out;
  }

  /** A fresh stream of all the bytes, emitted on {@code context} in this content's chunks. */
  public Stream stream(Context context) {
    return new Stream(context, 0, size, null);
  }

  /** Streams the bytes in {@code [from, to)} and then fails with {@code failure} instead of ending. */
  public Stream streamFailing(Context context, long from, long to, RuntimeException failure) {
    return new Stream(context, from, to, failure);
  }

  /** Streams the bytes in {@code [from, to)}, but only once {@link Stream#release()} is called. */
  public Stream heldStream(Context context, long from, long to) {
    Stream stream = new Stream(context, from, to, null);
    stream.held = true;
    return stream;
  }

  /** Streams the bytes in {@code [from, to)}. */
  public Stream stream(Context context, long from, long to) {
    return new Stream(context, from, to, null);
  }

  /** Emits with demand, like a network stream; counts how often the consumer paused it. */
  public final class Stream implements ReadStream<Buffer> {
    private final Context context;
    private final long to;
    private final RuntimeException failure;
    private long position;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean done;
    private boolean held;
    private int pauses;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    private Stream(Context context, long from, long to, RuntimeException failure) {
      this.context = context;
      this.position = from;
      this.to = to;
      this.failure = failure;
    }

    /** Lets a {@link #heldStream} flow. */
    public void release() {
      context.runOnContext(v -> {
        held = false;
        schedule();
      });
    }

    public int pauses() {
      return pauses;
    }

    @Override
    public Stream handler(Handler<Buffer> handler) {
      this.handler = handler;
      schedule();
      return this;
    }

    @Override
    public Stream exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      return this;
    }

    @Override
    public Stream endHandler(Handler<Void> handler) {
      this.endHandler = handler;
      return this;
    }

    @Override
    public Stream pause() {
      if (demand != 0) {
        pauses++;
      }
      demand = 0;
      return this;
    }

    @Override
    public Stream resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public Stream fetch(long amount) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      schedule();
      return this;
    }

    private void schedule() {
      if (!scheduled && !done && !held && handler != null && demand > 0) {
        scheduled = true;
        context.runOnContext(v -> {
          scheduled = false;
          emit();
        });
      }
    }

    private void emit() {
      for (int batch = 0; batch < 16 && demand > 0 && position < to && handler != null; batch++) {
        int index = (int) (position / chunkSize);
        byte[] bytes = chunk(index);
        int start = (int) (position - (long) index * chunkSize);
        int length = (int) Math.min(bytes.length - start, to - position);
        position += length;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(Buffer.buffer(bytes).slice(start, start + length));
      }
      if (position >= to && !done) {
        done = true;
        if (failure != null) {
          if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
          }
        } else if (endHandler != null) {
          endHandler.handle(null);
        }
      } else {
        schedule();
      }
    }
  }
}
