package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, "upgrades in place": a data directory (embedded PostgreSQL) written by an earlier
 * release, with data in it, is served unchanged by the current jar after its migrations run;
 * the server writes to it, and a restart keeps what it wrote.
 *
 * <p>Each earlier release leaves a fixture in {@code src/test/resources/upgrade/}: the packed
 * data directory {@code <release>.tar.gz} and what that release answered to a set of reads,
 * {@code <release>/reads.json} with the bodies under {@code <release>/bodies/}. Both come from
 * {@code generate.py} run against the release's jar (README.md there). Every fixture runs here,
 * so every later migration is tested against every older release's data. URLs in the fixture
 * are written with {@code {base}} for the old server's random host and port.
 */
class UpgradeInPlaceIT {
  private static final String BASE = "{base}";

  static Stream<String> releases() throws IOException {
    try (Stream<Path> files = Files.list(fixtures())) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz"))
          .map(n -> n.substring(0, n.length() - ".tar.gz".length())).sorted().toList();
      assertThat(names).as("upgrade fixtures in %s", fixtures()).isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "data written by {0}")
  @MethodSource("releases")
  void aDataDirectoryOfAnEarlierReleaseIsServedUnchangedAndStaysWritable(String release) throws Exception {
    Path dataDir = unpack(release);
    List<JsonNode> reads = new ArrayList<>();
    readJson(fixtures().resolve(release).resolve("reads.json")).elements().forEachRemaining(reads::add);
    try (XregServer server = XregServer.onDataDir(dataDir)) {
      server.start();
      for (JsonNode read : reads) {
        assertServedAsBefore(server, release, read);
      }

      writeAfterTheUpgrade(server, release, reads);

      String export = rebased(server.get("/export").body(), server);
      assertThat(server.stop()).isIn(0, 143);
      server.start();
      String difference = firstDifference(XregServer.JSON.readTree(export),
          XregServer.JSON.readTree(rebased(server.get("/export").body(), server)), "");
      assertThat(difference).withFailMessage("after a restart the export differs at %s", difference).isNull();
      assertThat(server.get("/dirs/d1/files/f1/versions/5").body()).isEqualTo("written after the upgrade\n");
    }
  }

  /** One read of the fixture: the same status, client-visible headers and body as the old release gave. */
  private static void assertServedAsBefore(XregServer server, String release, JsonNode read) throws Exception {
    String name = read.path("name").asText();
    HttpResponse<byte[]> r = server.sendBytes("GET", read.path("path").asText(), null, Map.of());
    assertThat(r.statusCode()).as("%s: status of GET %s", name, read.path("path").asText())
        .isEqualTo(read.path("status").asInt());

    Map<String, String> expectedHeaders = new TreeMap<>();
    read.path("headers").fields().forEachRemaining(h -> expectedHeaders.put(h.getKey(),
        DeliberateChanges.header(h.getKey(), h.getValue().asText())));
    assertThat(keptHeaders(r, server)).as("%s: headers", name).isEqualTo(expectedHeaders);

    Path body = fixtures().resolve(release).resolve("bodies").resolve(read.path("body").asText());
    if (body.toString().endsWith(".json")) {
      // Metadata: the same JSON (member order aside), with URLs on this server.
      JsonNode actual = XregServer.JSON.readTree(rebased(new String(r.body(), StandardCharsets.UTF_8), server));
      String difference = firstDifference(DeliberateChanges.body(read.path("path").asText(), readJson(body)), actual,
          "");
      assertThat(difference).withFailMessage("%s: the body differs at %s", name, difference).isNull();
    } else {
      // A document: byte for byte.
      assertThat(r.body()).as("%s: document", name).isEqualTo(Files.readAllBytes(body));
    }
  }

