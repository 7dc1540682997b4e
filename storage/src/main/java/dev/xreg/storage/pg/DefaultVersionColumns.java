package dev.xreg.storage.pg;

import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.core.flag.Filter.Segment;
import java.util.List;
import java.util.function.Function;

/**
 * The default Version's attributes that a Resource's own row carries (V13): {@code default_name},
 * its lowercased {@code name}, and {@code default_labels}, its {@code labels} as
 * {@code "<key>=<lowercased value>"} pairs, each with an index. A filter {@code name=x},
 * {@code name=x*} or {@code labels.<key>=x} over a Resource collection is then a condition on the
 * Resource row alone, with no read of its Versions.
 *
 * <p>The condition is the whole comparison, not a prefilter: the write rules make {@code name} a
 * non-empty string, label keys match {@code ^[a-z0-9][a-z0-9_.:-]*$} (no {@code =}) and label
 * values strings, and for strings the filter compares lowercased text (equality, or its
 * {@code LIKE} pattern for wildcards) exactly as these columns were computed.
 */
final class DefaultVersionColumns {
  private DefaultVersionColumns() {
  }

  /** A condition over Resource row {@code row}, and whether it is a {@code LIKE} (planned per value). */
  record Condition(String sql, boolean pattern) {
  }

  /**
   * The condition over {@code row} equivalent to {@code x} on attribute path {@code attr} of the
   * default Version, or null when no column holds that attribute. {@code param} binds a value and
   * returns its placeholder.
   */
  static Condition of(Expression x, List<Segment> attr, String row, Function<Object, String> param) {
    if (x.op() != Filter.Op.EQ || x.value() == null || "*".equals(x.value())
        || attr.stream().anyMatch(s -> !s.isMember())) {
      return null;
    }
    if (attr.size() == 1 && attr.get(0).name().equals("name")) {
      if (!x.hasWildcard()) {
        return new Condition(row + ".default_name = lower(" + param.apply(FilterSql.unescape(x.value())) + ")", false);
      }
      // the planner reads the index range of the literal prefix (none for a leading wildcard:
      // then it walks the collection instead)
      return new Condition(row + ".default_name LIKE lower(" + param.apply(FilterSql.like(x.value())) + ") ESCAPE '\\'",
          true);
    }
    String key = attr.size() == 2 && attr.get(0).name().equals("labels") ? attr.get(1).name() : null;
    if (key != null && !x.hasWildcard() && !key.contains("=")) {
      return new Condition(row + ".default_labels @> ARRAY[" + param.apply(key + "=") + " || lower("
          + param.apply(FilterSql.unescape(x.value())) + ")]", false);
    }
    return null;
  }
}
