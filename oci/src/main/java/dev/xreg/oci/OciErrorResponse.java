package dev.xreg.oci;

/**
 * A handler's decision to answer with an OCI error, as a failure so it can end a future chain;
 * {@link OciFailures} writes it. Expected outcome: no stack trace.
 */
final class OciErrorResponse extends RuntimeException {
  private final OciError error;
  private final int status;

  OciErrorResponse(OciError error, String detail) {
    this(error.status(), error, detail);
  }

  OciErrorResponse(int status, OciError error, String detail) {
    super(detail, null, false, false);
    this.error = error;
    this.status = status;
  }

  OciError error() {
    return error;
  }

  int status() {
    return status;
  }
}
