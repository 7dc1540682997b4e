package dev.xreg.oci;

import dev.xreg.storage.engine.FailureKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the OCI error envelope ({@code {"errors":[{"code","message","detail"}]}}, OCI-027),
 * and the OCI API's one table from the engine's {@link FailureKind} to its codes.
 */
public final class OciErrors {
  private OciErrors() {
  }

  /** Ends {@code ctx} with {@code error}; {@code detail} may be null. */
  public static void write(RoutingContext ctx, int status, OciError error, String detail) {
    JsonObject entry = new JsonObject().put("code", error.name()).put("message", error.message());
    if (detail != null) {
      entry.put("detail", detail);
    }
    if ((status == 429 || status == 503) && !ctx.response().headers().contains("Retry-After")) {
      ctx.response().putHeader("Retry-After", "1"); // OCI-028; a limit that knows better has set its own
    }
    // A refused upload's body is never read: let it drain so the connection stays usable.
    if (!ctx.request().isEnded()) {
      ctx.request().resume();
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errors", new JsonArray().add(entry)).encode());
  }

  public static void write(RoutingContext ctx, OciError error, String detail) {
    write(ctx, error.status(), error, detail);
  }

  /** The code an engine failure of {@code kind} is answered with when no more specific code applies. */
  static OciError of(FailureKind kind) {
    return switch (kind) {
      case NOT_FOUND -> OciError.NAME_UNKNOWN;
      case FORBIDDEN -> OciError.DENIED;
      case TOO_LARGE -> OciError.SIZE_INVALID;
      case BUSY -> OciError.TOOMANYREQUESTS;
      case NOT_ALLOWED, UNAVAILABLE, INTERNAL -> OciError.UNSUPPORTED;
      case INVALID, CONFLICT, PRECONDITION_FAILED -> OciError.BLOB_UPLOAD_INVALID;
    };
  }

  /** The HTTP status for an engine failure of {@code kind}. */
  static int status(FailureKind kind) {
    return switch (kind) {
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
      case TOO_LARGE -> 413;
      default -> of(kind).status();
    };
  }
}
