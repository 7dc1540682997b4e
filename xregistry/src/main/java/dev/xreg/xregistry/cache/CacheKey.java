package dev.xreg.xregistry.cache;

import java.util.Objects;

/**
 * What a cached GET answer depends on besides the stored data (issue 15): the path below the
 * mount point and the whole query string as sent (flags), the {@code Accept} header (JSON or
 * YAML), the content coding the body goes out with (named by the ETag), and the public base URL
 * the request resolved to, so a spoofed {@code Host} or another proxy's prefix gets its own
 * entry and never another client's URLs.
 *
 * <p>A class rather than a record (issue 15, R1 profile: the record's generated
 * {@code equals} was 8.8% self time of a cache hit): the hash is computed once, when the key
 * is made, and {@code equals} compares it before any string, the path (where keys differ) first.
 */
public final class CacheKey {
  private final String path;
  private final String query;
  private final String accept;
  private final String coding;
  private final String baseUrl;
  private final int hash;

  public CacheKey(String path, String query, String accept, String coding, String baseUrl) {
    this.path = Objects.requireNonNull(path, "path");
    this.query = query;
    this.accept = accept;
    this.coding = coding;
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    int h = path.hashCode();
    h = 31 * h + Objects.hashCode(query);
    h = 31 * h + Objects.hashCode(accept);
    h = 31 * h + Objects.hashCode(coding);
    this.hash = 31 * h + baseUrl.hashCode();
  }

  public String path() {
    return path;
  }

  public String query() {
    return query;
  }

  public String accept() {
    return accept;
  }

  public String coding() {
    return coding;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Roughly what the key keeps in memory, for the cache's weight. */
  int weight() {
    return 64 + 2 * (path.length() + length(query) + length(accept) + length(coding) + baseUrl.length());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof CacheKey k && hash == k.hash && path.equals(k.path)
        && Objects.equals(query, k.query) && Objects.equals(accept, k.accept) && Objects.equals(coding, k.coding)
        && baseUrl.equals(k.baseUrl);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "CacheKey[" + baseUrl + path + (query == null ? "" : "?" + query) + " accept=" + accept + " coding="
        + coding + "]";
  }
}
