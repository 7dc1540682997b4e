package dev.xreg.xregistry.impl;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers the request body up to a limit, whatever its content type. (vertx-web's
 * BodyHandler would decode form content types, which xRegistry documents are not.)
 * Too large is a 413 problem, detected from Content-Length before reading when possible.
 */
public final class BodyReader implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
  private static final String KEY = "xreg.body";

  private final long maxBytes;

  public BodyReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The buffered body of this request (empty when none was sent). */
  public static byte[] body(RoutingContext ctx) {
    Buffer b = ctx.get(KEY);
    return b == null ? new byte[0] : b.getBytes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String declared = req.getHeader("Content-Length");
    if (declared != null && parse(declared) > maxBytes) {
      tooLarge(ctx);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] failed = {false};
    req.handler(chunk -> {
      if (failed[0]) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        failed[0] = true;
        tooLarge(ctx);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!failed[0]) {
        ctx.put(KEY, body);
        ctx.next();
      }
    });
    req.exceptionHandler(err -> {
      if (failed[0] || ctx.response().ended()) {
        return;
      }
      failed[0] = true;
      if (ctx.response().closed()) {
        // the client went away: nobody to answer, and no server error
        LOG.debug("event=client_gone path={} cause={}", req.path(), err.toString());
        return;
      }
      // the codec could not read the body (bad chunk framing, a reset stream): the client's fault
      ctx.response().putHeader("Connection", "close");
      Problems.write(ctx, XRegistryException.of(ErrorType.BAD_REQUEST, req.path())
          .errorDetail("the request body could not be read").build(), req.path());
    });
    req.resume();
  }

  private void tooLarge(RoutingContext ctx) {
    // Close after answering: the rest of an oversized body is not worth reading.
    ctx.response().putHeader("Connection", "close");
    Problems.write(ctx, XRegistryException.of(ErrorType.PAYLOAD_TOO_LARGE, ctx.request().path())
        .errorDetail("the limit is " + maxBytes + " bytes (XREG_MAX_BODY_BYTES)").build(), ctx.request().path());
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
