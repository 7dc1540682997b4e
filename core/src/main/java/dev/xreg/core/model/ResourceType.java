package dev.xreg.core.model;

/** A Resource type of the model with its aspects, defaults already applied. */
public record ResourceType(
    String plural,
    String singular,
    int maxVersions,
    boolean setVersionId,
    boolean hasDocument,
    VersionMode versionMode,
    boolean singleVersionRoot,
    boolean validateFormat,
    boolean validateCompatibility,
    boolean strictValidation,
    AttributeSet versionAttributes,
    AttributeSet metaAttributes,
    TypeMap typemap) {

  /** The name of the id attribute, e.g. {@code fileid}. */
  public String idAttribute() {
    return singular + "id";
  }

  /** The three document attribute names of {@code <RESOURCE>*}. */
  public String documentAttribute() {
    return singular;
  }

  public String documentUrlAttribute() {
    return singular + "url";
  }

  public String documentBase64Attribute() {
    return singular + "base64";
  }
}
