package dev.xreg.cnr;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The App Registry's error codes and their statuses (CNR-021), written in the appr
 * envelope {@code {"code","message","details"}}.
 */
public enum CnrError {
  INVALID_USAGE("invalid-usage", 400),
  UNAUTHORIZED_ACCESS("unauthorized-access", 401),
  FORBIDDEN("forbidden", 403),
  PACKAGE_NOT_FOUND("package-not-found", 404),
  RESOURCE_NOT_FOUND("resource-not-found", 404),
  CHANNEL_NOT_FOUND("channel-not-found", 404),
  PACKAGE_RELEASE_NOT_FOUND("package-release-not-found", 404),
  PACKAGE_VERSION_NOT_FOUND("package-version-not-found", 404),
  READ_ONLY("read-only", 405),
  PACKAGE_EXISTS("package-exists", 409),
  RESOURCE_IN_USE("resource-in-use", 409),
  INVALID_RELEASE("invalid-release", 422),
  INVALID_PARAMETERS("invalid-parameters", 422),
  INVALID_VERSION("invalid-version", 422),
  INTERNAL_ERROR("internal-error", 500),
  UNSUPPORTED("unsupported", 501);

  private final String code;
  private final int status;

  CnrError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** Ends {@code ctx} with this error, {@code message} for people and {@code details} for programs. */
  public void write(RoutingContext ctx, String message, JsonObject details) {
    write(ctx, status, message, details);
  }

  /** As {@link #write(RoutingContext, String, JsonObject)} with another status (codec errors keep theirs: 413, 431). */
  public void write(RoutingContext ctx, int httpStatus, String message, JsonObject details) {
    ctx.response().setStatusCode(httpStatus).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("code", code).put("message", message)
            .put("details", details == null ? new JsonObject() : details).encode());
  }
}
