package dev.xreg.core.format;

/**
 * A schema document or a compatibility check went beyond one of the {@link ValidationLimits}.
 * The message names the limit and its value, for the detail of the 400 the write answers
 * (issue 13: "a detail naming the limit"); nothing is stored. Unlike
 * {@link CompatibilityUndecided} this is never turned into {@code ...validated: false}: a
 * document that cannot be checked within the limits is refused.
 */
public final class ValidationLimitExceeded extends RuntimeException {
  /** The bounded quantities, each with the words the message uses. */
  public enum Limit {
    DOCUMENT_BYTES("document size", "bytes"),
    DEPTH("nesting depth", "levels"),
    DEFINITIONS("number of definitions", "definitions"),
    TIME("validation time", "ms");

    private final String what;
    private final String unit;

    Limit(String what, String unit) {
      this.what = what;
      this.unit = unit;
    }
  }

  private final Limit limit;
  private final long value;

  public ValidationLimitExceeded(Limit limit, long value) {
    super("the schema exceeds the validation limit on " + limit.what + " (" + value + " " + limit.unit + ")", null,
        false, false);
    this.limit = limit;
    this.value = value;
  }

  public Limit limit() {
    return limit;
  }

  /** The configured bound that was exceeded. */
  public long value() {
    return value;
  }
}
