package dev.xreg.storage.cnr;

import java.time.Instant;

/**
 * One (release, media type) of a package as the App Registry shows it (CNR-006..008): the
 * tar.gz by its stored digest and by the digest of its uncompressed tar ({@code content.digest},
 * the CNR blob address), and the push's metadata as JSON text (null when none was sent).
 */
public record PackageRelease(String release, String mediaType, String manifestDigest, String blobDigest,
    String contentDigest, long size, String metadata, Instant createdAt) {
}
