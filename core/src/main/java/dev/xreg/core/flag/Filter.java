package dev.xreg.core.flag;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code ?filter} flag (spec "Filter Flag", CORE-FIL-001..010) parsed: the
 * expressions of one {@code filter} parameter are AND'd, several parameters are OR'd.
 * Paths use the spec's dot notation ("Dot-Notation in Filters", CORE-FIL-002): names,
 * {@code ['key']} / {@code ["key"]}, {@code [n]}, and the wildcards {@code .*} (any key of
 * an object or map) and {@code [*]} (any array item). Storage turns it into SQL; nothing
 * here knows the model.
 */
public record Filter(List<List<Expression>> anyOf) {
  public static final String EXCLUDE_ALL = "excludeall";
  private static final String OPERATOR_CHARS = "=<>!";

  public enum Op {
    PRESENT(""), ABSENT("=null"), EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    /** How the operator reads in filter text (PRESENT and ABSENT take no value). */
    public String text() {
      return text;
    }

    /** The SQL comparison operator of EQ, NE, LT, LE, GT and GE. */
    public String sql() {
      return this == NE ? "<>" : text;
    }

    public boolean takesValue() {
      return this != PRESENT && this != ABSENT;
    }
  }

  /** One step of a dot-notation path. */
  public record Segment(Kind kind, String name, int index) {
    public enum Kind {
      /** {@code .name}: an attribute, map key or (unquoted only) collection name. */
      NAME,
      /** {@code ['name']} or {@code ["name"]}: an attribute or map key, never a collection. */
      KEY,
      /** {@code [n]}: an array item. */
      INDEX,
      /** {@code .*}: every value of an object or map. */
      ANY_KEY,
      /** {@code [*]}: every item of an array. */
      ANY_ITEM
    }

    static Segment name(String name) {
      return new Segment(Kind.NAME, name, -1);
    }

    /** A plain name, or a quoted key: both address a member by its name. */
    public boolean isMember() {
      return kind == Kind.NAME || kind == Kind.KEY;
    }

    /** The name of an unquoted segment, else null: only these can be collection hops. */
    public String plainName() {
      return kind == Kind.NAME ? name : null;
    }

    /** The segment in dot notation; {@code first} drops the leading dot of a name. */
    String text(boolean first) {
      return switch (kind) {
        case NAME -> first ? name : "." + name;
        case KEY -> name.indexOf('\'') < 0 ? "['" + name + "']" : "[\"" + name.replace("\"", "\\\"") + "\"]";
        case INDEX -> "[" + index + "]";
        case ANY_KEY -> first ? "*" : ".*";
        case ANY_ITEM -> "[*]";
      };
    }
  }

  /** One comparison over the attribute at {@code path} (collection hops first, then the attribute). */
  public record Expression(List<Segment> path, Op op, String value) {
    /** True when the string value has an unescaped '*' (only meaningful with EQ and NE). */
    public boolean hasWildcard() {
      return value != null && value.replace("\\\\", "").replace("\\*", "").contains("*");
    }

    /** The same comparison on the path without its first {@code n} segments (a sub-filter below a hop). */
    public Expression drop(int n) {
      return new Expression(path.subList(n, path.size()), op, value);
    }

