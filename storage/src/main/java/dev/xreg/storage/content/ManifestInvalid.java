package dev.xreg.storage.content;

/** Pushed manifest bytes that are not a well-formed manifest or index of a supported media type (OCI-018). */
public final class ManifestInvalid extends ContentInvalid {
  public ManifestInvalid(String detail) {
    super(detail);
  }
}
