package dev.xreg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OCI image layout directory (image-spec {@code image-layout.md}): the {@code oci-layout}
 * marker, {@code index.json} and content-addressed {@code blobs/sha256/<hex>}. Tests write one
 * by hand as the source of a {@code skopeo copy oci:<dir>:<tag> docker://...}, and read the
 * one skopeo writes back, so every byte pushed and pulled is known to the test.
 */
final class OciLayout {
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path dir;

  private OciLayout(Path dir) {
    this.dir = dir;
  }

  /** A new, empty layout in {@code dir}. */
  static OciLayout create(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    return new OciLayout(dir);
  }

  /** A layout another program wrote. */
  static OciLayout open(Path dir) {
    return new OciLayout(dir);
  }

  Path dir() {
    return dir;
  }

  /** The {@code oci:} transport reference skopeo takes for this layout and tag. */
  String reference(String tag) {
    return "oci:" + dir + ":" + tag;
  }

  /** Stores a blob; its descriptor. */
  String blob(String mediaType, byte[] bytes) throws IOException {
    String digest = OciClient.sha256(bytes);
    Files.write(pathOf(digest), bytes);
    return OciClient.descriptor(mediaType, digest, bytes.length);
  }

  /**
   * Stores an image manifest over a config and one layer (all three as blobs) and tags it in
   * {@code index.json}; the manifest's bytes.
   */
  byte[] image(String tag, String configType, byte[] config, String layerType, byte[] layer) throws IOException {
    byte[] manifest = OciClient.manifest(OciClient.OCI_MANIFEST, blob(configType, config), blob(layerType, layer),
        null, null);
    ObjectNode entry = (ObjectNode) XregServer.JSON.readTree(blob(OciClient.OCI_MANIFEST, manifest));
    entry.putObject("annotations").put(REF_NAME, tag);
    ObjectNode index = (ObjectNode) XregServer.JSON.readTree(dir.resolve("index.json").toFile());
    ((ArrayNode) index.get("manifests")).add(entry);
    Files.write(dir.resolve("index.json"), XregServer.JSON.writeValueAsBytes(index));
    return manifest;
  }

  /** The bytes of the manifest {@code index.json} tags {@code tag}. */
  byte[] manifest(String tag) throws IOException {
    JsonNode index = XregServer.JSON.readTree(dir.resolve("index.json").toFile());
    for (JsonNode m : index.path("manifests")) {
      if (tag.equals(m.path("annotations").path(REF_NAME).asText())) {
        return blob(m.path("digest").asText());
      }
    }
    throw new AssertionError("no manifest tagged " + tag + " in " + index);
  }

  byte[] blob(String digest) throws IOException {
    return Files.readAllBytes(pathOf(digest));
  }

  private Path pathOf(String digest) {
    int colon = digest.indexOf(':');
    return dir.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
  }

  /** An image config whose one layer is {@code tar} (uncompressed), as runtimes expect it. */
  static byte[] imageConfig(byte[] tar) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + OciClient.sha256(tar) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
