package dev.xreg.cnr;

/**
 * A request the App Registry API refuses by its own checks, with its CNR-021 error:
 * {@code invalid-usage} (a bad name, a missing field, a blob that is not a tar.gz) unless told,
 * such as {@code package-not-found} for a release no path selector matches.
 */
final class Refused extends RuntimeException {
  private final CnrError error;

  Refused(String message) {
    this(CnrError.INVALID_USAGE, message);
  }

  Refused(CnrError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  CnrError error() {
    return error;
  }
}
