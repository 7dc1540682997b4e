package dev.xreg.core.format;

/**
 * Thrown by {@link FormatValidator#readProblems} when the documents use constructs the
 * checker cannot decide (core/spec.md "compatibilityvalidated": "the server did not perform
 * validation"). The Version then gets {@code compatibilityvalidated: false} with this message
 * as the reason, or {@code compatibility_unknown} under {@code strictvalidation: true}:
 * a checker reports "not validated" rather than guess a verdict.
 */
public final class CompatibilityUndecided extends RuntimeException {
  public CompatibilityUndecided(String reason) {
    super(reason, null, false, false);
  }
}
