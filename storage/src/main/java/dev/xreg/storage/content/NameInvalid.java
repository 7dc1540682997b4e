package dev.xreg.storage.content;

/** A repository name that does not match OCI-002 or exceeds the length limits of {@link RepositoryName}. */
public final class NameInvalid extends ContentInvalid {
  public NameInvalid(String detail) {
    super(detail);
  }
}
