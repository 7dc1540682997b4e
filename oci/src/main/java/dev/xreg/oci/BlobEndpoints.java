package dev.xreg.oci;

import dev.xreg.storage.blob.BlobRead;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.oci.StatBlob;
import dev.xreg.storage.oci.UnlinkBlob;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /v2/<name>/blobs/<digest>}: GET with {@code Range} (OCI-005, OCI-006), HEAD (OCI-007)
 * and DELETE (OCI-026). A blob is served only in repositories it is linked into; its bytes go
 * from the file to the socket with {@code sendFile} when the store keeps files.
 *
 * <p>With redirects on ({@code XREG_BLOB_REDIRECT}, issue 18) a GET of a blob the repository
 * links answers {@code 307} to a presigned URL of the object store instead, as distribution
 * does, so the bytes go from the object store to the client without passing through the node;
 * the client sends its {@code Range} there. The repository check stays here: the URL is
 * signed only after it passed. A store that signs no URLs (the disk store) is served as usual.
 */
final class BlobEndpoints {
  static final String DIGEST_HEADER = "Docker-Content-Digest";
  /**
   * How long a redirect's URL stays valid: long enough for a client to follow it (even a slow
   * one that retries), short enough that a leaked URL soon stops working. The object store
   * checks the time when the GET starts, so a long download outlives it.
   */
  static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(10);

  private final OciEngine engine;
  private final boolean redirect;

  BlobEndpoints(OciEngine engine, boolean redirect) {
    this.engine = engine;
    this.redirect = redirect;
  }

  void handle(RoutingContext ctx, RepositoryName name, String digestText) {
    Digest digest = Digest.parse(digestText);
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.DELETE) {
      engine.send(new UnlinkBlob(name, digest))
          .onSuccess(v -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end())
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      engine.send(new StatBlob(name, digest))
          .compose(size -> size.isPresent() ? serve(ctx, digest, size.get(), method == HttpMethod.HEAD)
              : Future.failedFuture(new OciErrorResponse(OciError.BLOB_UNKNOWN, "blob " + digest + " is not in " + name)))
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else {
      OciErrors.write(ctx, OciError.UNSUPPORTED, method + " is not defined on a blob");
    }
  }

  /** A GET with redirects on goes to the store's presigned URL when it signs one; else the bytes are sent from here. */
  private Future<Void> serve(RoutingContext ctx, Digest digest, long size, boolean head) {
    if (head || !redirect) {
      return send(ctx, digest, size, head);
    }
    return engine.blobs().compose(blobs -> blobs.presignedUrl(digest, REDIRECT_VALIDITY)).compose(url -> url.isEmpty()
        ? send(ctx, digest, size, false)
        : ctx.response().setStatusCode(307)
            .putHeader(DIGEST_HEADER, digest.toString())
            .putHeader("Location", url.get().toString())
            // a shared cache must not hand one client's signed URL to another
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Length", "0")
            .end()
            // a pull all the same, whose bytes the object store sends, not this node
            .onSuccess(v -> engine.meter().pulled("oci", "blob_redirect", 0)));
  }

  private Future<Void> send(RoutingContext ctx, Digest digest, long size, boolean head) {
    HttpServerResponse response = CachePolicy.byDigest(ctx.response())
        .putHeader(DIGEST_HEADER, digest.toString())
        .putHeader("Content-Type", "application/octet-stream")
        .putHeader("Accept-Ranges", "bytes");
    if (head) {
      return response.putHeader("Content-Length", Long.toString(size)).end();
    }
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(ctx.request().getHeader("Range"), size);
    } catch (ByteRange.Unsatisfiable e) {
      response.putHeader("Content-Range", "bytes */" + size);
      OciErrors.write(ctx, 416, OciError.SIZE_INVALID, e.getMessage());
      return Future.succeededFuture();
    }
    long offset = range.map(ByteRange::offset).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    return engine.blobs().compose(blobs -> blobs.read(digest, offset, length)).compose(read -> {
      if (range.isPresent()) {
        response.setStatusCode(206).putHeader("Content-Range",
            "bytes " + read.offset() + "-" + (read.offset() + read.length() - 1) + "/" + read.blobSize());
      }
      return body(response, read).onSuccess(v -> engine.meter().pulled("oci", "blob", read.length()));
    });
  }

  /** From the file without copying through the heap when there is one, else streamed with back-pressure. */
  private static Future<Void> body(HttpServerResponse response, BlobRead read) {
    if (read.file().isPresent()) {
      return response.sendFile(read.file().get().toString(), read.offset(), read.length());
    }
    response.putHeader("Content-Length", Long.toString(read.length()));
    return read.open().compose(stream -> stream.pipeTo(response));
  }
}