    /** The expression as filter text again, e.g. {@code labels['a.b']!=x} (commas in the value escaped). */
    public String text() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < path.size(); i++) {
        out.append(path.get(i).text(i == 0));
      }
      out.append(op.text());
      if (op.takesValue()) {
        out.append(value.replace(",", "\\,"));
      }
      return out.toString();
    }
  }

  public boolean excludesAll() {
    return anyOf.size() == 1 && anyOf.get(0).isEmpty();
  }

  /** One {@code filter} parameter value for the AND'd expressions of {@code term}. */
  public static String text(List<Expression> term) {
    return term.stream().map(Expression::text).collect(Collectors.joining(","));
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
      Parser p = new Parser(param, subject);
      do {
        Expression x = p.expression();
        if (x.path().size() == 1 && x.op() == Op.PRESENT && EXCLUDE_ALL.equals(x.path().get(0).plainName())) {
          excludeAll = true;
        } else {
          allOf.add(x);
        }
      } while (p.nextExpression());
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

  /**
   * Reads one {@code filter} parameter: expressions separated by commas, each a path, then
   * optionally an operator and a value. Inside brackets nothing is an operator or a separator;
   * in a value a comma is escaped as {@code \,}.
   */
  private static final class Parser {
    private final String text;
    private final String subject;
    private int pos;
    private int start;

    Parser(String text, String subject) {
      this.text = text;
      this.subject = subject;
    }

    /** After an expression: true (and past the comma) when another one follows. */
    boolean nextExpression() {
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        return true;
      }
      return false;
    }

    Expression expression() {
      start = pos;
      skipSpaces();
      List<Segment> path = path();
      skipSpaces();
      String opText = operator();
      if (opText == null) {
        if (pos < text.length() && text.charAt(pos) != ',') {
          throw error("unexpected \"" + text.charAt(pos) + "\" after the attribute path");
        }
        return new Expression(path, Op.PRESENT, null);
      }
      String value = value();
      Op op = switch (opText) {
        case "=" -> "null".equals(value) ? Op.ABSENT : Op.EQ;
        case "!=", "<>" -> "null".equals(value) ? Op.PRESENT : Op.NE;
        case "<" -> Op.LT;
        case "<=" -> Op.LE;
        case ">" -> Op.GT;
        default -> Op.GE;
      };
      if (op == Op.ABSENT || op == Op.PRESENT) {
        return new Expression(path, op, null);
      }
      if (op == Op.LT || op == Op.LE || op == Op.GT || op == Op.GE) {
        if ("null".equals(value) || value.isEmpty()) {
          throw error("a relative comparison needs a non-null value");
        }
        Expression e = new Expression(path, op, value);
        if (e.hasWildcard()) {
          throw error("wildcards are only allowed with =, != and <>");
        }
        return e;
      }
      return new Expression(path, op, value);
    }

    private List<Segment> path() {
      List<Segment> path = new ArrayList<>();
      path.add(first());
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '.') {
          pos++;
          path.add(dotted());
        } else if (c == '[') {
          path.add(bracket());
        } else {
          break;
        }
      }
      return List.copyOf(path);
    }

    private Segment first() {
      if (pos < text.length() && text.charAt(pos) == '[') {
        return bracket();
      }
      return dotted();
    }

    /** After a dot (or at the start): a name or {@code *}. */
    private Segment dotted() {
      if (pos < text.length() && text.charAt(pos) == '*') {
        pos++;
        return new Segment(Segment.Kind.ANY_KEY, null, -1);
      }
      int from = pos;
      while (pos < text.length() && nameChar(text.charAt(pos))) {
        pos++;
      }
      if (from == pos) {
        throw error(pos < text.length() ? "expected an attribute name at \"" + text.substring(pos) + "\""
            : "expected <path>[<op><value>] with op one of = != <> < <= > >=");
      }
      return Segment.name(text.substring(from, pos));
    }

    /** {@code [*]}, {@code [n]}, {@code ['key']} or {@code ["key"]}. */
    private Segment bracket() {
      pos++; // '['
      if (pos >= text.length()) {
        throw error("unterminated \"[\"");
      }
      char c = text.charAt(pos);
      Segment s;
      if (c == '*') {
        pos++;
        s = new Segment(Segment.Kind.ANY_ITEM, null, -1);
      } else if (c == '\'' || c == '"') {
        s = new Segment(Segment.Kind.KEY, quoted(c), -1);
      } else {
        int from = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        if (from == pos || pos - from > 9) {
          throw error("expected *, an array index or a quoted key inside \"[...]\"");
        }
        s = new Segment(Segment.Kind.INDEX, null, Integer.parseInt(text.substring(from, pos)));
      }
      if (pos >= text.length() || text.charAt(pos) != ']') {
        throw error("expected \"]\"");
      }
      pos++;
      return s;
    }

    /** A quoted key; a backslash takes the next character literally. */
    private String quoted(char quote) {
      pos++;
      StringBuilder out = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != quote) {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          c = text.charAt(pos++);
        }
        out.append(c);
      }
      if (pos >= text.length()) {
        throw error("unterminated quoted key");
      }
      pos++;
      if (out.isEmpty()) {
        throw error("a quoted key must not be empty");
      }
      return out.toString();
    }

    private String operator() {
      if (pos >= text.length() || OPERATOR_CHARS.indexOf(text.charAt(pos)) < 0) {
        return null;
      }
      for (String op : new String[] {"!=", "<>", "<=", ">=", "=", "<", ">"}) {
        if (text.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      throw error("expected one of = != <> < <= > >=");
    }

    /** Up to the next unescaped comma; {@code \,} is a comma, other escapes stay for the wildcard rules. */
    private String value() {
      StringBuilder out = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != ',') {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length() && text.charAt(pos) == ',') {
          c = text.charAt(pos++);
        }
        out.append(c);
      }
      return out.toString().trim();
    }

    private void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    private static boolean nameChar(char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == ':' || c == '-';
    }

    private XRegistryException error(String detail) {
      int end = text.indexOf(',', pos);
      String expr = text.substring(Math.min(start, text.length()), end < 0 ? text.length() : Math.max(end, start));
      return bad(subject, expr.isEmpty() ? text : expr, detail);
    }
  }

  static XRegistryException bad(String subject, String value, String detail) {
    return XRegistryException.of(ErrorType.BAD_FILTER, subject).arg("value", value).errorDetail(detail).build();
  }
}
