package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked examples of core/resource.md as data-driven cases (CORE-RES-003, CORE-RES-004,
 * CORE-RES-005, CORE-META-004..009, CORE-COLL-008, CORE-SDV-001, CORE-VER-009, CORE-VER-010,
 * CORE-COM-010). The cases are in {@code resource-md-cases.json}; its "about" explains the notation.
 */
class ResourceMdExamplesIT {
  private static final String RESOURCE = "/dirs/d1/files/f1";
  /** The attributes compared on the Resource and on each Version. */
  private static final List<String> VERSION_KEYS = List.of("versionid", "epoch", "name", "isdefault", "description",
      "createdat", "modifiedat", "ancestorid");
  /** Optional attributes that must be absent when the spec's Final State does not show them. */
  private static final List<String> ABSENT_UNLESS_SHOWN = List.of("name", "description");

  private static XregServer server;
  private static JsonNode cases;

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = ResourceMdExamplesIT.class.getResourceAsStream("/resource-md-cases.json")) {
      cases = XregServer.JSON.readTree(in);
    }
    server = XregServer.fresh().start();
    HttpResponse<String> model = server.send("PUT", "/modelsource", cases.get("model").toString());
    assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in = ResourceMdExamplesIT.class.getResourceAsStream("/resource-md-cases.json")) {
      JsonNode all = XregServer.JSON.readTree(in);
      List<Arguments> out = new ArrayList<>();
      all.get("cases").forEach(c -> out.add(Arguments.of(c.get("id").asText(), c.get("title").asText())));
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  void example(String id, String title) throws Exception {
    JsonNode c = caseById(id);
    String group = "/dirs/" + id;
    for (JsonNode step : setupSteps(c)) {
      HttpResponse<String> r = send(step, group);
      assertThat(r.statusCode()).as("setup of %s: %s", id, r.body()).isBetween(200, 201);
    }
    String resource = group + RESOURCE.substring("/dirs/d1".length());
    JsonNode before = state(resource);
    Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    HttpResponse<String> response = send(c.get("request"), group);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.get("status").asInt());
    if (c.has("error")) {
      JsonNode problem = XregServer.JSON.readTree(response.body());
      assertThat(problem.get("type").asText()).endsWith("#" + c.get("error").asText());
      // CORE-GEN-001: a failed request leaves the Resource exactly as it was.
      assertThat(state(resource)).isEqualTo(before);
      return;
    }
    JsonNode actual = state(resource);
    JsonNode expect = c.get("expect");
    Set<String> nows = new HashSet<>();
    compare("Resource", expect.get("resource"), actual, VERSION_KEYS, sent, nows);
    compare("meta", expect.get("meta"), actual.get("meta"),
        List.of("epoch", "createdat", "modifiedat", "defaultversionid", "defaultversionsticky"), sent, nows);
    assertThat(actual.path("meta").path("readonly").asBoolean(true)).as("meta.readonly").isFalse();

    JsonNode versions = actual.get("versions");
    assertThat(fieldNames(versions)).as("versions").containsExactlyInAnyOrderElementsOf(fieldNames(expect.get("versions")));
    for (Iterator<Map.Entry<String, JsonNode>> it = expect.get("versions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode want = e.getValue().isTextual() ? expect.get("resource") : withIsDefault(e.getValue(), false);
      compare("version " + e.getKey(), want, versions.get(e.getKey()), VERSION_KEYS, sent, nows);
    }
    assertThat(nows).as("every \"now\" of one request is the same instant (CORE-COM-010)").hasSizeLessThanOrEqualTo(1);
  }

  /**
   * The Resource with its meta and versions as separate reads, so that these cases do not
   * depend on {@code ?inline}.
   */
  private static JsonNode state(String resource) throws Exception {
    ObjectNode r = (ObjectNode) server.json(resource);
    r.set("meta", server.json(resource + "/meta"));
    r.set("versions", server.json(resource + "/versions"));
    return r;
  }

  private static void compare(String what, JsonNode want, JsonNode got, List<String> keys, Instant sent,
      Set<String> nows) {
    assertThat(got).as(what + " is present").isNotNull();
    for (String k : keys) {
      JsonNode w = want.get(k);
      if (w == null) {
        if (ABSENT_UNLESS_SHOWN.contains(k)) {
          assertThat(got.get(k)).as("%s.%s is absent in %s", what, k, got).isNull();
        }
        continue;
      }
      JsonNode g = got.get(k);
      assertThat(g).as("%s.%s in %s", what, k, got).isNotNull();
      if ("now".equals(w.asText()) && w.isTextual()) {
        assertThat(Instant.parse(g.asText())).as("%s.%s is 'now' in %s", what, k, got).isAfterOrEqualTo(sent);
        nows.add(g.asText());
      } else if (isYear(w)) {
        assertThat(g.asText()).as("%s.%s in %s", what, k, got).isEqualTo(year(w.asText()));
      } else {
        assertThat(g).as("%s.%s in %s", what, k, got).isEqualTo(w);
      }
    }
  }

  private static JsonNode withIsDefault(JsonNode version, boolean isDefault) {
    ObjectNode copy = version.deepCopy();
    copy.put("isdefault", isDefault);
    return copy;
  }

  private static List<JsonNode> setupSteps(JsonNode c) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode step : c.path("setup")) {
      if (step.has("ref")) {
        cases.get("shared").get(step.get("ref").asText()).forEach(out::add);
      } else {
        out.add(step);
      }
    }
    return out;
  }

  private static HttpResponse<String> send(JsonNode step, String group) throws Exception {
    String path = step.get("path").asText().replace("/dirs/d1", group);
    return server.send(step.get("method").asText(), path, expandYears(step.get("body").deepCopy()).toString());
  }

  /** Replaces year shorthands in createdat/modifiedat, at any depth, by full timestamps. */
  private static JsonNode expandYears(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = fieldNames(o);
      for (String n : names) {
        JsonNode v = o.get(n);
        if (("createdat".equals(n) || "modifiedat".equals(n)) && isYear(v)) {
          o.put(n, year(v.asText()));
        } else {
          expandYears(v);
        }
      }
    }
    return node;
  }

  private static boolean isYear(JsonNode v) {
    return v.isTextual() && v.asText().matches("\\d{4}");
  }

  private static String year(String y) {
    return y + "-01-01T00:00:00Z";
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode caseById(String id) {
    for (JsonNode c : cases.get("cases")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(id);
  }
}
