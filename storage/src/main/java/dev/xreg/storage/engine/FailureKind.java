package dev.xreg.storage.engine;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.DatabaseFailures;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The engine's one classification of failures. Every API maps these kinds to its own
 * error format in one table (xRegistry problem+json, the OCI error envelope, CNR's
 * {@code {"code","message"}}), so no API guesses from exception classes.
 */
public enum FailureKind {
  /** The request is malformed or breaks a rule; nothing changed. */
  INVALID,
  /** The caller may not do this. */
  FORBIDDEN,
  /** The target does not exist. */
  NOT_FOUND,
  /** The operation is not defined for the target. */
  NOT_ALLOWED,
  /** The target exists in a state that conflicts with the request (an ID taken, an epoch moved). */
  CONFLICT,
  /** A conditional request's precondition failed. */
  PRECONDITION_FAILED,
  /** The request or its reply is larger than allowed. */
  TOO_LARGE,
  /** Concurrent writers kept winning or the engine did not answer in time: try again later. */
  BUSY,
  /** The database (or another backing store) cannot be reached; nothing changed. */
  UNAVAILABLE,
  /** A bug: logged with an incident ID. */
  INTERNAL;

  /** The kind of {@code failure}, looking through xRegistry errors, store conflicts and database failures. */
  public static FailureKind of(Throwable failure) {
    if (failure instanceof EngineFailure f) {
      return f.kind();
    }
    if (failure instanceof XRegistryException x) {
      return ofStatus(x.type().status());
    }
    if (failure instanceof dev.xreg.storage.content.ContentInvalid) {
      return INVALID;
    }
    if (failure instanceof BlobException b) {
      return switch (b.kind()) {
        case UNKNOWN_BLOB, UNKNOWN_UPLOAD -> NOT_FOUND;
        case OUT_OF_ORDER -> CONFLICT;
        case STORAGE_FULL, UNAVAILABLE -> UNAVAILABLE;
        default -> INVALID;
      };
    }
    if (failure instanceof ConflictException) {
      return BUSY;
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      return BUSY;
    }
    if (DatabaseFailures.isDatabaseFailure(failure)) {
      return UNAVAILABLE;
    }
    return INTERNAL;
  }

  /** The kind an HTTP status of the xRegistry catalogue stands for. */
  static FailureKind ofStatus(int status) {
    return switch (status) {
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> NOT_ALLOWED;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 406, 413 -> TOO_LARGE;
      case 503 -> BUSY;
      default -> status >= 500 ? UNAVAILABLE : INVALID;
    };
  }

  /** Whether a client may retry the same request later and expect it to succeed. */
  public boolean retryable() {
    return this == BUSY || this == UNAVAILABLE;
  }
}