  /**
   * What clients rely on besides the body, as generate.py records it: names in lower case, a
   * header sent several times joined with ", ", this server's URLs written as {@code {base}}.
   */
  private static Map<String, String> keptHeaders(HttpResponse<?> r, XregServer server) {
    Map<String, String> kept = new TreeMap<>();
    r.headers().map().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (List.of("content-type", "etag", "location", "link").contains(n) || n.startsWith("xregistry-")) {
        kept.put(n, rebased(String.join(", ", values), server));
      }
    });
    return kept;
  }

  /**
   * The upgraded data takes writes: an ETag handed out by the old release still validates an
   * If-Match (and is stale once used), epochs move on, a new Version joins an old Resource
   * (with its maxversions pruning and sticky default), and new entities get fresh row IDs.
   * The paths are the ones generate.py creates for every release.
   */
  private static void writeAfterTheUpgrade(XregServer server, String release, List<JsonNode> reads)
      throws Exception {
    JsonNode groupBefore = readJson(fixtures().resolve(release).resolve("bodies").resolve("group.json"));
    String oldTag = reads.stream().filter(r -> r.path("name").asText().equals("group")).findFirst().orElseThrow()
        .path("headers").path("etag").asText();
    HttpResponse<String> patched = server.send("PATCH", "/dirs/d1", "{\"description\":\"written after the upgrade\"}",
        Map.of("Content-Type", "application/json", "If-Match", oldTag));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(patched.body()).path("epoch").asLong())
        .isEqualTo(groupBefore.path("epoch").asLong() + 1);
    assertThat(patched.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(oldTag);
    assertThat(server.send("PATCH", "/dirs/d1", "{\"description\":\"lost update\"}",
        Map.of("Content-Type", "application/json", "If-Match", oldTag)).statusCode()).isEqualTo(412);

    String resourceTag = server.get("/dirs/d1/files/f1$details").headers().firstValue("ETag").orElseThrow();
    long metaEpoch = server.json("/dirs/d1/files/f1/meta").path("epoch").asLong();
    HttpResponse<String> created = server.send("PUT", "/dirs/d1/files/f1/versions/5", "written after the upgrade\n",
        Map.of("Content-Type", "text/plain"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // maxversions 3 pruned the oldest Version; the sticky default did not move
    assertThat(ids(server.json("/dirs/d1/files/f1/versions"))).containsExactlyInAnyOrder("3", "4", "5");
    assertThat(server.json("/dirs/d1/files/f1$details").path("versionid").asText()).isEqualTo("3");
    assertThat(server.json("/dirs/d1/files/f1/meta").path("epoch").asLong()).isGreaterThan(metaEpoch);
    assertThat(server.get("/dirs/d1/files/f1$details").headers().firstValue("ETag")).isPresent().get()
        .isNotEqualTo(resourceTag);

    HttpResponse<String> group = server.send("PUT", "/dirs/d5", "{\"region\":\"us\",\"files\":{\"n1\":{}}}");
    assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
    assertThat(server.json("/dirs/d5/files/n1$details").path("versionid").asText()).isEqualTo("1");
  }

  /**
   * Where two JSON values first differ, as a JSON Pointer with both values, or null when they
   * are equal: an export is too large to read in a plain "expected ... but was ..." message.
   */
  static String firstDifference(JsonNode expected, JsonNode actual, String at) {
    if (expected.equals(actual)) {
      return null;
    }
    if (expected.isObject() && actual.isObject()) {
      SortedSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String d = firstDifference(expected.path(n), actual.path(n), at + "/" + n.replace("~", "~0").replace("/", "~1"));
        if (d != null) {
          return d;
        }
      }
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        String d = firstDifference(expected.get(i), actual.get(i), at + "/" + i);
        if (d != null) {
          return d;
        }
      }
    }
    return (at.isEmpty() ? "/" : at) + ": expected " + shown(expected) + " but was " + shown(actual);
  }

  private static String shown(JsonNode n) {
    return n.isMissingNode() ? "(absent)" : n.toString();
  }

  private static List<String> ids(JsonNode collection) {
    List<String> out = new ArrayList<>();
    collection.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The fixture's data directory in a new temporary directory, modes kept (PostgreSQL wants 0700). */
  private static Path unpack(String release) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("xreg-upgrade-" + release + "-");
    Process tar = new ProcessBuilder("tar", "-xzf", fixtures().resolve(release + ".tar.gz").toString(),
        "-C", dir.toString()).redirectErrorStream(true).start();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as("tar: %s", out).isZero();
    assertThat(dir.resolve("pg").resolve("PG_VERSION")).exists();
    return dir;
  }

  private static String rebased(String text, XregServer server) {
    return text.replace(server.base(), BASE);
  }

  private static JsonNode readJson(Path file) {
    try {
      return XregServer.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path fixtures() {
    try {
      return Path.of(UpgradeInPlaceIT.class.getResource("/upgrade/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Answers this release changes on purpose, applied to what an earlier release recorded (the
   * fixture README: "a deliberate change is allowed for explicitly"). Each names its decision.
   */
  static final class DeliberateChanges {
    private DeliberateChanges() {
    }

    /** Issue 16, X5: a document's {@code xRegistry-self} header has no {@code $details}. */
    static String header(String name, String value) {
      return name.equals("xregistry-self") && value.endsWith("$details")
          ? value.substring(0, value.length() - "$details".length()) : value;
    }

    /** Issue 16, X9: {@code GET /model} names every attribute definition at every depth. */
    static JsonNode body(String path, JsonNode recorded) {
      if (path.equals("/model")) {
        JsonNode copy = recorded.deepCopy();
        nameDefinitions(copy);
        return copy;
      }
      return recorded;
    }

    private static void nameDefinitions(JsonNode node) {
      if (node.isArray()) {
        node.forEach(DeliberateChanges::nameDefinitions);
        return;
      }
      if (!node.isObject()) {
        return;
      }
      node.fields().forEachRemaining(e -> {
        if ((e.getKey().equals("attributes") || e.getKey().equals("siblingattributes")) && e.getValue().isObject()) {
          e.getValue().fields().forEachRemaining(def -> {
            if (def.getValue().isObject() && !def.getValue().has("name") && !def.getKey().equals("*")) {
              ((com.fasterxml.jackson.databind.node.ObjectNode) def.getValue()).put("name", def.getKey());
            }
          });
        }
        nameDefinitions(e.getValue());
      });
    }
  }
}
