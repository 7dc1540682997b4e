package dev.xreg.storage.xregistry;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;

/**
 * CORE-INL-006 (spec "Inline Flag": a Registry that cannot return all the data in one
 * response MUST answer {@code too_large}): the most entities {@code ?inline} may add to one
 * response ({@code XREG_MAX_INLINE_ENTITIES}). Inlined Group and Resource collections are
 * charged with their count before they are read, so an oversized request fails before it
 * loads them; the Versions of one Resource once read.
 * One per request; not thread-safe (a request runs on one context).
 */
final class InlineBudget {
  private final long max;
  private final String subject;
  private long used;

  InlineBudget(long max, String subject) {
    this.max = max;
    this.subject = subject;
  }

  static InlineBudget unlimited() {
    return new InlineBudget(Long.MAX_VALUE, null);
  }

  /** Charges {@code count} entities of the inlined collection at {@code collectionXid}. */
  void charge(long count, String collectionXid) {
    used += count;
    if (used > max) {
      throw XRegistryException.of(ErrorType.TOO_LARGE, subject)
          .errorDetail("inlining would add more than " + max + " entities to this response (reached at "
              + collectionXid + "); inline less, or read the large collections on their own, page by page "
              + "(e.g. GET " + collectionXid + "?limit=100)")
          .build();
    }
  }
}
