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

  /**
   * Parses and checks one document.
   *
   * @param document the stored bytes; a JSON string literal is already unwrapped to its text
   * @return null when valid, otherwise a human-readable reason (which becomes the detail of
   *     {@code format_violation})
   */
  String violation(String format, byte[] document);

  /** The compatibility rules (core names, lower case) this validator can decide. */
  default Set<String> compatibilities() {
    return Set.of();
  }

  /**
   * Whether data written with {@code writer} can be read with {@code reader}.
   *
   * @return the breaking changes (field, type, reason), empty when compatible
   * @throws CompatibilityUndecided when the documents use constructs the checker cannot decide
   */
  default List<String> readProblems(String format, byte[] reader, byte[] writer) {
    throw new UnsupportedOperationException("no compatibility checks for " + format);
  }
}
