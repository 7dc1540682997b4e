package dev.xreg.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.blob.Digester;
import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.ManifestTooLarge;
import dev.xreg.storage.content.Reference;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.oci.ContentCache;
import dev.xreg.storage.oci.DeleteManifest;
import dev.xreg.storage.oci.DeleteTag;
import dev.xreg.storage.oci.GetManifest;
import dev.xreg.storage.oci.PutManifest;
import dev.xreg.storage.oci.StoredManifest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v2/<name>/manifests/<reference>}: PUT (OCI-018, OCI-019), GET and HEAD by tag or
 * digest (OCI-003, OCI-004), DELETE of a tag or a manifest (OCI-024, OCI-025). Manifests are
 * small documents: read whole, but never more than {@link Manifest#MAX_BYTES} (413 beyond).
 */
final class ManifestEndpoints {
  static final String SUBJECT_HEADER = "OCI-Subject";

  private final OciEngine engine;
  /** Manifests by (repository, digest or tag) on this node (issue 15, O3); null: off. */
  private final ContentCache<StoredManifest> cache;

  ManifestEndpoints(OciEngine engine, ContentCache<StoredManifest> cache) {
    this.engine = engine;
    this.cache = cache;
  }

  /** The node's manifest cache of {@code maxBytes} in front of {@code context}'s engine; null when 0. */
  static ContentCache<StoredManifest> cache(dev.xreg.api.ApiContext context, long maxBytes) {
    return ContentCache.shared(context.engine(), ContentCache.Kind.OCI_MANIFESTS, maxBytes, () -> new ContentCache<>(maxBytes,
        Invalidations.of(context.vertx()), m -> 64L + m.content().length + 2L * m.digest().length(),
        (a, b) -> a.digest().equals(b.digest())));
  }

  void handle(RoutingContext ctx, RepositoryName name, String referenceText) {
    Reference reference = Reference.parse(referenceText);
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.PUT) {
      put(ctx, name, reference);
    } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      manifest(name, reference)
          .onSuccess(m -> send(ctx, m, method == HttpMethod.HEAD))
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else if (method == HttpMethod.DELETE) {
      (reference instanceof Reference.ByTag tag ? engine.send(new DeleteTag(name, tag.value()))
          : engine.send(new DeleteManifest(name, reference.value())))
          .onSuccess(v -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end())
          .onFailure(e -> OciFailures.respond(ctx, e));
    } else {
      OciErrors.write(ctx, OciError.UNSUPPORTED, method + " is not defined on a manifest");
    }
  }

  /**
   * The manifest from the node cache, or from the engine (then kept). A digest's bytes never
   * change, but whether the repository still holds them does, and a tag moves: both are dropped
   * by the writes that change them (RepositoryChanges). The caller's right to pull was checked
   * before this handler ran.
   */
  private Future<StoredManifest> manifest(RepositoryName name, Reference reference) {
    if (cache == null) {
      return engine.send(new GetManifest(name, reference));
    }
    StoredManifest hit = cache.lookup(name.value(), reference.value());
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    long ticket = cache.ticket();
    return engine.send(new GetManifest(name, reference))
        .map(m -> {
          cache.offer(name.value(), reference.value(), m, ticket);
          return m;
        });
  }

  private void put(RoutingContext ctx, RepositoryName name, Reference reference) {
    // pushed by digest: hash with the digest's own algorithm, and the two must agree (OCI-018, OCI-034)
    Digest claimed = reference instanceof Reference.ByDigest d ? Digest.parse(d.digest()) : null;
    DigestAlgorithm algorithm = claimed == null ? DigestAlgorithm.SHA256 : claimed.algorithm();
    String contentType = ctx.request().getHeader("Content-Type");
    readBody(ctx.request()).compose(bytes -> {
      Digest actual = Digester.of(algorithm).update(bytes).digest();
      if (claimed != null && !claimed.equals(actual)) {
        return Future.failedFuture(new OciErrorResponse(OciError.DIGEST_INVALID,
            "the manifest's digest is " + actual + ", not " + claimed));
      }
      Manifest manifest = Manifest.parse(bytes, contentType);
      String tag = reference instanceof Reference.ByTag t ? t.value() : null;
      return engine.send(new PutManifest(name, actual.toString(), bytes, manifest, tag)).map(v -> {
        engine.meter().pushed("oci", "manifest", bytes.length);
        ctx.response().setStatusCode(201)
            .putHeader("Location", engine.url(ctx, name, "/manifests/" + actual))
            .putHeader(BlobEndpoints.DIGEST_HEADER, actual.toString())
            .putHeader("Content-Length", "0");
        manifest.subjectDigest().ifPresent(s -> ctx.response().putHeader(SUBJECT_HEADER, s)); // OCI-019
        return ctx.response().end();
      });
    }).onFailure(e -> OciFailures.respond(ctx, e));
  }

  private void send(RoutingContext ctx, StoredManifest m, boolean head) {
    if (!acceptable(ctx.request().headers().getAll("Accept"), m.mediaType())) {
      OciErrors.write(ctx, OciError.MANIFEST_UNKNOWN, "the manifest is " + m.mediaType()
          + ", which the request's Accept header does not list");
      return;
    }
    boolean byDigest = ctx.request().path().endsWith("/" + m.digest());
    (byDigest ? CachePolicy.byDigest(ctx.response()) : CachePolicy.byTag(ctx.response()))
        .putHeader("Content-Type", m.mediaType())
        .putHeader(BlobEndpoints.DIGEST_HEADER, m.digest())
        .putHeader("Content-Length", Integer.toString(m.content().length));
    if (m.subject() != null) {
      ctx.response().putHeader(SUBJECT_HEADER, m.subject());
    }
    if (head) {
      ctx.response().end();
    } else {
      engine.meter().pulled("oci", "manifest", m.content().length);
      ctx.response().end(Buffer.buffer(m.content()));
    }
  }

  /**
   * OCI-003: clients send several {@code Accept} lines, each possibly a list. A manifest is
   * withheld only when the client names manifest types and this one is not among them and no
   * wildcard is given; a bare {@code application/json} or no header at all gets what is stored,
   * as no conversion between manifest formats is offered.
   */
  static boolean acceptable(List<String> acceptLines, String mediaType) {
    List<String> types = new ArrayList<>();
    for (String line : acceptLines) {
      for (String part : line.split(",")) {
        int semi = part.indexOf(';');
        String type = (semi < 0 ? part : part.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty()) {
          types.add(type);
        }
      }
    }
    boolean namesManifestTypes = types.stream().anyMatch(t -> t.startsWith("application/vnd."));
    return !namesManifestTypes || types.contains(mediaType) || types.contains("*/*") || types.contains("application/*");
  }

  /** The body, failing with {@link ManifestTooLarge} as soon as it passes the limit. */
  private static Future<byte[]> readBody(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    if (length != null) {
      try {
        long declared = Long.parseLong(length.trim());
        if (declared > Manifest.MAX_BYTES) {
          return Future.failedFuture(new ManifestTooLarge(declared));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(new OciErrorResponse(OciError.MANIFEST_INVALID, "bad Content-Length " + length));
      }
    }
    Promise<byte[]> done = Promise.promise();
    Buffer body = Buffer.buffer();
    req.handler(chunk -> {
      if (done.future().isComplete()) {
        return; // over the limit: the rest drains unread
      }
      if (body.length() + chunk.length() > Manifest.MAX_BYTES) {
        done.tryFail(new ManifestTooLarge((long) body.length() + chunk.length()));
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(done::tryFail);
    req.endHandler(v -> done.tryComplete(body.getBytes()));
    req.resume();
    return done.future();
  }
}
