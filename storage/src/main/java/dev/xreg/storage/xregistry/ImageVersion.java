package dev.xreg.storage.xregistry;

import java.time.Instant;
import java.util.Map;

/**
 * One tag of an OCI repository as the xRegistry view shows it (model {@code oci}): the Version
 * {@code tag} of the image, its document the manifest bytes with the manifest's media type.
 *
 * @param tag the OCI tag, the Version's ID
 * @param digest the manifest's digest
 * @param mediaType the manifest's media type, the document's {@code contenttype}
 * @param content the manifest bytes exactly as pushed
 * @param artifactType the manifest's artifact type, or null
 * @param subject the digest of the manifest's subject, or null
 * @param annotations the manifest's annotations
 * @param taggedAt when the tag got this manifest, or null for "now" (the Version's {@code createdat},
 *     which orders "newest")
 */
public record ImageVersion(String tag, String digest, String mediaType, byte[] content, String artifactType,
    String subject, Map<String, String> annotations, Instant taggedAt) {

  public ImageVersion {
    annotations = Map.copyOf(annotations);
  }
}
