package dev.xreg.storage.cnr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.blob.Digester;
import dev.xreg.storage.content.Descriptor;
import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.ManifestKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a release is stored as OCI content (checklist section 6): the release's tag names an image
 * index with {@code artifactType} {@value #INDEX_ARTIFACT_TYPE}, holding one child image manifest
 * per media type; each child has the tar.gz as its only layer and a small JSON config. For
 * {@code helm} the child is a Helm OCI chart (Helm's config and layer types, the config built
 * from {@code Chart.yaml}), so OCI clients that know Helm read CNR-pushed charts as their own.
 */
public final class ReleaseLayout {
  public static final String INDEX_ARTIFACT_TYPE = "application/vnd.appr.package-manifest.v0+json";
  /** The config of non-Helm children: the push's metadata and time, which CNR shows. */
  public static final String CONFIG_TYPE = "application/vnd.appr.package-config.v0+json";
  /** Annotations on children and their index descriptors naming the CNR media type. */
  public static final String MEDIA_TYPE_ANNOTATION = "dev.xreg.cnr.media-type";
  public static final String CONTENT_DIGEST_ANNOTATION = "dev.xreg.cnr.content-digest";
  private static final String VERSION_ANNOTATION = "org.opencontainers.image.version";
  private static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
  private static final String TITLE_ANNOTATION = "org.opencontainers.image.title";
  /** The Chart.yaml fields Helm's OCI config carries (Helm writes the chart's metadata as JSON). */
  private static final List<String> CHART_FIELDS = List.of("name", "home", "sources", "version", "description",
      "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion", "deprecated",
      "annotations", "kubeVersion", "type");

  private ReleaseLayout() {
  }

  /**
   * Lays out one push.
   *
   * @param tarGz     digest and size of the tar.gz as stored
   * @param chartYaml the chart's {@code Chart.yaml} as parsed, for {@code helm}; may be null
   * @param metadata  the push's {@code metadata} object, or null
   */
  public static PackageArtifact artifact(String packageName, String release, PackageMediaType mediaType,
      Digest tarGz, long size, String contentDigest, JsonNode chartYaml, JsonNode metadata, Instant createdAt) {
    ObjectNode config = Json.object();
    if (mediaType.isHelm()) {
      if (chartYaml != null && chartYaml.isObject()) {
        for (String field : CHART_FIELDS) {
          if (chartYaml.hasNonNull(field)) {
            config.set(field, chartYaml.get(field));
          }
        }
      }
    } else {
      config.put("package", packageName).put("release", release).put("media_type", mediaType.name())
          .put("created_at", createdAt.toString());
      config.set("metadata", metadata);
    }
    byte[] configBytes = Json.bytes(config);
    Digest configDigest = sha256(configBytes);

    ObjectNode manifest = Json.object();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", ManifestKind.OCI_IMAGE_MANIFEST.mediaType());
    if (!mediaType.isHelm()) {
      manifest.put("artifactType", mediaType.manifestType());
    }
    manifest.set("config", Descriptor.of(mediaType.isHelm() ? PackageMediaType.HELM_CONFIG : CONFIG_TYPE,
        configDigest.toString(), configBytes.length).toJson());
    ArrayNode layers = manifest.putArray("layers");
    layers.add(new Descriptor(mediaType.layerType(), tarGz.toString(), size, null,
        Map.of(TITLE_ANNOTATION, fileName(packageName, release)), List.of()).toJson());
    ObjectNode annotations = manifest.putObject("annotations");
    annotations.put(VERSION_ANNOTATION, release);
    annotations.put(CREATED_ANNOTATION, createdAt.toString());
    annotations.put(MEDIA_TYPE_ANNOTATION, mediaType.name());
    annotations.put(CONTENT_DIGEST_ANNOTATION, "sha256:" + contentDigest);
    byte[] manifestBytes = Json.bytes(manifest);
    return new PackageArtifact(release, mediaType, tarGz, size, contentDigest, configBytes, configDigest,
        manifestBytes, sha256(manifestBytes), Manifest.parse(manifestBytes, ManifestKind.OCI_IMAGE_MANIFEST.mediaType()),
        metadata == null ? null : Json.write(metadata), createdAt);
  }

  /** The release's index over its children, in media type order. */
  public static byte[] index(String release, List<Child> children) {
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", ManifestKind.OCI_IMAGE_INDEX.mediaType());
    index.put("artifactType", INDEX_ARTIFACT_TYPE);
    ArrayNode manifests = index.putArray("manifests");
    for (Child child : children) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(MEDIA_TYPE_ANNOTATION, child.mediaType().name());
      manifests.add(new Descriptor(ManifestKind.OCI_IMAGE_MANIFEST.mediaType(), child.digest(), child.size(),
          child.mediaType().isHelm() ? PackageMediaType.HELM_CONFIG : child.mediaType().manifestType(),
          annotations, List.of()).toJson());
    }
    index.putObject("annotations").put(VERSION_ANNOTATION, release);
    return Json.bytes(index);
  }

  /** {@code ns_pkg_1.0.0.tar.gz}: the file name appr gives a pulled release (CNR-010). */
  public static String fileName(String packageName, String release) {
    return packageName.replace('/', '_') + "_" + release + ".tar.gz";
  }

  public static Digest sha256(byte[] bytes) {
    return Digester.of(DigestAlgorithm.SHA256).update(bytes).digest();
  }

  /** A child manifest as its index lists it. */
  public record Child(PackageMediaType mediaType, String digest, long size) {
  }
}
