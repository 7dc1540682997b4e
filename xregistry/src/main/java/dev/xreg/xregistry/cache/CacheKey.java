package dev.xreg.xregistry.cache;

/**
 * What a cached GET answer depends on besides the stored data (issue 15): the path below the
 * mount point and the whole query string as sent (flags), the {@code Accept} header (JSON or
 * YAML), the content coding the body goes out with (named by the ETag), and the public base URL
 * the request resolved to, so a spoofed {@code Host} or another proxy's prefix gets its own
 * entry and never another client's URLs.
 */
public record CacheKey(String path, String query, String accept, String coding, String baseUrl) {
  /** Roughly what the key keeps in memory, for the cache's weight. */
  int weight() {
    return 64 + 2 * (path.length() + length(query) + length(accept) + length(coding) + baseUrl.length());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
