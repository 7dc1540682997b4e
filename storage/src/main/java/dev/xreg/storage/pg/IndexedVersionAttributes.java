package dev.xreg.storage.pg;

import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.core.flag.Filter.Segment;
import java.util.List;
import java.util.function.Function;

/**
 * The Version attributes with an index of their own (V9; on generated columns since V12): {@code name} (equality and prefixes)
 * and {@code labels.<key>} (equality). A filter on one of them over a Resource collection gets an
 * extra condition that the planner can drive from the index: the Resource is the parent of some
 * Version that could match. It is a superset (any Version, not only the default one; the index's
 * lowercased text, not the typed comparison), so the exact predicate is always applied as well.
 */
final class IndexedVersionAttributes {
  /** The column of {@code entity_version_name} (V12: lower(name), generated), on Version row {@code v}. */
  private static final String NAME = "v.version_name";

  private IndexedVersionAttributes() {
  }

  /**
   * The candidate condition over Resource row {@code row} for {@code x} about attribute path
   * {@code attr}, or null when no index serves it. {@code param} binds a value and returns its
   * placeholder.
   */
  static String candidates(Expression x, List<Segment> attr, String row, Function<Object, String> param) {
    if (x.op() != Filter.Op.EQ || x.value() == null || attr.stream().anyMatch(s -> !s.isMember())) {
      return null;
    }
    String versions = null;
    if (attr.size() == 1 && attr.get(0).name().equals("name")) {
      versions = name(x, param);
    } else if (attr.size() == 2 && attr.get(0).name().equals("labels") && !x.hasWildcard()) {
      versions = "v.version_labels @> ARRAY[" + param.apply(attr.get(1).name() + "=") + " || lower("
          + param.apply(FilterSql.unescape(x.value())) + ")]";
    }
    return versions == null ? null
        : row + ".id IN (SELECT v.parent_id FROM entity v WHERE v.collection = 'versions' AND " + versions + ")";
  }

  /**
   * Equality, or the filter's own pattern as LIKE: the planner reads the range of its literal
   * prefix (none for a leading wildcard: then it walks the collection instead).
   */
  private static String name(Expression x, Function<Object, String> param) {
    if (!x.hasWildcard()) {
      return NAME + " = lower(" + param.apply(FilterSql.unescape(x.value())) + ")";
    }
    return NAME + " LIKE lower(" + param.apply(FilterSql.like(x.value())) + ") ESCAPE '\\'";
  }
}
