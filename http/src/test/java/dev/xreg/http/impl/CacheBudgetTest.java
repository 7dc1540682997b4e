package dev.xreg.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.http.XRegistryOptions;
import dev.xreg.storage.oci.ContentCache;
import org.junit.jupiter.api.Test;

/** The start-up warning when the caches, full, would take more than half the heap. */
class CacheBudgetTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void theDefaultsFitTheLaunchersHeap() {
    XRegistryOptions defaults = new XRegistryOptions();
    assertThat(CacheBudget.bytes(defaults)).isEqualTo(64 * MIB + 3 * 16 * MIB);
    assertThat(CacheBudget.warning(defaults, 256 * MIB)).as("./xreg's -Xmx256m").isEmpty();
  }

  @Test
  void cachesLargerThanHalfTheHeapAreNamed() {
    XRegistryOptions big = new XRegistryOptions().setCacheMaxBytes(200 * MIB);
    assertThat(CacheBudget.warning(big, 256 * MIB)).hasValueSatisfying(w -> assertThat(w)
        .contains("event=caches_exceed_heap_share", "cache_bytes=" + (248 * MIB), "max_heap_bytes=" + (256 * MIB),
            "XREG_CACHE_MAX_BYTES", "-Xmx"));
    assertThat(CacheBudget.warning(big, 1024 * MIB)).as("a 1 GiB heap holds them").isEmpty();
    assertThat(CacheBudget.warning(new XRegistryOptions().setContentCacheMaxBytes(40 * MIB), 256 * MIB))
        .as("each content cache counts").isPresent();
  }

  @Test
  void onlyTheContentCachesOfTheApisServedCount() {
    assertThat(CacheBudget.contentCaches(new XRegistryOptions())).as("OCI manifests, CNR packages and blobs")
        .isEqualTo(ContentCache.Kind.values().length).isEqualTo(3);
    assertThat(CacheBudget.contentCaches(new XRegistryOptions().setCnrEnabled(false))).isEqualTo(1);
    assertThat(CacheBudget.contentCaches(new XRegistryOptions().setOciEnabled(false))).isEqualTo(2);
    XRegistryOptions xregistryOnly = new XRegistryOptions().setOciEnabled(false).setCnrEnabled(false)
        .setContentCacheMaxBytes(100 * MIB);
    assertThat(CacheBudget.bytes(xregistryOnly)).isEqualTo(64 * MIB);
    assertThat(CacheBudget.warning(xregistryOnly, 256 * MIB)).as("no content cache exists to fill").isEmpty();
  }

  @Test
  void anUnboundedHeapOrNoCachesNeverWarn() {
    assertThat(CacheBudget.warning(new XRegistryOptions().setCacheMaxBytes(1L << 40), Long.MAX_VALUE)).isEmpty();
    assertThat(CacheBudget.warning(new XRegistryOptions().setCacheMaxBytes(0).setContentCacheMaxBytes(0), 8 * MIB))
        .isEmpty();
  }
}
