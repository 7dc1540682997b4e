package dev.xreg.oci;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobInfo;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.oci.CancelUpload;
import dev.xreg.storage.oci.FinishUpload;
import dev.xreg.storage.oci.LinkBlob;
import dev.xreg.storage.oci.MountBlob;
import dev.xreg.storage.oci.StartUpload;
import dev.xreg.storage.oci.UploadProgress;
import dev.xreg.storage.oci.UploadState;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob pushes (OCI-008..017): sessions at {@code /v2/<name>/blobs/uploads/}, single-POST and
 * monolithic uploads, chunks with and without {@code Content-Range}, status, cancel, and
 * cross-repository mounts. Request bodies stream into the blob store with back-pressure; the
 * digest is always recomputed over the bytes received, and a blob becomes visible in the
 * repository only after the store verified and committed it.
 */
final class UploadEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoints.class);
  private static final String UPLOAD_UUID = "Docker-Upload-UUID";
  private static final String API = "oci";

  private final OciEngine engine;

  UploadEndpoints(OciEngine engine) {
    this.engine = engine;
  }

  /** {@code POST /v2/<name>/blobs/uploads/}. */
  void start(RoutingContext ctx, RepositoryName name) {
    HttpServerRequest req = ctx.request();
    if (req.method() != HttpMethod.POST) {
      OciErrors.write(ctx, OciError.UNSUPPORTED, req.method() + " is not defined on " + req.path());
      return;
    }
    String mount = req.getParam("mount");
    String digest = req.getParam("digest");
    String algorithm = req.getParam("digest-algorithm");
    if (algorithm != null && DigestAlgorithm.byId(algorithm).isEmpty()) {
      OciErrors.write(ctx, OciError.DIGEST_INVALID, "unsupported digest algorithm '" + algorithm
          + "': use sha256 or sha512"); // OCI-017
      return;
    }
    if (mount != null) {
      Digest mounted = Digest.parse(mount);
      String fromText = req.getParam("from");
      RepositoryName from = fromText == null || fromText.isEmpty() ? null : RepositoryName.parse(fromText);
      // OCI-016: mounted -> 201; otherwise an ordinary session, and the client uploads
      engine.send(new MountBlob(name, mounted, from))
          .onSuccess(size -> {
            if (size.isPresent()) {
              engine.meter().pushed(API, "mount", 0);
              created(ctx, name, mounted);
            } else {
              openSession(ctx, name);
            }
          })
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else if (digest != null) {
      singleRequest(ctx, name, Digest.parse(digest));
    } else {
      openSession(ctx, name);
    }
  }

  /** OCI-008: 202 with the session's location. */
  private void openSession(RoutingContext ctx, RepositoryName name) {
    engine.blobs().compose(blobs -> blobs.startUpload().compose(id -> engine.send(new StartUpload(name, id))
            .map(id)
            .recover(e -> discard(blobs, id).transform(v -> Future.failedFuture(e)))))
        .onSuccess(id -> {
          engine.meter().uploadSession(API, "started");
          accepted(ctx, 202, name, id, 0);
        })
        .onFailure(e -> OciFailures.respond(ctx, e));
  }

  /** OCI-010: the whole blob in the POST; no session row, as nothing outlives the request. */
  private void singleRequest(RoutingContext ctx, RepositoryName name, Digest digest) {
    engine.blobs().compose(blobs -> blobs.startUpload().compose(id -> bodyOnto(ctx, blobs, id, 0)
            .compose(size -> blobs.commit(id, digest, null))
            .compose(info -> engine.send(new LinkBlob(name, digest, info.size())).map(info.size()))
            .recover(e -> discard(blobs, id).transform(v -> Future.failedFuture(e)))))
        .onSuccess(size -> {
          engine.meter().pushed(API, "blob", size);
          created(ctx, name, digest);
        })
        .onFailure(e -> OciFailures.respond(ctx, e));
  }

  /** Everything on {@code /v2/<name>/blobs/uploads/<id>}. */
  void session(RoutingContext ctx, RepositoryName name, String id) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.PATCH) {
      chunk(ctx, name, id);
    } else if (method == HttpMethod.PUT) {
      finish(ctx, name, id);
    } else if (method == HttpMethod.GET) {
      // OCI-014: the status is the store's own count of bytes held
      engine.send(new UploadState(name, id))
          .compose(u -> engine.blobs().compose(blobs -> blobs.uploadSize(id)))
          .onSuccess(size -> accepted(ctx, 204, name, id, size))
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else if (method == HttpMethod.DELETE) {
      // OCI-015
      engine.send(new CancelUpload(name, id))
          .compose(existed -> existed ? engine.blobs().compose(blobs -> discard(blobs, id))
              : Future.failedFuture(new OciErrorResponse(OciError.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in " + name)))
          .onSuccess(v -> {
            engine.meter().uploadSession(API, "cancelled");
            ctx.response().setStatusCode(204).end();
          })
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else {
      OciErrors.write(ctx, OciError.UNSUPPORTED, method + " is not defined on an upload");
    }
  }

  /** OCI-011 (with Content-Range) and OCI-012 (streamed: no Content-Range, maybe chunked). */
  private void chunk(RoutingContext ctx, RepositoryName name, String id) {
    UploadWrite.run(engine, name, id, () -> engine.blobs()
            .compose(blobs -> blobs.uploadSize(id).compose(offset -> bodyOnto(ctx, blobs, id, offset)))
            .compose(size -> engine.send(new UploadProgress(id, size)).map(size)))
        .onSuccess(size -> accepted(ctx, 202, name, id, size))
        .onFailure(e -> outOfOrderOr(ctx, name, id, e));
  }

  /** OCI-009/013: an optional last chunk, then the digest check over the whole upload. */
  private void finish(RoutingContext ctx, RepositoryName name, String id) {
    String digestText = ctx.request().getParam("digest");
    if (digestText == null || digestText.isEmpty()) {
      OciErrors.write(ctx, OciError.DIGEST_INVALID, "closing an upload needs ?digest=<digest of the whole blob>");
      return;
    }
    Digest digest = Digest.parse(digestText);
    UploadWrite.run(engine, name, id, () -> engine.blobs()
            .compose(blobs -> blobs.uploadSize(id)
                .compose(offset -> bodyOnto(ctx, blobs, id, offset))
                .compose(size -> commit(blobs, name, id, digest))))
        .onSuccess(info -> {
          engine.meter().uploadSession(API, "completed");
          engine.meter().pushed(API, "blob", info.size());
          created(ctx, name, digest);
        })
        .onFailure(e -> outOfOrderOr(ctx, name, id, e));
  }

  /**
   * Commits and links. A commit that failed verification deleted the bytes, so the session
   * ends too: nothing of a bad upload stays visible or resumable.
   */
  private Future<BlobInfo> commit(BlobStore blobs, RepositoryName name, String id, Digest digest) {
    return blobs.commit(id, digest, null)
        .recover(e -> {
          if (e instanceof BlobException b && (b.kind() == BlobException.Kind.DIGEST_MISMATCH
              || b.kind() == BlobException.Kind.SIZE_MISMATCH)) {
            return engine.send(new CancelUpload(name, id)).transform(v -> Future.failedFuture(e));
          }
          return Future.failedFuture(e);
        })
        .compose(info -> engine.send(new FinishUpload(name, id, digest, info.size())).map(info));
  }

  /**
   * Streams the request body onto the upload at {@code offset}, after checking a
   * {@code Content-Range} against it: a chunk that does not start where the upload ends is 416.
   */
  private static Future<Long> appendBody(RoutingContext ctx, BlobStore blobs, String id, long offset) {
    HttpServerRequest req = ctx.request();
    ChunkRange range;
    try {
      range = ChunkRange.parse(req.getHeader("Content-Range"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new OciErrorResponse(416, OciError.BLOB_UPLOAD_INVALID, e.getMessage()));
    }
    if (range != null && range.first() != offset) {
      return Future.failedFuture(new BlobException(BlobException.Kind.OUT_OF_ORDER,
          "the chunk starts at " + range.first() + " but the upload holds " + offset + " bytes"));
    }
    String length = req.getHeader("Content-Length");
    if (range != null && length != null && !length.equals(Long.toString(range.length()))) {
      return Future.failedFuture(new OciErrorResponse(416, OciError.BLOB_UPLOAD_INVALID,
          "Content-Range " + range.first() + "-" + range.last() + " does not match Content-Length " + length));
    }
    return blobs.append(id, offset, HeldBody.of(ctx));
  }

  /** Appends the body if there is one; the upload's size afterwards. */
  private static Future<Long> bodyOnto(RoutingContext ctx, BlobStore blobs, String id, long offset) {
    return hasBody(ctx.request()) ? appendBody(ctx, blobs, id, offset) : Future.succeededFuture(offset);
  }

  /**
   * Whether the request carries body bytes (a closing PUT often has none). Without a
   * {@code Content-Length} the body is chunked (HTTP/1.1) or framed (HTTP/2): whether any bytes
   * follow is known only from the stream itself, so it is read.
   */
  private static boolean hasBody(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    if (length != null) {
      return !length.trim().equals("0");
    }
    return !req.isEnded();
  }

  /** A 416 tells the client where the upload stands, so it can resume from there (OCI-011). */
  private void outOfOrderOr(RoutingContext ctx, RepositoryName name, String id, Throwable e) {
    boolean outOfOrder = e instanceof BlobException b && b.kind() == BlobException.Kind.OUT_OF_ORDER
        || e instanceof OciErrorResponse r && r.status() == 416;
    if (!outOfOrder) {
      OciFailures.respond(ctx, e);
      return;
    }
    engine.blobs().compose(blobs -> blobs.uploadSize(id)).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Location", engine.url(ctx, name, "/blobs/uploads/" + id))
            .putHeader("Range", range(ar.result())).putHeader(UPLOAD_UUID, id);
      }
      OciFailures.respond(ctx, e);
    });
  }

  private void accepted(RoutingContext ctx, int status, RepositoryName name, String id, long size) {
    ctx.response().setStatusCode(status)
        .putHeader("Location", engine.url(ctx, name, "/blobs/uploads/" + id))
        .putHeader("Range", range(size))
        .putHeader(UPLOAD_UUID, id)
        .putHeader("Content-Length", "0")
        .end();
  }

  private void created(RoutingContext ctx, RepositoryName name, Digest digest) {
    ctx.response().setStatusCode(201)
        .putHeader("Location", engine.url(ctx, name, "/blobs/" + digest))
        .putHeader(BlobEndpoints.DIGEST_HEADER, digest.toString())
        .putHeader("Content-Length", "0")
        .end();
  }

  /** {@code 0-<last byte>}, inclusive; an empty upload reports {@code 0-0} as docker-registry does. */
  private static String range(long size) {
    return "0-" + Math.max(0, size - 1);
  }

  /** Drops an upload's bytes; one already gone (committed, cancelled, rejected) is fine. */
  private static Future<Void> discard(BlobStore blobs, String id) {
    return blobs.cancel(id).recover(e -> {
      if (!(e instanceof BlobException b && b.kind() == BlobException.Kind.UNKNOWN_UPLOAD)) {
        LOG.warn("event=upload_discard_failed upload={}", id, e);
      }
      return Future.succeededFuture();
    });
  }
}
