package dev.xreg.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.write.AttributeValues;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identifier strings of the message and endpoint specs: {@code envelope}, {@code protocol},
 * {@code dataschemaformat} (all case-insensitive, {@code <NAME>/<VERSION>} or {@code <NAME>[/<VERSION>]}).
 */
final class Identifiers {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private Identifiers() {
  }

  /** A string attribute, or null when absent (the model already checked the type). */
  static String text(JsonNode entity, String name) {
    JsonNode v = entity.get(name);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  /**
   * Checks {@code <NAME>/<VERSION>} ({@code versionRequired}) or {@code <NAME>[/<VERSION>]}:
   * non-empty, and no empty part around the {@code /}.
   */
  static void name(String attribute, String value, boolean versionRequired, String subject) {
    if (value == null) {
      return;
    }
    int slash = value.indexOf('/');
    String shape = versionRequired ? "<NAME>/<VERSION>" : "<NAME> or <NAME>/<VERSION>";
    if (value.isBlank()) {
      throw AttributeValues.invalid(attribute, subject, "must be a non-empty string of the form " + shape);
    }
    if (slash < 0 ? versionRequired : slash == 0 || slash == value.length() - 1) {
      throw AttributeValues.invalid(attribute, subject, "\"" + value + "\" must have the form " + shape);
    }
  }

  static boolean same(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  /** An absolute URI: a scheme (RFC 3986 {@code scheme ":"}); RFC 6570 placeholders may follow. */
  static boolean absolute(String uri) {
    return SCHEME.matcher(uri).matches();
  }
}
