package dev.xreg.storage.oci;

import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;

/**
 * What an OCI store operation did not find, so an API can name it precisely (the OCI envelope
 * has one code per case: {@code NAME_UNKNOWN}, {@code BLOB_UNKNOWN}, ...). It travels as the
 * cause of an {@link EngineFailure}, which the storage verticle passes through unchanged.
 * Expected outcomes of client requests: no stack trace.
 */
public final class ContentUnknown extends RuntimeException {
  /** The missing thing. */
  public enum What {
    REPOSITORY,
    BLOB,
    MANIFEST,
    UPLOAD,
    /** A pushed manifest references blobs or manifests the repository does not hold (OCI-018). */
    REFERENCED_CONTENT
  }

  private final What what;

  private ContentUnknown(What what, String detail) {
    super(detail, null, false, false);
    this.what = what;
  }

  public What what() {
    return what;
  }

  /** The engine failure to fail a command with. */
  static EngineFailure failure(What what, String subject, String detail) {
    FailureKind kind = what == What.REFERENCED_CONTENT ? FailureKind.INVALID : FailureKind.NOT_FOUND;
    return new EngineFailure(kind, subject, detail, new ContentUnknown(what, detail));
  }

  /** The {@link ContentUnknown} an engine failure carries, or null. */
  public static ContentUnknown of(Throwable failure) {
    return failure instanceof EngineFailure f && f.getCause() instanceof ContentUnknown c ? c : null;
  }
}
