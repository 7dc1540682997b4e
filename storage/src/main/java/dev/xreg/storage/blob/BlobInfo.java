package dev.xreg.storage.blob;

import java.time.Instant;

/**
 * A stored blob: its digest, its size in bytes, and when it was last written (committed, or
 * committed again by an upload of the same content), which garbage collection measures its
 * grace period from.
 */
public record BlobInfo(Digest digest, long size, Instant modifiedAt) {
}
