package dev.xreg.oci;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.content.ContentInvalid;
import dev.xreg.storage.content.ManifestTooLarge;
import dev.xreg.storage.content.NameInvalid;
import dev.xreg.storage.content.ReferenceInvalid;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import dev.xreg.storage.oci.ContentUnknown;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI API's one table from every failure its handlers meet (the content model's rule
 * violations, the blob store's kinds, the engine's classification) to the OCI error envelope
 * (OCI-027). A failure not named here is a bug: logged with an incident ID, answered 500.
 */
final class OciFailures {
  private static final Logger LOG = LoggerFactory.getLogger(OciFailures.class);

  private OciFailures() {
  }

  static void respond(RoutingContext ctx, Throwable failure) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      // a body was being sent when the failure came: the only honest signal left is a cut connection
      ctx.response().reset();
      return;
    }
    ContentUnknown unknown = ContentUnknown.of(failure);
    if (failure instanceof OciErrorResponse r) {
      OciErrors.write(ctx, r.status(), r.error(), r.getMessage());
    } else if (unknown != null) {
      OciError code = switch (unknown.what()) {
        case REPOSITORY -> OciError.NAME_UNKNOWN;
        case BLOB -> OciError.BLOB_UNKNOWN;
        case MANIFEST -> OciError.MANIFEST_UNKNOWN;
        case UPLOAD -> OciError.BLOB_UPLOAD_UNKNOWN;
        case REFERENCED_CONTENT -> OciError.MANIFEST_BLOB_UNKNOWN;
      };
      OciErrors.write(ctx, code, unknown.getMessage());
    } else if (failure instanceof BlobException b) {
      blob(ctx, b);
    } else if (failure instanceof ContentInvalid c) {
      content(ctx, c);
    } else if (failure instanceof EngineFailure e) {
      OciErrors.write(ctx, OciErrors.status(e.kind()), OciErrors.of(e.kind()), e.detail());
    } else if (FailureKind.of(failure) == FailureKind.BUSY) {
      OciErrors.write(ctx, OciError.TOOMANYREQUESTS, "the registry is busy; try again");
    } else {
      String incident = UUID.randomUUID().toString();
      LOG.error("event=oci_failure method={} path={} incident={}", ctx.request().method(), ctx.normalizedPath(),
          incident, failure);
      OciErrors.write(ctx, 500, OciError.UNSUPPORTED, "incident " + incident + " is in the server log");
    }
  }

  private static void blob(RoutingContext ctx, BlobException b) {
    switch (b.kind()) {
      case UNKNOWN_BLOB -> OciErrors.write(ctx, OciError.BLOB_UNKNOWN, b.getMessage());
      case UNKNOWN_UPLOAD -> OciErrors.write(ctx, OciError.BLOB_UPLOAD_UNKNOWN, b.getMessage());
      case DIGEST_MISMATCH, INVALID_DIGEST, UNSUPPORTED_DIGEST -> OciErrors.write(ctx, OciError.DIGEST_INVALID, b.getMessage());
      case SIZE_MISMATCH -> OciErrors.write(ctx, OciError.SIZE_INVALID, b.getMessage());
      // OCI-011/013: a chunk that does not start where the upload ends
      case OUT_OF_ORDER, INVALID_RANGE -> OciErrors.write(ctx, 416, OciError.BLOB_UPLOAD_INVALID, b.getMessage());
      // nothing half-written is visible; the client may retry once space is freed
      case STORAGE_FULL -> OciErrors.write(ctx, 507, OciError.BLOB_UPLOAD_INVALID, b.getMessage());
      case UNAVAILABLE -> {
        String incident = UUID.randomUUID().toString();
        LOG.error("event=blob_store_unavailable incident={}", incident, b);
        OciErrors.write(ctx, 503, OciError.UNSUPPORTED, "the blob store is unavailable (incident " + incident + ")");
      }
    }
  }

  private static void content(RoutingContext ctx, ContentInvalid c) {
    if (c instanceof NameInvalid) {
      OciErrors.write(ctx, OciError.NAME_INVALID, c.detail());
    } else if (c instanceof ManifestTooLarge) {
      OciErrors.write(ctx, 413, OciError.SIZE_INVALID, c.detail());
    } else if (c instanceof ReferenceInvalid && c.detail().contains("digest")) {
      OciErrors.write(ctx, OciError.DIGEST_INVALID, c.detail());
    } else {
      OciErrors.write(ctx, OciError.MANIFEST_INVALID, c.detail());
    }
  }
}
