package dev.xreg.storage.exec;

import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.core.flag.Sort;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import dev.xreg.storage.PageQuery.SortKey;
import dev.xreg.storage.PageQuery.SqlPredicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles {@code ?filter} and {@code ?sort} into SQL over the entity row {@code e}, so
 * collections are filtered and ordered by PostgreSQL (issue 5), never in memory.
 *
 * <p>An expression's path walks from the collection's entities into nested collections
 * ({@code files.versions.name}); each hop is an {@code EXISTS} over the child rows.
 * On a Resource, attributes are those of its default Version except under {@code meta.}.
 * Comparison rules (spec "Filter Flag"): strings case-insensitive with {@code *}
 * wildcards, numbers numerically, booleans exactly; a missing attribute never matches,
 * except for {@code !=} and {@code =null}.
 */
public final class FilterSql {
  /** What the rows of a scope are. */
  public enum Kind { GROUP, RESOURCE, VERSION }

  /** The entities a predicate is evaluated on. */
  public record Scope(Kind kind, GroupType group, ResourceType resource) {
    /** The entities a request path addresses: a collection's members, or the entity itself. */
    static Scope of(EntityPath target) {
      return switch (target.level()) {
        case GROUPS, GROUP -> new Scope(Kind.GROUP, target.group(), null);
        case RESOURCES, RESOURCE, META -> new Scope(Kind.RESOURCE, target.group(), target.resource());
        case VERSIONS, VERSION -> new Scope(Kind.VERSION, target.group(), target.resource());
        case REGISTRY -> throw new IllegalArgumentException("the Registry is not an entity row");
      };
    }
  }

  private final List<Object> params = new ArrayList<>();
  private int aliases;

  private FilterSql() {
  }

  /** The filter as one predicate over {@code e} in {@code scope}; null when there is no filter. */
  public static SqlPredicate predicate(Filter filter, Scope scope) {
    if (filter == null) {
      return null;
    }
    if (filter.excludesAll()) {
      return new SqlPredicate("FALSE", List.of());
    }
    FilterSql b = new FilterSql();
    String sql = filter.anyOf().stream()
        .map(all -> all.stream().map(x -> b.expression(x, 0, scope, "e")).collect(Collectors.joining(" AND ", "(", ")")))
        .collect(Collectors.joining(" OR "));
    return new SqlPredicate(sql, b.params);
  }

  /** The sort as a never-null text key: numbers sort numerically, strings case-insensitively, missing lowest. */
  public static SortKey sortKey(Sort sort, Scope scope) {
    if (sort == null) {
      return null;
    }
    FilterSql b = new FilterSql();
    String value = b.sortValue(sort.path(), scope);
    return new SortKey(value, sort.descending());
  }

  private String expression(Expression x, int from, Scope scope, String row) {
    List<String> path = x.path();
    String first = path.get(from);
    boolean more = from < path.size() - 1;
    if (more && scope.kind() == Kind.GROUP && scope.group().resource(first).isPresent()) {
      ResourceType r = scope.group().resource(first).get();
      String child = alias();
      return exists(row, r.plural(), child,
          expression(x, from + 1, new Scope(Kind.RESOURCE, scope.group(), r), child));
    }
    if (more && scope.kind() == Kind.RESOURCE && "versions".equals(first)) {
      String child = alias();
      return exists(row, "versions", child,
          expression(x, from + 1, new Scope(Kind.VERSION, scope.group(), scope.resource()), child));
    }
    if (scope.kind() == Kind.RESOURCE && "meta".equals(first) && more) {
      // the Resource row holds its meta
      return leaf(x, path.subList(from + 1, path.size()), row, Kind.RESOURCE, scope);
    }
    if (scope.kind() == Kind.RESOURCE && !more && first.equals(scope.resource().idAttribute())) {
      // the Resource's own ID, not its default Version's
      return leaf(x, path.subList(from, path.size()), row, Kind.RESOURCE, scope);
    }
    if (scope.kind() == Kind.RESOURCE) {
      // Resource-level attributes are the default Version's (CORE-RES-001). A scalar subquery
      // probes entity_by_xid once per candidate row; an EXISTS would let the planner turn it
      // into a join that scans every Version of the collection.
      String dv = alias();
      return "coalesce((SELECT " + leaf(x, path.subList(from, path.size()), dv, Kind.VERSION, scope)
          + " FROM entity " + dv + " WHERE " + dv + ".xid = " + defaultVersionXid(row) + "), FALSE)";
    }
    return leaf(x, path.subList(from, path.size()), row, scope.kind(), scope);
  }

  /** The default Version's xid from its Resource's meta row ({@code <resource xid>/meta}). */
  private static String defaultVersionXid(String metaRow) {
    return "left(" + metaRow + ".xid, -5) || '/versions/' || (" + metaRow + ".attributes->>'defaultversionid')";
  }

  private static String exists(String parent, String collection, String c, String childPredicate) {
    return "EXISTS (SELECT 1 FROM entity " + c + " WHERE " + c + ".parent_id = " + parent + ".id AND " + c
        + ".collection = " + text(collection) + " AND " + childPredicate + ")";
  }

  private String alias() {
    return "f" + ++aliases;
  }

  /** The comparison on one row; {@code attr} is the attribute path inside the entity. */
  private String leaf(Expression x, List<String> attr, String row, Kind kind, Scope scope) {
    String column = column(attr, row, kind, scope);
    if (column != null && (attr.get(0).equals("createdat") || attr.get(0).equals("modifiedat"))
        && x.value() != null && !x.hasWildcard() && Timestamps.parseOrNull(x.value()) != null) {
      return timestamp(column, x);
    }
    String json = column != null ? "to_jsonb(" + column + ")" : row + ".attributes #> " + param(attr.toArray(String[]::new));
    return compare(json, x);
  }

