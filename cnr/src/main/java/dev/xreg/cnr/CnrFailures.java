package dev.xreg.cnr;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.cnr.PackageProblem;
import dev.xreg.storage.cnr.Release;
import dev.xreg.storage.engine.EngineFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of an App Registry request as a CNR-021 error, mapped in this one place. */
final class CnrFailures {
  private static final Logger LOG = LoggerFactory.getLogger(CnrFailures.class);

  private CnrFailures() {
  }

  static void respond(RoutingContext ctx, Throwable failure) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      // a blob stream broke midway: the only honest signal left is an incomplete response
      LOG.warn("event=cnr_stream_failed path={} cause={}", ctx.normalizedPath(), failure.toString());
      ctx.response().reset();
      return;
    }
    if (failure instanceof Refused bad) {
      bad.error().write(ctx, bad.getMessage(), null);
    } else if (failure instanceof Release.InvalidRelease invalid) {
      CnrError.INVALID_RELEASE.write(ctx, invalid.getMessage(), null);
    } else if (PackageProblem.of(failure) != null) {
      PackageProblem problem = PackageProblem.of(failure);
      CnrError error = switch (problem.reason()) {
        case PACKAGE_NOT_FOUND -> CnrError.PACKAGE_NOT_FOUND;
        case RELEASE_NOT_FOUND -> CnrError.PACKAGE_RELEASE_NOT_FOUND;
        case CHANNEL_NOT_FOUND -> CnrError.CHANNEL_NOT_FOUND;
        case PACKAGE_EXISTS -> CnrError.PACKAGE_EXISTS;
        case NOT_A_PACKAGE -> CnrError.RESOURCE_IN_USE;
      };
      error.write(ctx, problem.getMessage(), new JsonObject().put("package", ((EngineFailure) failure).subject()));
    } else if (failure instanceof EngineFailure engine) {
      switch (engine.kind()) {
        case INVALID -> CnrError.INVALID_USAGE.write(ctx, engine.detail(), null);
        case FORBIDDEN -> CnrError.FORBIDDEN.write(ctx, engine.detail(), null);
        case NOT_FOUND -> CnrError.RESOURCE_NOT_FOUND.write(ctx, engine.detail(), null);
        case CONFLICT -> CnrError.RESOURCE_IN_USE.write(ctx, engine.detail(), null);
        case TOO_LARGE -> CnrError.INVALID_USAGE.write(ctx, 413, engine.detail(), null);
        case BUSY, UNAVAILABLE -> CnrError.INTERNAL_ERROR.write(ctx, 503, engine.detail(), null);
        default -> CnrError.INTERNAL_ERROR.write(ctx, engine.detail(), null);
      }
    } else if (failure instanceof BlobException blob) {
      switch (blob.kind()) {
        case UNKNOWN_BLOB -> CnrError.RESOURCE_NOT_FOUND.write(ctx, "the package's content is missing from the blob store", null);
        case STORAGE_FULL -> CnrError.INTERNAL_ERROR.write(ctx, 507, "the blob store is full; nothing was stored", null);
        case UNAVAILABLE -> CnrError.INTERNAL_ERROR.write(ctx, 503, "the blob store did not answer; nothing was stored", null);
        default -> internal(ctx, failure);
      }
    } else {
      internal(ctx, failure);
    }
  }

  private static void internal(RoutingContext ctx, Throwable failure) {
    String incident = UUID.randomUUID().toString();
    LOG.error("event=cnr_failure path={} incident={}", ctx.normalizedPath(), incident, failure);
    CnrError.INTERNAL_ERROR.write(ctx, "incident " + incident + " is in the server log", null);
  }
}
