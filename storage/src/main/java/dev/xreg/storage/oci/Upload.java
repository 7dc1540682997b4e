package dev.xreg.storage.oci;

import java.time.Instant;

/**
 * An upload session bound to its repository (OCI-008..015). The bytes are in the BlobStore under
 * the same ID; {@code size} is what the last acknowledged chunk left, the store's own count is
 * authoritative when they differ (a crash between the write and the record).
 */
public record Upload(String id, String repository, long size, Instant startedAt) {
}
