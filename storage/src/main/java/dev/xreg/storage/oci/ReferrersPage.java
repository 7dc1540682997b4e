package dev.xreg.storage.oci;

import dev.xreg.storage.content.Descriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * One page of a subject's referrers (OCI-023): descriptors in digest order, each digest once,
 * starting strictly after a digest ({@code last}), and the {@code last} of the next page while
 * more remain. Digest order is stable whatever is pushed meanwhile, so a client paging through
 * a changing list never sees an entry twice (keyset paging, like tags/list).
 *
 * @param referrers the descriptors of this page
 * @param nextLast  the digest after which the next page starts; null on the last page
 */
public record ReferrersPage(List<Descriptor> referrers, String nextLast) {

  public ReferrersPage {
    referrers = List.copyOf(referrers);
  }

  /** Whether a {@code Link: <...>; rel="next"} header is due. */
  public boolean hasNext() {
    return nextLast != null;
  }

  /**
   * Merges the two sources of referrers into one page. A manifest found both by its stored
   * {@code subject} and in the referrers-tag index is listed once, as the stored manifest
   * describes it: a client-written index may be stale or hand-edited.
   *
   * @param bySubject    manifests whose {@code subject} is the digest
   * @param byTagSchema  the descriptors of the index under the referrers tag schema tag
   * @param artifactType the filter; null or empty keeps every descriptor
   * @param n            the page size, not negative; 0 gives an empty page without a next
   * @param last         the exclusive lower bound; null or empty for the first page
   */
  public static ReferrersPage merge(Collection<Descriptor> bySubject, Collection<Descriptor> byTagSchema,
      String artifactType, int n, String last) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    // String order of digests is byte order for their ASCII grammar, the order of COLLATE "C".
    TreeMap<String, Descriptor> sorted = new TreeMap<>();
    for (Collection<Descriptor> source : List.of(bySubject, byTagSchema)) {
      for (Descriptor d : source) {
        if (isAfter(d, last) && matches(d, artifactType)) {
          sorted.putIfAbsent(d.digest(), d);
        }
      }
    }
    List<Descriptor> all = new ArrayList<>(sorted.values());
    if (n == 0 || all.size() <= n) {
      return new ReferrersPage(n == 0 ? List.of() : all, null);
    }
    List<Descriptor> page = all.subList(0, n);
    return new ReferrersPage(page, page.get(n - 1).digest());
  }

  private static boolean isAfter(Descriptor d, String last) {
    return last == null || last.isEmpty() || d.digest().compareTo(last) > 0;
  }

  private static boolean matches(Descriptor d, String artifactType) {
    return artifactType == null || artifactType.isEmpty() || artifactType.equals(d.artifactType());
  }
}
