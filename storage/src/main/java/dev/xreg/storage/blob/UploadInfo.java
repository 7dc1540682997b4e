package dev.xreg.storage.blob;

import java.time.Instant;

/**
 * An upload in progress: its ID, how many bytes it holds, and when bytes were last appended
 * (or it was started), which garbage collection compares with the upload TTL.
 */
public record UploadInfo(String id, long size, Instant modifiedAt) {
}
