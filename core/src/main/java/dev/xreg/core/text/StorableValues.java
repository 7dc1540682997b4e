package dev.xreg.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * One check of a whole parsed request body, before any rule sees it: every key and string is
 * storable Unicode ({@link UnicodeText}) and every decimal fits PostgreSQL {@code numeric}
 * (at most 131072 digits before and 16383 after the point; beyond that jsonb refuses it and the
 * write would fail as a server error). A violation is {@code invalid_attribute} naming the
 * path of the value, e.g. {@code labels.k} or {@code list[2]} (issue 13).
 */
public final class StorableValues {
  static final int MAX_INTEGER_DIGITS = 131072;
  static final int MAX_FRACTION_DIGITS = 16383;

  private StorableValues() {
  }

  public static void check(JsonNode node, String subject) {
    check(node, "", subject);
  }

  private static void check(JsonNode node, String path, String subject) {
    if (node.isTextual()) {
      String problem = UnicodeText.problem(node.textValue());
      if (problem != null) {
        throw refusal(path, subject, "the string " + problem);
      }
    } else if (node.isBigDecimal()) {
      String problem = decimalProblem(node.decimalValue());
      if (problem != null) {
        throw refusal(path, subject, problem);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        String child = path.isEmpty() ? UnicodeText.printable(key) : path + "." + UnicodeText.printable(key);
        String problem = UnicodeText.problem(key);
        if (problem != null) {
          throw refusal(child, subject, "the key " + problem);
        }
        check(e.getValue(), child, subject);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]", subject);
      }
    }
  }

  /** Why a decimal cannot be stored, or null. */
  static String decimalProblem(BigDecimal d) {
    long integerDigits = (long) d.precision() - d.scale();
    if (integerDigits > MAX_INTEGER_DIGITS) {
      return "the number has " + integerDigits + " digits before the decimal point; at most "
          + MAX_INTEGER_DIGITS + " can be stored";
    }
    if (d.scale() > MAX_FRACTION_DIGITS) {
      return "the number has " + d.scale() + " digits after the decimal point; at most "
          + MAX_FRACTION_DIGITS + " can be stored";
    }
    return null;
  }

  private static XRegistryException refusal(String path, String subject, String detail) {
    if (path.isEmpty()) {
      return XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail(detail).build();
    }
    return XRegistryException.of(ErrorType.INVALID_ATTRIBUTE, subject).arg("name", path).errorDetail(detail).build();
  }
}
