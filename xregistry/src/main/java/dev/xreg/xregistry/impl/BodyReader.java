package dev.xreg.xregistry.impl;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import dev.xreg.core.MediaTypes;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers the request body up to a limit, whatever its content type. (vertx-web's
 * BodyHandler would decode form content types, which xRegistry documents are not.)
 * Too large is a 413 problem, detected from Content-Length before reading when possible.
 *
 * <p>The JSON body of {@code PUT /} or {@code POST /} (an import: a whole registry, hundreds of
 * MB for a million Resources) is not held in memory: it is written to a temporary file as it
 * arrives, with back-pressure, up to its own limit, and the engine reads it from there as a
 * stream ({@link #spooled}). The file is deleted once the request is answered.
 */
public final class BodyReader implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
  private static final String KEY = "xreg.body";
  private static final String FILE_KEY = "xreg.body.file";

  private final long maxBytes;
  private final long importMaxBytes;

  public BodyReader(long maxBytes) {
    this(maxBytes, maxBytes);
  }

  /** @param importMaxBytes the limit of an import's body (XREG_IMPORT_MAX_BYTES) */
  public BodyReader(long maxBytes, long importMaxBytes) {
    this.maxBytes = maxBytes;
    this.importMaxBytes = importMaxBytes;
  }

  /** The file an import's body was spooled to, or null when the body was buffered. */
  public static Path spooled(RoutingContext ctx) {
    return ctx.get(FILE_KEY);
  }

  /** Deletes an import's spooled body, if any; called once the engine is done with it. */
  public static void release(RoutingContext ctx) {
    Path file = ctx.remove(FILE_KEY);
    if (file != null) {
      ctx.vertx().fileSystem().delete(file.toString())
          .onFailure(err -> LOG.warn("event=import_body_not_deleted file={} cause={}", file, err.toString()));
    }
  }

  /** {@code PUT /} and {@code POST /} with a JSON body are imports (a YAML one is parsed whole, as any other). */
  static boolean isImport(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    return (m == HttpMethod.PUT || m == HttpMethod.POST) && "/".equals(RegistryHandler.relative(ctx))
        && !MediaTypes.isYaml(ctx.request().getHeader("Content-Type"));
  }

  /** The buffered body of this request (empty when none was sent). */
  public static byte[] body(RoutingContext ctx) {
    Buffer b = ctx.get(KEY);
    return b == null ? new byte[0] : b.getBytes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    boolean spool = isImport(ctx);
    long limit = spool ? importMaxBytes : maxBytes;
    String declared = req.getHeader("Content-Length");
    if (declared != null && parse(declared) > limit) {
      tooLarge(ctx, spool);
      return;
    }
    if (spool) {
      spool(ctx);
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
        tooLarge(ctx, false);
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
      if (!failed[0]) {
        failed[0] = true;
        unreadable(ctx, err);
      }
    });
    req.resume();
  }

  /**
   * Writes the body to a new temporary file as it arrives: the request is paused while the
   * file's write queue is full, so a fast client cannot fill the heap.
   */
  private void spool(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    req.pause();
    FileSystem fs = ctx.vertx().fileSystem();
    fs.createTempFile("xreg-import-", ".json").compose(name -> fs.open(name, new OpenOptions().setWrite(true))
        .map(file -> {
          Path path = Path.of(name);
          ctx.put(FILE_KEY, path);
          receive(ctx, file);
          return file;
        })).onFailure(err -> {
          LOG.error("event=import_body_not_spooled cause={}", err.toString());
          release(ctx);
          Problems.write(ctx, XRegistryException.of(ErrorType.SERVER_ERROR, req.path())
              .errorDetail("the body could not be stored for reading").build(), req.path());
        });
  }

  private void receive(RoutingContext ctx, AsyncFile file) {
    HttpServerRequest req = ctx.request();
    long[] size = {0};
    boolean[] failed = {false};
    Runnable abandon = () -> {
      failed[0] = true;
      file.close().onComplete(v -> release(ctx));
    };
    req.handler(chunk -> {
      if (failed[0]) {
        return;
      }
      size[0] += chunk.length();
      if (size[0] > importMaxBytes) {
        abandon.run();
        tooLarge(ctx, true);
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        req.pause();
        file.drainHandler(v -> req.resume());
      }
    });
    req.endHandler(v -> {
      if (failed[0]) {
        return;
      }
      file.close().onComplete(closed -> {
        if (closed.failed()) {
          LOG.error("event=import_body_not_spooled cause={}", closed.cause().toString());
          release(ctx);
          Problems.write(ctx, XRegistryException.of(ErrorType.SERVER_ERROR, req.path())
              .errorDetail("the body could not be stored for reading").build(), req.path());
          return;
        }
        ctx.next();
      });
    });
    req.exceptionHandler(err -> {
      if (!failed[0]) {
        abandon.run();
        unreadable(ctx, err);
      }
    });
    file.exceptionHandler(err -> {
      if (!failed[0]) {
        LOG.error("event=import_body_not_spooled cause={}", err.toString());
        abandon.run();
        ctx.response().putHeader("Connection", "close");
        Problems.write(ctx, XRegistryException.of(ErrorType.SERVER_ERROR, req.path())
            .errorDetail("the body could not be stored for reading").build(), req.path());
      }
    });
    req.resume();
  }

  private static void unreadable(RoutingContext ctx, Throwable err) {
    HttpServerRequest req = ctx.request();
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().closed()) {
      // the client went away: nobody to answer, and no server error
      LOG.debug("event=client_gone path={} cause={}", req.path(), err.toString());
      return;
    }
    // the codec could not read the body (bad chunk framing, a reset stream): the client's fault
    ctx.response().putHeader("Connection", "close");
    Problems.write(ctx, XRegistryException.of(ErrorType.BAD_REQUEST, req.path())
        .errorDetail("the request body could not be read").build(), req.path());
  }

  private void tooLarge(RoutingContext ctx, boolean spooled) {
    // Close after answering: the rest of an oversized body is not worth reading.
    ctx.response().putHeader("Connection", "close");
    String limit = spooled ? importMaxBytes + " bytes (XREG_IMPORT_MAX_BYTES)" : maxBytes + " bytes (XREG_MAX_BODY_BYTES)";
    Problems.write(ctx, XRegistryException.of(ErrorType.PAYLOAD_TOO_LARGE, ctx.request().path())
        .errorDetail("the limit is " + limit).build(), ctx.request().path());
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
