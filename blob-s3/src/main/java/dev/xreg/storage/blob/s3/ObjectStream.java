package dev.xreg.storage.blob.s3;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobException.Kind;
import dev.xreg.storage.blob.BlobStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The body of a GET as a {@link BlobStream}: a reactive-streams subscriber on the SDK's side,
 * a Vert.x read stream on the context that asked for it. Every signal from the SDK's threads
 * hops to that context, where all the state lives, so handlers run on the caller's event loop
 * and never on a CRT thread. Back-pressure is real: the subscription is asked for more only
 * while the consumer has demand and fewer than {@link #PREFETCH} buffers are waiting, so a
 * slow client holds at most a few buffers (the SDK's own buffering aside), and buffers are
 * cut to at most {@link #MAX_CHUNK} bytes.
 */
final class ObjectStream implements BlobStream, Subscriber<ByteBuffer> {
  private static final int PREFETCH = 4;
  private static final int MAX_CHUNK = 64 * 1024;

  private final Context context;
  private final String key;
  private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
  private Subscription subscription;
  private long demand = Long.MAX_VALUE;
  private int requested;
  private boolean completed;
  private boolean ended;
  private Throwable failure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  private ObjectStream(Context context, String key) {
    this.context = context;
    this.key = key;
  }

  static ObjectStream of(Context context, Publisher<ByteBuffer> body, String key) {
    ObjectStream stream = new ObjectStream(context, key);
    body.subscribe(stream);
    return stream;
  }

  /** A stream of no bytes (a zero-length range): ends as soon as it is read. */
  static ObjectStream empty(Context context) {
    ObjectStream stream = new ObjectStream(context, "(empty range)");
    stream.completed = true;
    return stream;
  }

  // ----------------------------------------------------------------------------- the SDK's side (any thread)

  @Override
  public void onSubscribe(Subscription s) {
    context.runOnContext(v -> {
      if (ended) {
        s.cancel();
        return;
      }
      subscription = s;
      drain();
    });
  }

  @Override
  public void onNext(ByteBuffer bytes) {
    // copied here: the SDK may reuse its buffer once onNext returns
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    context.runOnContext(v -> {
      requested--;
      for (int from = 0; from < copy.length; from += MAX_CHUNK) {
        ready.add(Buffer.buffer(copy).slice(from, Math.min(copy.length, from + MAX_CHUNK)));
      }
      drain();
    });
  }

  @Override
  public void onError(Throwable t) {
    context.runOnContext(v -> {
      if (!ended) {
        failure = new BlobException(Kind.UNAVAILABLE, "reading " + key + " from the object store failed: " + t, t);
        drain();
      }
    });
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> {
      completed = true;
      drain();
    });
  }

  // ----------------------------------------------------------------------------- the consumer's side (the context)

  private void drain() {
    while (!ended && handler != null && demand > 0 && !ready.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(ready.poll());
    }
    if (ended || handler == null) {
      return;
    }
    if (failure != null) {
      ended = true;
      ready.clear();
      if (exceptionHandler != null) {
        exceptionHandler.handle(failure);
      }
    } else if (completed && ready.isEmpty()) {
      ended = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    } else if (subscription != null && !completed && demand > 0 && requested == 0 && ready.size() < PREFETCH) {
      requested = PREFETCH - ready.size();
      subscription.request(requested);
    }
  }

  @Override
  public ObjectStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null) {
      context.runOnContext(v -> drain());
    }
    return this;
  }

  @Override
  public ObjectStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ObjectStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  @Override
  public ObjectStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public ObjectStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ObjectStream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    context.runOnContext(v -> drain());
    return this;
  }

  /** Stops reading: cancels the GET, which releases its connection. Harmless after the end. */
  @Override
  public Future<Void> close() {
    if (!ended) {
      ended = true;
      ready.clear();
      if (subscription != null) {
        subscription.cancel();
      }
    }
    return Future.succeededFuture();
  }
}
