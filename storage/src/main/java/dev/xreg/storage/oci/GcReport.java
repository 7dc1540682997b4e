package dev.xreg.storage.oci;

/**
 * What one garbage collection pass did: whether it ran (another node may have held the
 * collector's lock), and how many items of each kind it removed, with the blob-store bytes freed.
 */
public record GcReport(boolean ran, long links, long blobs, long blobBytes, long uploads, long uploadBytes) {
  static final GcReport SKIPPED = new GcReport(false, 0, 0, 0, 0, 0);
}
