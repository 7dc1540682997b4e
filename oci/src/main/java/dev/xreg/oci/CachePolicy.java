package dev.xreg.oci;

import io.vertx.core.http.HttpServerResponse;

/**
 * How HTTP caches may keep OCI content (RFC 9111, issue 16): what is addressed by its digest
 * never changes, so blobs and manifests fetched by digest may be cached for long; a manifest
 * fetched by tag can move, so caches must revalidate it.
 */
final class CachePolicy {
  /** A year: as long as RFC 9111 suggests for content that never changes. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private CachePolicy() {
  }

  static HttpServerResponse byDigest(HttpServerResponse response) {
    return response.putHeader("Cache-Control", IMMUTABLE);
  }

  static HttpServerResponse byTag(HttpServerResponse response) {
    return response.putHeader("Cache-Control", REVALIDATE);
  }
}
