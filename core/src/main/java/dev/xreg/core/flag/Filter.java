package dev.xreg.core.flag;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ?filter} flag (spec "Filter Flag", CORE-FIL-001..010) parsed: the
 * expressions of one {@code filter} parameter are AND'd, several parameters are OR'd.
 * Storage turns it into SQL; nothing here knows the model.
 */
public record Filter(List<List<Expression>> anyOf) {
  public static final String EXCLUDE_ALL = "excludeall";
  /** attribute path, operator, value; the longest operators first so "<=" is not read as "<". */
  private static final Pattern EXPRESSION = Pattern.compile("^([^=<>!]+?)(?:(!=|<>|<=|>=|=|<|>)(.*))?$");
  private static final Pattern PATH_SEGMENT = Pattern.compile("^[a-z0-9_$][a-z0-9_.:$-]*$|^\\*$");

  public enum Op { PRESENT, ABSENT, EQ, NE, LT, LE, GT, GE }

  /** One comparison: {@code path} is the dot path split into segments (collections, then attribute). */
  public record Expression(List<String> path, Op op, String value) {
    /** True when the string value has an unescaped '*' (only meaningful with EQ and NE). */
    public boolean hasWildcard() {
      return value != null && value.replace("\\\\", "").replace("\\*", "").contains("*");
    }
  }

  public boolean excludesAll() {
    return anyOf.size() == 1 && anyOf.get(0).isEmpty();
  }

  /** Parses every {@code filter} parameter; null when there is none. */
  public static Filter parse(List<String> params, String subject) {
    if (params == null || params.isEmpty()) {
      return null;
    }
    List<List<Expression>> anyOf = new ArrayList<>();
    boolean excludeAll = false;
    for (String param : params) {
      List<Expression> allOf = new ArrayList<>();
      for (String raw : splitOnCommas(param)) {
        String text = raw.trim();
        if (EXCLUDE_ALL.equals(text)) {
          excludeAll = true;
          continue;
        }
        allOf.add(expression(text, subject));
      }
      if (!allOf.isEmpty()) {
        anyOf.add(allOf);
      }
    }
    if (excludeAll) {
      if (!anyOf.isEmpty()) {
        throw bad(subject, String.join("&", params), "\"excludeall\" cannot be combined with other expressions");
      }
      return new Filter(List.of(List.of()));
    }
    return new Filter(anyOf);
  }

  private static Expression expression(String text, String subject) {
    Matcher m = EXPRESSION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw bad(subject, text, "expected <path>[<op><value>] with op one of = != <> < <= > >=");
    }
    List<String> path = List.of(m.group(1).trim().split("\\.", -1));
    for (String seg : path) {
      if (!PATH_SEGMENT.matcher(seg).matches()) {
        throw bad(subject, text, "\"" + seg + "\" is not a valid attribute or collection name");
      }
    }
    String opText = m.group(2);
    String value = m.group(3);
    if (opText == null) {
      return new Expression(path, Op.PRESENT, null);
    }
    Op op = switch (opText) {
      case "=" -> "null".equals(value) ? Op.ABSENT : Op.EQ;
      case "!=", "<>" -> "null".equals(value) ? Op.PRESENT : Op.NE;
      case "<" -> Op.LT;
      case "<=" -> Op.LE;
      case ">" -> Op.GT;
      default -> Op.GE;
    };
    if (op == Op.ABSENT || (op == Op.PRESENT)) {
      return new Expression(path, op, null);
    }
    if ((op == Op.LT || op == Op.LE || op == Op.GT || op == Op.GE)) {
      if ("null".equals(value) || value.isEmpty()) {
        throw bad(subject, text, "a relative comparison needs a non-null value");
      }
      Expression e = new Expression(path, op, value);
      if (e.hasWildcard()) {
        throw bad(subject, text, "wildcards are only allowed with =, != and <>");
      }
      return e;
    }
    return new Expression(path, op, value);
  }

  /** Commas separate expressions; a backslash-escaped comma stays in the value. */
  private static List<String> splitOnCommas(String param) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < param.length(); i++) {
      char c = param.charAt(i);
      if (c == '\\' && i + 1 < param.length() && param.charAt(i + 1) == ',') {
        cur.append(',');
        i++;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  static XRegistryException bad(String subject, String value, String detail) {
    return XRegistryException.of(ErrorType.BAD_FILTER, subject).arg("value", value).errorDetail(detail).build();
  }
}
