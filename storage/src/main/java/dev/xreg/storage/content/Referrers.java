package dev.xreg.storage.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The referrers list of a subject (OCI-023): an OCI image index of the descriptors of the
 * manifests whose {@code subject} is that digest, each carrying its artifact type and annotations
 * (see {@link Manifest#descriptor(String)}). An empty list is a valid answer, never a 404.
 *
 * @param index         the image index to send, {@code Content-Type} {@link #MEDIA_TYPE}
 * @param filterApplied whether an {@code artifactType} filter was applied, so the response must
 *                      carry {@code OCI-Filters-Applied: artifactType}
 */
public record Referrers(ObjectNode index, boolean filterApplied) {
  public static final String MEDIA_TYPE = ManifestKind.OCI_IMAGE_INDEX.mediaType();
  /** The value of {@code OCI-Filters-Applied} when {@link #filterApplied()}. */
  public static final String ARTIFACT_TYPE_FILTER = "artifactType";
  /** The referrers tag schema truncates the encoded digest to this many characters. */
  private static final int TAG_SCHEMA_REF_LENGTH = 64;

  /**
   * Builds the index from the referrers in the caller's order. A manifest may be found both by
   * its stored {@code subject} and in a referrers-tag index (OCI-023, "Enabling the Referrers
   * API"), so a digest listed twice is kept once, at its first place.
   *
   * @param artifactType the {@code artifactType} query parameter; null or empty means no filter
   */
  public static Referrers of(List<Descriptor> referrers, String artifactType) {
    boolean filter = artifactType != null && !artifactType.isEmpty();
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", MEDIA_TYPE);
    ArrayNode manifests = index.putArray("manifests");
    Set<String> seen = new HashSet<>();
    for (Descriptor d : referrers) {
      if (filter && !artifactType.equals(d.artifactType())) {
        continue;
      }
      if (seen.add(d.digest())) {
        manifests.add(d.toJson());
      }
    }
    return new Referrers(index, filter);
  }

  /** The body bytes. */
  public byte[] bytes() {
    return Json.bytes(index);
  }

  /**
   * The tag under which clients without the referrers API keep a subject's referrers list:
   * {@code <alg>-<encoded, truncated to 64 characters>} ("Referrers Tag Schema").
   *
   * @param subjectDigest a digest of valid grammar
   * @throws ReferenceInvalid when it is not
   */
  public static Tag tagSchema(String subjectDigest) {
    new Reference.ByDigest(subjectDigest); // validates the grammar, or throws
    int colon = subjectDigest.indexOf(':');
    String encoded = subjectDigest.substring(colon + 1);
    if (encoded.length() > TAG_SCHEMA_REF_LENGTH) {
      encoded = encoded.substring(0, TAG_SCHEMA_REF_LENGTH);
    }
    // The digest grammar allows '+' and '=', which no tag may contain.
    return Tag.parse((subjectDigest.substring(0, colon) + "-" + encoded).replaceAll("[^a-zA-Z0-9._-]", "-"));
  }
}
