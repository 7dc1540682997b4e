package dev.xreg.storage.xregistry;

import java.time.Instant;
import java.util.List;

/**
 * One release of an App Registry package as the xRegistry view shows it (model {@code cnr}): the
 * Version {@code release} of the package, its document the release's OCI image index.
 *
 * @param release the release name (a strict semantic version), the Version's ID
 * @param digest the index's digest
 * @param mediaType the index's media type, the document's {@code contenttype}
 * @param index the index bytes exactly as stored under {@code /v2/}
 * @param createdAt when the release was first pushed (its earliest media type)
 * @param content the release's content per App Registry media type, in media type order
 */
public record ReleaseVersion(String release, String digest, String mediaType, byte[] index, Instant createdAt,
    List<Content> content) {

  public ReleaseVersion {
    content = List.copyOf(content);
  }

  /**
   * The content of one App Registry media type of the release.
   *
   * @param mediaType the short media type name ({@code helm}, {@code docker-compose})
   * @param digest the sha256 of the uncompressed tar, the App Registry's blob address
   * @param size the tar.gz's size in bytes
   * @param blobDigest the tar.gz's digest, the OCI layer
   * @param manifestDigest the digest of the index's child manifest
   * @param metadata the push's metadata as JSON text, or null
   */
  public record Content(String mediaType, String digest, long size, String blobDigest, String manifestDigest,
      String metadata) {
  }
}