  /** Spec attributes that live in columns rather than in {@code attributes}. */
  private static String column(List<String> attr, String row, Kind kind, Scope scope) {
    if (attr.size() != 1) {
      return null;
    }
    String a = attr.get(0);
    String id = switch (kind) {
      case GROUP -> scope.group().idAttribute();
      case RESOURCE -> scope.resource().idAttribute();
      case VERSION -> "versionid";
    };
    if (a.equals(id)) {
      return row + ".eid";
    }
    return switch (a) {
      case "epoch" -> row + ".epoch";
      case "xid" -> row + ".xid";
      case "createdat" -> row + ".createdat";
      case "modifiedat" -> row + ".modifiedat";
      default -> null;
    };
  }

  private String timestamp(String column, Expression x) {
    String p = param(java.time.OffsetDateTime.parse(x.value()));
    return switch (x.op()) {
      case EQ -> column + " = " + p;
      case NE -> column + " <> " + p;
      case LT -> column + " < " + p;
      case LE -> column + " <= " + p;
      case GT -> column + " > " + p;
      case GE -> column + " >= " + p;
      default -> compare("to_jsonb(" + column + ")", x);
    };
  }

  private String compare(String json, Expression x) {
    String present = "(" + json + " IS NOT NULL AND " + json + " <> 'null'::jsonb)";
    return switch (x.op()) {
      case PRESENT -> present;
      case ABSENT -> "NOT " + present;
      case EQ -> equals(json, x, present);
      case NE -> "NOT coalesce(" + equals(json, x, present) + ", FALSE)";
      default -> relative(json, x);
    };
  }

  private String equals(String json, Expression x, String present) {
    String v = x.value();
    if ("*".equals(v)) {
      return present;
    }
    String str = "(jsonb_typeof(" + json + ") = 'string' AND lower(" + json + " #>> '{}')";
    List<String> branches = new ArrayList<>();
    if (x.hasWildcard()) {
      branches.add(str + " LIKE lower(" + param(like(v)) + ") ESCAPE '\\')");
    } else {
      branches.add(str + " = lower(" + param(unescape(v)) + "))");
      BigDecimal n = number(v);
      if (n != null) {
        branches.add("(jsonb_typeof(" + json + ") = 'number' AND (" + json + " #>> '{}')::numeric = " + param(n) + ")");
      }
      if ("true".equals(v) || "false".equals(v)) {
        branches.add("(" + json + " = " + param(v) + "::text::jsonb)");
      }
    }
    return "(" + String.join(" OR ", branches) + ")";
  }

  private String relative(String json, Expression x) {
    String op = switch (x.op()) {
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      default -> ">=";
    };
    List<String> branches = new ArrayList<>();
    branches.add("(jsonb_typeof(" + json + ") = 'string' AND lower(" + json + " #>> '{}') " + op + " lower("
        + param(unescape(x.value())) + "))");
    BigDecimal n = number(x.value());
    if (n != null) {
      branches.add("(jsonb_typeof(" + json + ") = 'number' AND (" + json + " #>> '{}')::numeric " + op + " "
          + param(n) + ")");
    }
    if ("true".equals(x.value()) || "false".equals(x.value())) {
      branches.add("(jsonb_typeof(" + json + ") = 'boolean' AND (" + json + " #>> '{}')::boolean " + op + " "
          + param(Boolean.parseBoolean(x.value())) + ")");
    }
    return "(" + String.join(" OR ", branches) + ")";
  }

  /**
   * Sort value: {@code n<fixed-width number>} for numbers (so they order numerically among
   * themselves), {@code s<lowercased text>} for strings and the rest, {@code ''} when missing.
   */
  private String sortValue(List<String> attr, Scope scope) {
    String row = "e";
    String column = column(attr, row, scope.kind(), scope);
    if (column != null) {
      return switch (attr.get(0)) {
        case "epoch" -> "lpad(" + column + "::text, 20, '0')";
        case "createdat", "modifiedat" -> "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')";
        default -> "lower(" + column + ")";
      };
    }
    String source = scope.kind() == Kind.RESOURCE && !"meta".equals(attr.get(0))
        ? "(SELECT d.attributes FROM entity d WHERE d.xid = " + defaultVersionXid("e") + ")"
        : "e.attributes";
    List<String> inside = scope.kind() == Kind.RESOURCE && "meta".equals(attr.get(0)) ? attr.subList(1, attr.size())
        : attr;
    // Paths are validated to [a-z0-9_.:$-] by the parser, so they are safe as a text[] literal.
    String json = source + " #> '{" + String.join(",", inside) + "}'";
    return "CASE jsonb_typeof(" + json + ") WHEN 'number' THEN 'n' || lpad(to_char((" + json + " #>> '{}')::numeric,"
        + " 'FM0000000000000000000.000000'), 27, '0') WHEN 'string' THEN 's' || lower(" + json + " #>> '{}')"
        + " WHEN 'boolean' THEN 'b' || (" + json + " #>> '{}') ELSE '' END";
  }

  private String param(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  private static String text(String literal) {
    return "'" + literal.replace("'", "''") + "'";
  }

  private static BigDecimal number(String v) {
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code *} is any run of characters; {@code \*} a literal star; LIKE's own specials escaped. */
  private static String like(String v) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char n = v.charAt(++i);
        out.append(n == '%' || n == '_' || n == '\\' ? "\\" + n : String.valueOf(n));
      } else if (c == '*') {
        out.append('%');
      } else if (c == '%' || c == '_') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unescape(String v) {
    return v.replace("\\*", "*");
  }
}
