package dev.xreg.core.format;

import java.util.List;
import java.util.Set;

/**
 * A schema format that xreg really parses (schema/spec.md "format", core "validateformat",
 * "validatecompatibility"). Implementations live outside {@code core} (module {@code formats})
 * and are found with {@link java.util.ServiceLoader}; {@link Formats} is the lookup.
 *
 * <p>Implementations are pure CPU work over a bounded document; they must not do I/O
 * (no network, no file access, no external entity resolution).
 */
public interface FormatValidator {

  /** The {@code capabilities.formats} values this validator handles, e.g. {@code Avro/*}. */
  List<String> formats();

  /** True when this validator validates documents of {@code format} (matched case-insensitively). */
  default boolean handles(String format) {
    return formats().stream().anyMatch(p -> Formats.matches(p, format));
  }

  /** {@link #violation(String, byte[], ValidationLimits)} within the default limits, started now. */
  default String violation(String format, byte[] document) {
    return violation(format, document, ValidationLimits.DEFAULTS.start());
  }

  /**
   * Parses and checks one document, within {@code limits}: its size and nesting depth are
   * checked before a library parser sees it (so a deep document fails deterministically, never
   * with a {@link StackOverflowError}), its definitions are counted, and the deadline is polled.
   *
   * @param document the stored bytes; a JSON string literal is already unwrapped to its text
   * @return null when valid, otherwise a human-readable reason (which becomes the detail of
   *     {@code format_violation})
   * @throws ValidationLimitExceeded when the document or the work goes beyond a limit
   */
  String violation(String format, byte[] document, ValidationLimits limits);

  /** The compatibility rules (core names, lower case) this validator can decide. */
  default Set<String> compatibilities() {
    return Set.of();
  }

  /** {@link #readProblems(String, byte[], byte[], ValidationLimits)} within the default limits, started now. */
  default List<String> readProblems(String format, byte[] reader, byte[] writer) {
    return readProblems(format, reader, writer, ValidationLimits.DEFAULTS.start());
  }

  /**
   * Whether data written with {@code writer} can be read with {@code reader}. Checkers take
   * time polynomial in the documents' sizes (each pair of types is compared once) and poll the
   * deadline of {@code limits}.
   *
   * @return the breaking changes (field, type, reason), empty when compatible
   * @throws CompatibilityUndecided when the documents use constructs the checker cannot decide
   * @throws ValidationLimitExceeded when the documents or the work go beyond a limit
   */
  default List<String> readProblems(String format, byte[] reader, byte[] writer, ValidationLimits limits) {
    throw new UnsupportedOperationException("no compatibility checks for " + format);
  }
}
