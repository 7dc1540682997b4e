package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the {@code Cnr*IT} tests share: the requests the appr 0.7.4 client sends (checklist
 * section 5), packages built as tar.gz in Java (a ustar writer of its own, so the server's tar
 * reader is checked against an independent one), and a structural JSON comparison in which
 * {@code "<any>"} stands for a timestamp or digest that cannot be known in advance.
 */
final class CnrClient {
  static final String ANY = "<any>";
  static final String PREFIX = "/cnr/api/v1/packages/";

  private final XregServer server;

  CnrClient(XregServer server) {
    this.server = server;
  }

  /** {@code appr push}: the body the CLI sends, with the fields it adds beyond the required three. */
  HttpResponse<String> push(String pkg, String release, String mediaType, byte[] tarGz, boolean force)
      throws IOException, InterruptedException {
    return push(pkg, release, mediaType, Base64.getEncoder().encodeToString(tarGz), null, force);
  }

  HttpResponse<String> push(String pkg, String release, String mediaType, String blobBase64, JsonNode metadata,
      boolean force) throws IOException, InterruptedException {
    ObjectNode body = XregServer.JSON.createObjectNode();
    body.put("blob", blobBase64).put("release", release).put("media_type", mediaType)
        .put("name", pkg).put("package", pkg).put("organization", pkg.substring(0, pkg.indexOf('/')))
        .put("manifest_name", pkg);
    body.set("metadata", metadata);
    return server.send("POST", PREFIX + pkg + (force ? "?force=true" : "?force=false"), body.toString());
  }

  /** Pushes and fails the test unless the server answers {@code {"status":"ok"}}. */
  void pushOk(String pkg, String release, String mediaType, byte[] tarGz) throws IOException, InterruptedException {
    HttpResponse<String> r = push(pkg, release, mediaType, tarGz, false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(XregServer.JSON.readTree("{\"status\":\"ok\"}"));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return server.send("GET", path, null, Map.of());
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return server.sendBytes("GET", path, null, Map.of());
  }

  HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    return server.send(method, path, null, Map.of());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return XregServer.JSON.readTree(r.body());
  }

  /** Asserts the response is the CNR-021 envelope with {@code code} and {@code status}. */
  static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(r);
    assertThat(body.path("code").asText()).as(r.body()).isEqualTo(code);
    assertThat(body.path("message").isTextual()).as(r.body()).isTrue();
    assertThat(body.path("details").isObject()).as(r.body()).isTrue();
  }

  /**
   * Compares {@code actual} with {@code expected} structurally: the same keys, the same array
   * lengths and order, equal scalars, and anything (not missing) where expected has {@code "<any>"}.
   */
  static void assertShape(JsonNode actual, String expectedJson) {
    JsonNode expected;
    try {
      expected = XregServer.JSON.readTree(expectedJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    compare("$", expected, actual, problems);
    assertThat(problems).as("shape of %s", actual).isEmpty();
  }

  private static void compare(String at, JsonNode expected, JsonNode actual, List<String> problems) {
    if (actual == null || actual.isMissingNode()) {
      problems.add(at + " is missing");
    } else if (expected.isTextual() && ANY.equals(expected.textValue())) {
      if (actual.isNull()) {
        problems.add(at + " is null");
      }
    } else if (expected.isObject()) {
      if (!actual.isObject()) {
        problems.add(at + " is not an object: " + actual);
        return;
      }
      List<String> keys = new ArrayList<>();
      actual.fieldNames().forEachRemaining(keys::add);
      List<String> wanted = new ArrayList<>();
      expected.fieldNames().forEachRemaining(wanted::add);
      if (!new java.util.TreeSet<>(keys).equals(new java.util.TreeSet<>(wanted))) {
        problems.add(at + " has keys " + keys + ", expected " + wanted);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        compare(at + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), problems);
      }
    } else if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        problems.add(at + " is " + actual + ", expected " + expected.size() + " items");
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(at + "[" + i + "]", expected.get(i), actual.get(i), problems);
      }
    } else if (!expected.equals(actual)) {
      problems.add(at + " is " + actual + ", expected " + expected);
    }
  }

  // ----------------------------------------------------------------------------- packages

  /** A Helm chart directory {@code <name>/} as a tar.gz, as {@code helm package} lays it out. */
  static byte[] helmChart(String name, String version) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name + "/Chart.yaml", ("apiVersion: v2\nname: " + name + "\nversion: " + version
        + "\ndescription: A chart built by the test\ntype: application\nappVersion: \"" + version + "\"\n")
        .getBytes(StandardCharsets.UTF_8));
    files.put(name + "/values.yaml", ("replicaCount: 1\nimage: nginx:" + version + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(name + "/templates/deployment.yaml", ("kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
        + "spec:\n  replicas: {{ .Values.replicaCount }}\n").getBytes(StandardCharsets.UTF_8));
    return tarGz(files);
  }

  /** A Docker Compose package. */
  static byte[] composePackage(String service) {
    return tarGz(Map.of("compose/docker-compose.yml", ("services:\n  " + service + ":\n    image: redis:7\n")
        .getBytes(StandardCharsets.UTF_8)));
  }

  /** The files as a gzip-compressed ustar archive. */
  static byte[] tarGz(Map<String, byte[]> files) {
    return gzip(tar(files));
  }

  static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach((name, content) -> {
      byte[] header = new byte[512];
      put(header, 0, name, 100);
      put(header, 100, "0000644", 8);
      put(header, 108, "0000000", 8);
      put(header, 116, "0000000", 8);
      put(header, 124, String.format("%011o", content.length), 12);
      put(header, 136, String.format("%011o", 1_700_000_000L), 12);
      java.util.Arrays.fill(header, 148, 156, (byte) ' '); // the checksum counts itself as spaces
      header[156] = '0';
      put(header, 257, "ustar", 6);
      put(header, 263, "00", 2);
      long sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum), 7);
      header[155] = ' ';
      out.writeBytes(header);
      out.writeBytes(content);
      out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    });
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value, int width) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, Math.min(b.length, width));
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** sha256 hex of the uncompressed tar: the CNR content digest (CNR-012). */
  static String contentDigest(byte[] tarGz) {
    return OciClient.sha256(gunzip(tarGz)).substring("sha256:".length());
  }
}
