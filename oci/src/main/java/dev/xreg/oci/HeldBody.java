package dev.xreg.oci;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;

/**
 * A request body held until the handler that knows where it goes reads it, after a database
 * round trip or a wait for memory in the blob store. Vert.x tells a request's failure (the client
 * went away) only to the exception handler set at that moment, so a reader that subscribes later
 * would wait forever on a stream that neither ends nor fails, holding its upload (and, in the S3
 * store, its part budget). This pauses the request at once, listens from then on, and tells a
 * failure that came before the reader to the reader when it subscribes.
 */
final class HeldBody implements ReadStream<Buffer> {
  private static final String KEY = "xreg.oci.heldBody";

  private final HttpServerRequest request;
  private Throwable failure;
  private Handler<Throwable> exceptionHandler;

  private HeldBody(HttpServerRequest request) {
    this.request = request;
    request.pause();
    request.exceptionHandler(this::failed);
  }

  /** Pauses the request's body and keeps its failures for {@link #of}. */
  static void hold(RoutingContext ctx) {
    ctx.put(KEY, new HeldBody(ctx.request()));
  }

  /** The held body of the request, or the request itself when it was not held. */
  static ReadStream<Buffer> of(RoutingContext ctx) {
    HeldBody held = ctx.get(KEY);
    return held != null ? held : ctx.request();
  }

  private void failed(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  @Override
  public HeldBody exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    if (handler != null && failure != null) {
      handler.handle(failure);
    }
    return this;
  }

  @Override
  public HeldBody handler(Handler<Buffer> handler) {
    request.handler(handler);
    return this;
  }

  @Override
  public HeldBody pause() {
    request.pause();
    return this;
  }

  @Override
  public HeldBody resume() {
    request.resume();
    return this;
  }

  @Override
  public HeldBody fetch(long amount) {
    request.fetch(amount);
    return this;
  }

  @Override
  public HeldBody endHandler(Handler<Void> endHandler) {
    request.endHandler(endHandler);
    return this;
  }
}
