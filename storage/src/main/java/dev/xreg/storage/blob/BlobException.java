package dev.xreg.storage.blob;

import java.util.Objects;

/**
 * A blob store operation that failed for a reason its caller can name. Each API maps the
 * {@link Kind} to its own error format in one table (OCI: {@code BLOB_UNKNOWN},
 * {@code DIGEST_INVALID}, 416, ...), so the store never speaks HTTP.
 */
public class BlobException extends RuntimeException {
  /** Why the operation failed. */
  public enum Kind {
    /** No blob is stored under that digest. */
    UNKNOWN_BLOB,
    /** No upload has that ID (never started, committed, cancelled, or the ID is not one we issue). */
    UNKNOWN_UPLOAD,
    /** The bytes received do not hash to the digest the client announced. Nothing was stored. */
    DIGEST_MISMATCH,
    /** The bytes received are not as many as the client announced. Nothing was stored. */
    SIZE_MISMATCH,
    /** A chunk does not start where the upload ends, or another write to the upload is in flight. */
    OUT_OF_ORDER,
    /** The text is not a digest by the OCI grammar, or its encoded part does not fit its algorithm. */
    INVALID_DIGEST,
    /** A well-formed digest of an algorithm the store does not hash (only sha256 and sha512 are). */
    UNSUPPORTED_DIGEST,
    /** A range that starts past the end of the blob. */
    INVALID_RANGE,
    /** The disk is full, or free space is below the configured minimum. Nothing half-written is visible. */
    STORAGE_FULL,
    /** The storage could not be reached or failed for another reason; retrying may help. */
    UNAVAILABLE
  }

  private final Kind kind;

  public BlobException(Kind kind, String message) {
    this(kind, message, null);
  }

  public BlobException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
