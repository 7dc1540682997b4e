package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The OCI pushes and reads the {@code Oci*IT} tests share, written the way skopeo and the npm
 * client do them (checklist section 1, "How the real clients behave"), so a test reads as the
 * protocol step it checks.
 */
final class OciClient {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  private final XregServer server;

  OciClient(XregServer server) {
    this.server = server;
  }

  static String sha256(byte[] bytes) {
    return "sha256:" + hex("SHA-256", bytes);
  }

  static String sha512(byte[] bytes) {
    return "sha512:" + hex("SHA-512", bytes);
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes that differ per call site, so tests never share blobs by accident. */
  static byte[] bytes(String seed, int size) {
    byte[] out = new byte[size];
    byte[] s = seed.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < size; i++) {
      out[i] = (byte) (s[i % s.length] + i * 31);
    }
    return out;
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    return server.sendBytes(method, path, body, headers);
  }

  /** POST .../blobs/uploads/ and the path of the Location it answers (OCI-008). */
  String startUpload(String repo) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    return pathOf(r.headers().firstValue("Location").orElseThrow());
  }

  /** A monolithic push: POST then PUT ?digest= with the whole blob (OCI-009, as the npm client does). */
  String pushBlob(String repo, byte[] blob) throws IOException, InterruptedException {
    String digest = sha256(blob);
    HttpResponse<byte[]> r = send("PUT", withDigest(startUpload(repo), digest), blob,
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return digest;
  }

  /** An image manifest over a config and one layer, both pushed first; returns its bytes. */
  byte[] imageManifest(String repo, String seed) throws IOException, InterruptedException {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = bytes(seed, 300);
    String c = pushBlob(repo, config);
    String l = pushBlob(repo, layer);
    return manifest(OCI_MANIFEST, descriptor(CONFIG, c, config.length), descriptor(LAYER, l, layer.length), null, null);
  }

  static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  static byte[] manifest(String mediaType, String config, String layer, String subject, String artifactType) {
    StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\"");
    if (artifactType != null) {
      b.append(",\"artifactType\":\"").append(artifactType).append('"');
    }
    b.append(",\"config\":").append(config).append(",\"layers\":[").append(layer).append(']');
    if (subject != null) {
      b.append(",\"subject\":").append(subject);
    }
    b.append(",\"annotations\":{\"it\":\"yes\"}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<byte[]> putManifest(String repo, String reference, byte[] manifest, String mediaType)
      throws IOException, InterruptedException {
    return send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest, Map.of("Content-Type", mediaType));
  }

  static String withDigest(String location, String digest) {
    return location + (location.contains("?") ? "&" : "?") + "digest=" + digest.replace(":", "%3A");
  }

  static String pathOf(String location) {
    URI uri = URI.create(location);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  static String text(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8);
  }

  /** The first error code of an OCI error body (OCI-027). */
  static String errorCode(HttpResponse<byte[]> r) throws IOException {
    JsonNode body = XregServer.JSON.readTree(r.body());
    return body.path("errors").path(0).path("code").asText();
  }
}
