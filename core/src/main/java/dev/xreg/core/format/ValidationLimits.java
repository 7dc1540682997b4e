package dev.xreg.core.format;

import java.time.Duration;

/**
 * The bounds every format validation and compatibility check runs within (issue 13 "bounded,
 * isolated validation"): a schema document is untrusted input, and one hostile document must
 * not take a worker thread, the heap or the stack with it. Exceeding a bound throws
 * {@link ValidationLimitExceeded}, which the write algorithm answers with a 400 naming the
 * limit; nothing is stored.
 *
 * <p>The defaults ({@link #DEFAULTS}):
 * <ul>
 *   <li>{@value #DEFAULT_MAX_DOCUMENT_BYTES} bytes per document (4 MiB);</li>
 *   <li>a nesting depth of {@value #DEFAULT_MAX_DEPTH}: JSON objects and arrays (Avro, JSON
 *       Schema), XML elements (XSD), braces and brackets (Protobuf), and the recursion of the
 *       compatibility checkers through named types and {@code $ref}s. Real schemas stay far
 *       below it; the JDK's XML Schema compiler and Wire's parser overflow a 512 KiB thread
 *       stack a few hundred levels deep;</li>
 *   <li>{@value #DEFAULT_MAX_DEFINITIONS} definitions per document: named types, fields and
 *       enum symbols (Avro), declarations (Protobuf);</li>
 *   <li>{@link #DEFAULT_TIMEOUT} of wall-clock time per request, polled by the checkers in their loops
 *       and recursion (cooperative: no thread is ever interrupted or killed). The parsers of
 *       the libraries are not polled; the size and definition bounds keep them short.</li>
 * </ul>
 *
 * <p>An instance is immutable. {@link #start()} returns a copy whose deadline is now plus the
 * timeout; the deadline of an instance that was never started is never reached.
 */
public final class ValidationLimits {
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 128;
  public static final int DEFAULT_MAX_DEFINITIONS = 20_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final ValidationLimits DEFAULTS = new ValidationLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH,
      DEFAULT_MAX_DEFINITIONS, DEFAULT_TIMEOUT, Long.MAX_VALUE);

  private final long maxDocumentBytes;
  private final int maxDepth;
  private final int maxDefinitions;
  private final Duration timeout;
  /** {@link System#nanoTime()} after which the work stops; {@code Long.MAX_VALUE}: not started. */
  private final long deadline;

  private ValidationLimits(long maxDocumentBytes, int maxDepth, int maxDefinitions, Duration timeout, long deadline) {
    if (maxDocumentBytes < 1 || maxDepth < 1 || maxDefinitions < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("validation limits must be positive");
    }
    this.maxDocumentBytes = maxDocumentBytes;
    this.maxDepth = maxDepth;
    this.maxDefinitions = maxDefinitions;
    this.timeout = timeout;
    this.deadline = deadline;
  }

  /** Limits that are not started yet (see {@link #start()}). */
  public static ValidationLimits of(long maxDocumentBytes, int maxDepth, int maxDefinitions, Duration timeout) {
    return new ValidationLimits(maxDocumentBytes, maxDepth, maxDefinitions, timeout, Long.MAX_VALUE);
  }

  /** These limits with the deadline set to now plus the timeout: call once per request. */
  public ValidationLimits start() {
    long now = System.nanoTime();
    long nanos = timeout.toNanos(); // saturates at Long.MAX_VALUE
    long end = now + nanos;
    return new ValidationLimits(maxDocumentBytes, maxDepth, maxDefinitions, timeout,
        end < now || end == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : end);
  }

  public long maxDocumentBytes() {
    return maxDocumentBytes;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public int maxDefinitions() {
    return maxDefinitions;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Throws when the deadline has passed; cheap enough to call in every loop iteration. */
  public void checkTime() {
    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
      throw new ValidationLimitExceeded(ValidationLimitExceeded.Limit.TIME, timeout.toMillis());
    }
  }

  public void checkDocumentBytes(long bytes) {
    if (bytes > maxDocumentBytes) {
      throw new ValidationLimitExceeded(ValidationLimitExceeded.Limit.DOCUMENT_BYTES, maxDocumentBytes);
    }
  }

  /** @param depth the nesting depth reached (the outermost level is 1) */
  public void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw new ValidationLimitExceeded(ValidationLimitExceeded.Limit.DEPTH, maxDepth);
    }
  }

  public void checkDefinitions(long count) {
    if (count > maxDefinitions) {
      throw new ValidationLimitExceeded(ValidationLimitExceeded.Limit.DEFINITIONS, maxDefinitions);
    }
  }

  @Override
  public String toString() {
    return "ValidationLimits[maxDocumentBytes=" + maxDocumentBytes + ", maxDepth=" + maxDepth + ", maxDefinitions="
        + maxDefinitions + ", timeout=" + timeout.toMillis() + "ms]";
  }
}
