package dev.xreg.http.impl;

import dev.xreg.http.XRegistryOptions;
import dev.xreg.storage.oci.ContentCache;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether the node's caches, full, fit the Java heap. Their bounds are set in bytes
 * ({@code XREG_CACHE_MAX_BYTES}, {@code XREG_CONTENT_CACHE_MAX_BYTES}) and the heap apart
 * ({@code -Xmx}); a node whose caches may take more than half its heap runs into long
 * collections or an {@link OutOfMemoryError} once they fill, which can be weeks after the
 * start. Said once at start, when the mismatch is cheap to fix.
 */
final class CacheBudget {
  /** The share of the heap all caches together may take; the rest is requests, imports, buffers. */
  static final double HEAP_SHARE = 0.5;

  private CacheBudget() {
  }

  /** The most bytes the caches hold when full. */
  static long bytes(XRegistryOptions options) {
    return options.getCacheMaxBytes() + contentCaches(options) * options.getContentCacheMaxBytes();
  }

  /** The content caches the node has: those of the APIs it serves, each bounded by XREG_CONTENT_CACHE_MAX_BYTES. */
  static int contentCaches(XRegistryOptions options) {
    return (int) Arrays.stream(ContentCache.Kind.values()).filter(kind -> switch (kind) {
      case OCI_MANIFESTS -> options.isOciEnabled();
      case CNR_PACKAGES, CNR_BLOBS -> options.isCnrEnabled();
    }).count();
  }

  /**
   * A warning when the caches may take more than {@link #HEAP_SHARE} of {@code maxHeap}
   * ({@link Runtime#maxMemory()}; {@link Long#MAX_VALUE} when the JVM has no bound).
   */
  static Optional<String> warning(XRegistryOptions options, long maxHeap) {
    long caches = bytes(options);
    if (maxHeap == Long.MAX_VALUE || caches <= maxHeap * HEAP_SHARE) {
      return Optional.empty();
    }
    return Optional.of(String.format("event=caches_exceed_heap_share cache_bytes=%d max_heap_bytes=%d"
        + " detail=\"the caches (XREG_CACHE_MAX_BYTES %d + %d x XREG_CONTENT_CACHE_MAX_BYTES %d) may take more than"
        + " half the Java heap once full: raise -Xmx (XREG_JAVA_OPTS) or lower the cache sizes\"",
        caches, maxHeap, options.getCacheMaxBytes(), contentCaches(options), options.getContentCacheMaxBytes()));
  }
}
