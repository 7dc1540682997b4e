package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The spec's integer data types (core spec "Data Types") with the ranges xreg stores exactly.
 * The spec gives {@code integer} and {@code uinteger} no width; xreg keeps every integer as a
 * signed 64-bit value (PostgreSQL {@code bigint}, Java {@code long}), so {@code integer} is
 * -2^63..2^63-1 and {@code uinteger} (epoch included) 0..2^63-1. A value outside is refused,
 * never wrapped (issue 13). An integer is written as an integer: {@code 1e2} and {@code 2.0}
 * are JSON numbers in decimal form, which the spec's separate {@code decimal} type covers, so
 * they are refused rather than rewritten (docs/spec-decisions.md N1). {@code -0} is 0.
 */
public enum IntegerType {
  INTEGER("integer", BigInteger.valueOf(Long.MIN_VALUE)),
  UINTEGER("uinteger", BigInteger.ZERO);

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  /** A header or flag value: optional sign and ASCII digits only (no '+', spaces or exponents). */
  private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,1000}");
  private static final int SHOWN = 40;

  private final String typeName;
  private final BigInteger min;

  IntegerType(String typeName, BigInteger min) {
    this.typeName = typeName;
    this.min = min;
  }

  /** The spec's name of the type, e.g. {@code uinteger}. */
  public String typeName() {
    return typeName;
  }

  /** The accepted range as written in error details. */
  public String range() {
    return min.signum() == 0 ? "0..9223372036854775807 (0..2^63-1)"
        : "-9223372036854775808..9223372036854775807 (-2^63..2^63-1)";
  }

  /** Why a JSON value is not of this type, in plain words, or null when it is. */
  public String problem(JsonNode value) {
    if (!value.isNumber()) {
      return "must be " + article() + " (a JSON number in " + range() + ")";
    }
    if (!value.isIntegralNumber()) {
      // not the value: the parser has already normalized it (2.0 reads as 2)
      return "must be " + article() + " written as digits only, without fraction or exponent, in " + range();
    }
    return outOfRange(value.bigIntegerValue(), value.asText());
  }

  /** Why a header or flag value is not of this type, or null when it is. */
  public String problem(String text) {
    if (!DIGITS.matcher(text).matches()) {
      return "must be " + article() + " (digits only, in " + range() + "), not \"" + shown(text) + "\"";
    }
    return outOfRange(new BigInteger(text), text);
  }

  /** The exact value of a JSON number for which {@link #problem(JsonNode)} is null. */
  public long value(JsonNode value) {
    return value.bigIntegerValue().longValueExact();
  }

  private String outOfRange(BigInteger n, String text) {
    if (n.compareTo(min) < 0 || n.compareTo(MAX) > 0) {
      return "must be " + article() + " in " + range() + ", not " + shown(text);
    }
    return null;
  }

  private String article() {
    return (this == INTEGER ? "an " : "a ") + typeName;
  }

  private static String shown(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
  }

  /** The integer type of a model type name, or null for any other type. */
  public static IntegerType of(String typeName) {
    return switch (typeName) {
      case "integer" -> INTEGER;
      case "uinteger" -> UINTEGER;
      default -> null;
    };
  }
}
