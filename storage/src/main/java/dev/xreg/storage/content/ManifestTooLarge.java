package dev.xreg.storage.content;

/**
 * Pushed manifest bytes over {@link Manifest#MAX_BYTES}. Distinct from {@link ManifestInvalid}
 * because the spec answers it with 413 rather than 400 (OCI-018).
 */
public final class ManifestTooLarge extends ContentInvalid {
  public ManifestTooLarge(long size) {
    super("the manifest is " + size + " bytes; at most " + Manifest.MAX_BYTES + " are accepted");
  }
}
