package dev.xreg.core.write;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;

/** The {@code mismatched_id} error: an ID in a body that is not the one the URL (or state) fixes (CORE-ID-007). */
final class MismatchedId {
  private MismatchedId() {
  }

  /** {@code idAttr} is the attribute's name, e.g. {@code versionid}; its singular drops the trailing "id". */
  static XRegistryException error(String idAttr, String given, String expected, String subject) {
    return XRegistryException.of(ErrorType.MISMATCHED_ID, subject)
        .arg("singular", idAttr.substring(0, idAttr.length() - 2)).arg("invalid_id", given)
        .arg("expected_id", expected).build();
  }
}
