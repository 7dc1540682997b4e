package dev.xreg.storage.content;

import java.util.Locale;
import java.util.Optional;

/**
 * The manifest media types a push may carry (OCI-018): the two of the OCI image spec and the two
 * Docker schema-2 types they descend from, still pushed by Docker-era tools. Docker schema 1
 * ({@code ...manifest.v1+prettyjws}) is deliberately absent: it is deprecated and signed, and
 * docker-registry itself refuses it by default.
 */
public enum ManifestKind {
  OCI_IMAGE_MANIFEST("application/vnd.oci.image.manifest.v1+json", false, true),
  OCI_IMAGE_INDEX("application/vnd.oci.image.index.v1+json", true, true),
  DOCKER_MANIFEST("application/vnd.docker.distribution.manifest.v2+json", false, false),
  DOCKER_MANIFEST_LIST("application/vnd.docker.distribution.manifest.list.v2+json", true, false);

  private final String mediaType;
  private final boolean index;
  private final boolean oci;

  ManifestKind(String mediaType, boolean index, boolean oci) {
    this.mediaType = mediaType;
    this.index = index;
    this.oci = oci;
  }

  public String mediaType() {
    return mediaType;
  }

  /** An index (manifest list) references other manifests; an image manifest references blobs. */
  public boolean isIndex() {
    return index;
  }

  /**
   * The OCI types carry {@code subject}, {@code artifactType} and {@code annotations}; the Docker
   * types define none of them, so they are never referrers.
   */
  public boolean isOci() {
    return oci;
  }

  /** The kind of a media type without parameters, compared case-insensitively (RFC 6838). */
  public static Optional<ManifestKind> of(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    String lower = mediaType.toLowerCase(Locale.ROOT);
    for (ManifestKind kind : values()) {
      if (kind.mediaType.equals(lower)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
