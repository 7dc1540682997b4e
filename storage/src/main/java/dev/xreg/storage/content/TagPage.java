package dev.xreg.storage.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One page of a tags list (OCI-021/022) or of {@code _catalog} (OCI-032), whose rules are the
 * same: names in lexical order, at most {@code n} of them, starting strictly after {@code last},
 * and a {@code Link: rel="next"} when more remain.
 *
 * <p>"Lexical" is Go's {@code sort.Strings}, byte order, which is what docker-registry and the
 * conformance suite use (the spec's parenthesis "case-insensitive" is not what any registry
 * does). Tags and repository names are ASCII, where {@link String#compareTo} is the same order;
 * in PostgreSQL the same order needs {@code COLLATE "C"}.
 *
 * @param items    the names on this page
 * @param nextLast the {@code last} value of the next page's link, null when no link is due
 */
public record TagPage(List<String> items, String nextLast) {

  public TagPage {
    items = List.copyOf(items);
  }

  /** Whether a {@code Link: <...>; rel="next"} header is due. */
  public boolean hasNext() {
    return nextLast != null;
  }

  /**
   * Pages a complete set of names.
   *
   * @param n    the page size, null when the client gave none (the whole rest, no link); 0 gives
   *             an empty page without a link (OCI-022)
   * @param last exclusive lower bound, null or empty for the start; it need not be a present name
   */
  public static TagPage of(Collection<String> names, Integer n, String last) {
    List<String> after = new ArrayList<>(names.size());
    for (String name : names) {
      if (last == null || last.isEmpty() || name.compareTo(last) > 0) {
        after.add(name);
      }
    }
    after.sort(null);
    return fromSortedTail(after, n);
  }

  /**
   * Pages names already sorted and already after {@code last}, such as the result of
   * {@code WHERE name > $last ORDER BY name COLLATE "C" LIMIT n + 1}: reading one more than
   * {@code n} is how a store learns whether a next link is due without counting.
   */
  public static TagPage fromSortedTail(List<String> sortedAfterLast, Integer n) {
    if (n != null && n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    if (n == null || sortedAfterLast.size() <= n) {
      return new TagPage(sortedAfterLast, null);
    }
    if (n == 0) {
      return new TagPage(List.of(), null);
    }
    List<String> page = sortedAfterLast.subList(0, n);
    return new TagPage(page, page.get(n - 1));
  }
}
