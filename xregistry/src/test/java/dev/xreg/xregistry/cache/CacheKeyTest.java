package dev.xreg.xregistry.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read cache's key: equal exactly when every part is, whichever part differs. */
class CacheKeyTest {
  private static final CacheKey KEY = new CacheKey("/dirs/d1/files/f1$details", "inline=*", "application/json",
      "IDENTITY", "http://127.0.0.1:8080");

  @Test
  void equalPartsMakeEqualKeysWithEqualHashes() {
    CacheKey same = new CacheKey(new String("/dirs/d1/files/f1$details"), new String("inline=*"),
        new String("application/json"), "IDENTITY", new String("http://127.0.0.1:8080"));
    assertThat(same).isEqualTo(KEY).hasSameHashCodeAs(KEY);
    assertThat(new CacheKey("/p", null, null, null, "http://h")).isEqualTo(new CacheKey("/p", null, null, null,
        "http://h"));
  }

  @Test
  void anyDifferingPartMakesAnotherKey() {
    List<CacheKey> others = List.of(
        new CacheKey("/dirs/d1/files/f2$details", "inline=*", "application/json", "IDENTITY", "http://127.0.0.1:8080"),
        new CacheKey("/dirs/d1/files/f1$details", null, "application/json", "IDENTITY", "http://127.0.0.1:8080"),
        new CacheKey("/dirs/d1/files/f1$details", "inline=*", "application/yaml", "IDENTITY", "http://127.0.0.1:8080"),
        new CacheKey("/dirs/d1/files/f1$details", "inline=*", "application/json", "GZIP", "http://127.0.0.1:8080"),
        new CacheKey("/dirs/d1/files/f1$details", "inline=*", "application/json", "IDENTITY", "http://evil:8080"));
    for (CacheKey other : others) {
      assertThat(other).as(other.toString()).isNotEqualTo(KEY);
      assertThat(KEY).as(other.toString()).isNotEqualTo(other);
    }
    // parts that move between fields are not the same key, though their characters are
    assertThat(new CacheKey("/a", "b", null, null, "http://h")).isNotEqualTo(new CacheKey("/a", null, "b", null,
        "http://h"));
  }

  @Test
  void pathAndBaseUrlAreRequired() {
    assertThatThrownBy(() -> new CacheKey(null, null, null, null, "http://h")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CacheKey("/", null, null, null, null)).isInstanceOf(NullPointerException.class);
  }
}
