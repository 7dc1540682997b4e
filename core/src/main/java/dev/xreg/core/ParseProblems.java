package dev.xreg.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parser's exception into a {@code parsing_data} detail a client can act on: what is
 * wrong and where (line, column), without the parser's class or feature names, which say
 * nothing to a client and disclose the implementation (issue 13, item 7).
 */
final class ParseProblems {
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)' for `");
  /** Hints about parser features ("enable `JsonReadFeature...` to allow") up to the end. */
  private static final Pattern FEATURE_HINT = Pattern.compile(
      "[:;,]?\\s*(?:\\(?(?:not recognized as one since )?Feature '[^']*'.*|(?:enable|not allowed as per|not allowed when) `.*)$");
  /** "(1000, from `StreamReadConstraints.getMaxNumberLength()`)": keep the number. */
  private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `[^`]*`");
  private static final Pattern INTERNALS = Pattern.compile("`|com\\.fasterxml|jackson|java\\.|org\\.");

  private ParseProblems() {
  }

  static String describe(JsonProcessingException e, String format) {
    String m = e.getOriginalMessage();
    String what;
    if (m == null || m.isBlank()) {
      what = "invalid " + format;
    } else {
      m = firstLine(m).strip();
      Matcher dup = DUPLICATE.matcher(m);
      if (dup.find()) {
        what = "duplicate key \"" + dup.group(1) + "\"";
      } else if (m.startsWith("Trailing token")) {
        what = "unexpected data after the end of the " + format + " value";
      } else {
        m = CONSTRAINT_SOURCE.matcher(FEATURE_HINT.matcher(m).replaceFirst("")).replaceAll("");
        what = m.isEmpty() || INTERNALS.matcher(m).find() ? "invalid " + format : m;
      }
    }
    return what + where(e.getLocation());
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() <= 0) {
      return "";
    }
    return " (line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "") + ")";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
