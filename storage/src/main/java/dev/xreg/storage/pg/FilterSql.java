package dev.xreg.storage.pg;

import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.core.flag.Filter.Segment;
import dev.xreg.core.flag.Sort;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.EntityScope.Kind;
import dev.xreg.storage.EntitySort;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles {@code ?filter} and {@code ?sort} into SQL over the entity row {@code e}, so
 * collections are filtered and ordered by PostgreSQL (issue 5), never in memory.
 *
 * <p>An expression's path walks from the collection's entities into nested collections
 * ({@code files.versions.name}); each hop is an {@code EXISTS} over the child rows, shared by
 * the expressions of one filter that take it. Inside an entity, plain paths read
 * {@code attributes #> path}; paths with {@code .*}, {@code [*]} or {@code [n]} a strict SQL/JSON
 * path query (L5). What the filter selects below the matched entities is {@link Subfilter}'s
 * business. On a Resource, attributes are those of its default Version except under {@code meta.}.
 * Comparison rules (spec "Filter Flag"): strings case-insensitive with {@code *}
 * wildcards, numbers numerically, booleans exactly; a missing attribute never matches,
 * except for {@code !=} and {@code =null}.
 */
final class FilterSql {
  /**
   * Marks a statement whose plan must be made for its parameter values: a filter with a
   * wildcard ({@code name=<prefix>*}) is a {@code LIKE}, whose index range PostgreSQL derives
   * only from a known pattern; in a generic plan of a named prepared statement it walks the
   * whole collection instead (7-9 s at 1,000,000 Resources, measured). The store's connections
   * never keep such a statement prepared (issue 15, R4). Equality filters keep their generic
   * plan: it is the same index probe, without the planning (0.01 ms against 0.35 ms).
   */
  static final String PLANNED_PER_VALUE = "/* xreg: planned per value */";
  /** Whether a {@code LIKE} pattern was compiled (see {@link #PLANNED_PER_VALUE}). */
  private boolean patterns;

  private final List<Object> params = new ArrayList<>();
  private int aliases;

  private FilterSql() {
  }

  /** A predicate over the entity row {@code e}, with its parameters numbered {@code $1..$n} within the fragment. */
  record SqlPredicate(String sql, List<Object> params) {
    SqlPredicate {
      params = List.copyOf(params);
    }
  }

  /** A never-null sort expression over {@code e} that takes no parameters, and its direction. */
  record SortKey(String sql, boolean descending) {
  }

  /** {@code predicate} as SQL over {@code e}; null for null (no condition). */
  static SqlPredicate compile(EntityPredicate predicate) {
    if (predicate == null) {
      return null;
    }
    if (predicate instanceof EntityPredicate.Matching m) {
      return predicate(m.anyOf(), m.scope());
    }
    if (predicate instanceof EntityPredicate.HasDocument d) {
      return new SqlPredicate("length(e.document) > 0 OR e.attributes ? $1", List.of(d.documentUrlAttribute()));
    }
    if (predicate instanceof EntityPredicate.StickyDefault) {
      return new SqlPredicate("e.attributes -> 'defaultversionsticky' = 'true'::jsonb", List.of());
    }
    if (predicate instanceof EntityPredicate.MoreVersionsThan v) {
      return new SqlPredicate("(SELECT count(*) FROM entity v WHERE v.parent_id = e.id"
          + " AND v.collection = 'versions') > $1", List.of(v.max()));
    }
    if (predicate instanceof EntityPredicate.Readonly) {
      return new SqlPredicate("(e.attributes->>'readonly') = 'true'", List.of());
    }
    throw new IllegalArgumentException("no SQL for " + predicate);
  }

  /**
   * OR of the AND'd terms over {@code e}; no terms match nothing ({@code excludeall}). Within
   * a term, the expressions that step into the same nested collection are about the same
   * child (CORE-FIL-005/006: the matching leaves).
   */
  static SqlPredicate predicate(List<List<Expression>> anyOf, EntityScope scope) {
    if (anyOf.isEmpty() || anyOf.get(0).isEmpty()) {
      return new SqlPredicate("FALSE", List.of());
    }
    FilterSql b = new FilterSql();
    String sql = anyOf.stream().map(all -> b.term(all, scope, "e")).collect(Collectors.joining(" OR "));
    return new SqlPredicate(b.patterns ? PLANNED_PER_VALUE + " " + sql : sql, b.params);
  }

  /** The sort as a never-null text key: numbers sort numerically, strings case-insensitively, missing lowest. */
  static SortKey compile(EntitySort sort) {
    if (sort == null) {
      return null;
    }
    FilterSql b = new FilterSql();
    String value = b.sortValue(sort.sort().path(), sort.scope());
    return new SortKey(value, sort.descending());
  }

  private String term(List<Expression> all, EntityScope scope, String row) {
    List<String> parts = new ArrayList<>();
    Map<String, List<Expression>> below = new LinkedHashMap<>();
    for (Expression x : all) {
      String hop = scope.hop(x);
      if (hop == null) {
        parts.add(local(x, scope, row));
      } else {
        below.computeIfAbsent(hop, k -> new ArrayList<>()).add(x.drop(1));
      }
    }
    below.forEach((collection, xs) -> {
      String child = alias();
      parts.add(exists(scope, row, collection, child, term(xs, scope.child(collection), child)));
    });
    return parts.stream().collect(Collectors.joining(" AND ", "(", ")"));
  }

  /** An expression about the entity in {@code row} itself (no collection hop). */
  private String local(Expression x, EntityScope scope, String row) {
    List<Segment> path = x.path();
    if (scope.kind() == Kind.RESOURCE && path.size() > 1 && "meta".equals(path.get(0).plainName())) {
      // the Resource row holds its meta
      return leaf(x, path.subList(1, path.size()), row, scope);
    }
    if (scope.kind() == Kind.RESOURCE && path.size() == 1 && path.get(0).isMember()
        && path.get(0).name().equals(scope.resource().idAttribute())) {
      // the Resource's own ID, not its default Version's
      return leaf(x, path, row, scope);
    }
    if (scope.kind() == Kind.RESOURCE) {
      // Resource-level attributes are the default Version's (CORE-RES-001). The most filtered
      // ones are copied onto the Resource's row (V13), indexed there.
      DefaultVersionColumns.Condition copied = DefaultVersionColumns.of(x, path, row, this::param);
      if (copied != null) {
        patterns |= copied.pattern();
        return copied.sql();
      }
      // Others: a scalar subquery probes entity_by_xid once per candidate row; an EXISTS would
      // let the planner turn it into a join that scans every Version of the collection.
      String dv = alias();
      return "coalesce((SELECT " + leaf(x, path, dv, new EntityScope(Kind.VERSION, scope.group(), scope.resource()))
          + " FROM entity " + dv + " WHERE " + dv + ".xid = " + defaultVersionXid(row) + "), FALSE)";
    }
    return leaf(x, path, row, scope);
  }

  /** The default Version's xid from its Resource's meta row ({@code <resource xid>/meta}). */
  private static String defaultVersionXid(String metaRow) {
    return "left(" + metaRow + ".xid, -5) || '/versions/' || (" + metaRow + ".attributes->>'defaultversionid')";
  }

  /** Some child of {@code row} in {@code collection} satisfies {@code childPredicate}; Groups hang off the Registry. */
  private static String exists(EntityScope scope, String row, String collection, String c, String childPredicate) {
    String parent = scope.kind() == Kind.REGISTRY ? c + ".parent_id IS NULL" : c + ".parent_id = " + row + ".id";
    return "EXISTS (SELECT 1 FROM entity " + c + " WHERE " + parent + " AND " + c + ".collection = "
        + text(collection) + " AND " + childPredicate + ")";
  }

  private String alias() {
    return "f" + ++aliases;
  }

  /** The comparison on one row; {@code attr} is the attribute path inside the entity. */
  private String leaf(Expression x, List<Segment> attr, String row, EntityScope scope) {
    if (attr.stream().anyMatch(s -> !s.isMember())) {
      return jsonPath(x, attr, row);
    }
    List<String> names = attr.stream().map(Segment::name).toList();
    String column = column(names, row, scope);
    if (column != null && (names.get(0).equals("createdat") || names.get(0).equals("modifiedat"))
        && x.value() != null && !x.hasWildcard() && Timestamps.parseOrNull(x.value()) != null) {
      return timestamp(column, x);
    }
    if (column != null && column.endsWith(".eid") && x.op() == Filter.Op.EQ && !x.hasWildcard()
        && !"*".equals(x.value())) {
      // an ID is a string compared ignoring case: one probe of entity_child_by_lower_id (issue 8, R4)
      return "lower(" + column + ") = lower(" + param(unescape(x.value())) + ")";
    }
    String json = column != null ? "to_jsonb(" + column + ")" : row + ".attributes #> " + param(names.toArray(String[]::new));
    return compare(json, x);
  }

  /**
   * A path with wildcards or indexes (spec "Dot-Notation in Filters") selects any number of
   * values: a strict SQL/JSON path query, silent so a missing or mistyped step selects nothing.
   * The comparison holds when some selected value satisfies it; {@code =null} and {@code !=}
   * are its negations (no value present / no value equal).
   */
  private String jsonPath(Expression x, List<Segment> attr, String row) {
    StringBuilder path = new StringBuilder("strict $");
    for (Segment s : attr) {
      switch (s.kind()) {
        case NAME, KEY -> path.append(".\"").append(s.name().replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
        case INDEX -> path.append('[').append(s.index()).append(']');
        case ANY_KEY -> path.append(".*");
        case ANY_ITEM -> path.append("[*]");
      }
    }
    String j = alias();
    String values = "jsonb_path_query(" + row + ".attributes, " + param(path.toString()) + "::text::jsonpath, '{}', true)";
    String any = "EXISTS (SELECT 1 FROM " + values + " AS " + j + "(v) WHERE ";
    String v = j + ".v";
    return switch (x.op()) {
      case ABSENT -> "NOT " + any + compare(v, new Expression(x.path(), Filter.Op.PRESENT, null)) + ")";
      case NE -> "NOT " + any + compare(v, new Expression(x.path(), Filter.Op.EQ, x.value())) + ")";
      default -> any + compare(v, x) + ")";
    };
  }

  /** Spec attributes that live in columns rather than in {@code attributes}. */
  private static String column(List<String> attr, String row, EntityScope scope) {
    if (attr.size() != 1) {
      return null;
    }
    String a = attr.get(0);
    String id = switch (scope.kind()) {
      case REGISTRY -> "registryid";
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
    return x.op().takesValue() ? column + " " + x.op().sql() + " " + p : compare("to_jsonb(" + column + ")", x);
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
      patterns = true;
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
    String op = x.op().sql();
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
  private String sortValue(List<String> attr, EntityScope scope) {
    String row = "e";
    String column = column(attr, row, scope);
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
  static String like(String v) {
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

  static String unescape(String v) {
    return v.replace("\\*", "*");
  }
}
