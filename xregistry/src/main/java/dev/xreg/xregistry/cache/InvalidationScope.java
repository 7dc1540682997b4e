package dev.xreg.xregistry.cache;

import dev.xreg.core.command.Target;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which cached answers a change makes old (issue 15). Every entry is filed in one bucket: the
 * path of the entity it shows cut to the Resource ({@code /<GROUPS>/<gid>/<RESOURCES>/<rid>}),
 * so a Resource, its meta, its Versions and their collections share one; shallower paths
 * ({@code /}, a Group, a collection) are their own bucket; the registry's non-entity documents
 * (model, capabilities) sit in the root's bucket; an answer that shows another entity's data
 * (an xref) sits in {@link #EVERY_CHANGE}.
 *
 * <p>A change to entity {@code X} (cut the same way, because a meta change moves its Versions'
 * {@code isdefault} and a Version change moves its Resource) drops the buckets of {@code X}, of
 * each ancestor of it (their counts, epochs and inlined children), of each descendant, and
 * {@link #EVERY_CHANGE}; a change to the registry itself ({@code /}: model, capabilities,
 * attributes) drops everything. Buckets are lower-cased and percent-decoded so no spelling of a
 * path escapes its change (more is dropped than needed, never less).
 */
public final class InvalidationScope {
  /** The bucket of answers that any change may make old. */
  public static final String EVERY_CHANGE = "*";
  static final String ROOT = "/";
  private static final int RESOURCE_DEPTH = 4;

  private InvalidationScope() {
  }

  /** The bucket of an answer to the request at {@code relativePath} (below the API's mount point). */
  public static String bucketOf(String relativePath) {
    // decoded before the suffix is cut off: "%24details" is "$details" too
    String p = stripSuffix(normalize(relativePath));
    if (Target.of(p) != Target.ENTITY) {
      return ROOT;
    }
    return cut(p);
  }

  /** The bucket a change of entity {@code xid} names; {@code "/"} means everything. */
  static String bucketOfChange(String xid) {
    return cut(normalize(xid));
  }

  /** {@code bucket} and its ancestors, the root last: the buckets a change to it drops besides its descendants. */
  static List<String> selfAndAncestors(String bucket) {
    List<String> out = new ArrayList<>();
    String b = bucket;
    while (!b.equals(ROOT)) {
      out.add(b);
      int slash = b.lastIndexOf('/');
      b = slash <= 0 ? ROOT : b.substring(0, slash);
    }
    out.add(ROOT);
    return out;
  }

  /** True when {@code bucket} lies below {@code changed} (a Group's Resources, a collection's members). */
  static boolean isDescendant(String bucket, String changed) {
    return changed.equals(ROOT) ? !bucket.equals(ROOT) : bucket.startsWith(changed + "/");
  }

  /** True when a change cut to {@code changed} can have descendants in other buckets (above a Resource). */
  static boolean hasDescendantBuckets(String changed) {
    return depth(changed) < RESOURCE_DEPTH;
  }

  private static String stripSuffix(String path) {
    int dollar = path.indexOf('$');
    return dollar < 0 ? path : path.substring(0, dollar);
  }

  private static String normalize(String path) {
    String p = path;
    if (p.indexOf('%') >= 0) {
      try {
        p = URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        // kept as sent: a path that does not decode names no stored entity
      }
    }
    p = p.toLowerCase(Locale.ROOT);
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() || !p.startsWith("/") ? ROOT + p : p;
  }

  private static String cut(String path) {
    if (path.equals(ROOT)) {
      return ROOT;
    }
    int seen = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/' && ++seen > RESOURCE_DEPTH) {
        return path.substring(0, i);
      }
    }
    return path;
  }

  private static int depth(String bucket) {
    if (bucket.equals(ROOT)) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < bucket.length(); i++) {
      if (bucket.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }
}
