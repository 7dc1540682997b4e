package dev.xreg.storage.content;

/** A manifest reference that is neither a valid tag nor a digest of the OCI grammar (OCI-003, OCI-034). */
public final class ReferenceInvalid extends ContentInvalid {
  public ReferenceInvalid(String detail) {
    super(detail);
  }
}
