package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: a rejected request is one problem+json document (CORE-ERR-001, CORE-ERR-002,
 * CORE-HTTP-010, CORE-HTTP-011) and leaves the registry exactly as it was (CORE-GEN-001):
 * every read in {@link #READS}, epochs and timestamps included, is byte-identical afterwards.
 */
class BadInputIT {
  private static final String CORE = "https://github.com/xregistry/spec/blob/main/core/spec.md#";
  private static final String HTTP = "https://github.com/xregistry/spec/blob/main/core/http.md#";
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final int MAX_BODY_BYTES = 4096;
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  /** Everything a client can read of the registry; entities that must stay absent included. */
  private static final List<String> READS = List.of("/", "/modelsource", "/model", "/capabilities", "/dirs",
      "/dirs/d1", "/dirs/d1/files", "/dirs/d1/files/f1$details?inline=meta,versions",
      "/dirs/d1/files/f1/versions", "/dirs/d1/files/f1/versions/v1", "/dirs/d1/files/f1/meta",
      "/dirs/d2", "/dirs/d3", "/dirs/d9", "/dirs/d1/files/f5$details", "/dirs/d1/files/f6$details");

  private static XregServer server;

  @BeforeAll
  static void registryWithContent() throws Exception {
    server = XregServer.fresh().env("XREG_MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES));
    server.start();
    assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
    assertThat(server.send("PUT", "/dirs/d1", "{\"name\":\"one\",\"labels\":{\"k\":\"v\"}}").statusCode())
        .isEqualTo(201);
    assertThat(server.send("PUT", "/dirs/d1/files/f1/versions/v1", "document one", Map.of("Content-Type",
        "text/plain")).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // ---- CORE-GEN-002: unparseable input is parsing_data ----

  @Test
  void coreGen002MalformedJsonIsParsingData() throws Exception {
    JsonNode p = rejected("PUT", "/dirs/d1", "{\"name\": ", 400, CORE + "parsing_data", "/dirs/d1");
    assertThat(p.path("title").asText())
        .isEqualTo("There was an error parsing the data: " + p.path("detail").asText() + ".");
  }

  @Test
  void coreGen002MalformedJsonInAResourceAndInTheModelIsParsingData() throws Exception {
    rejected("PUT", "/dirs/d1/files/f1$details", "{\"versions\":{\"v2\":{]}}", 400, CORE + "parsing_data",
        "/dirs/d1/files/f1");
    rejected("PUT", "/modelsource", "{\"groups\":", 400, CORE + "parsing_data", "/modelsource");
  }

  // ---- a body that is JSON but not an object ----

  @Test
  void bodyThatIsNotAnObjectIsBadRequest() throws Exception {
    for (String body : new String[] {"[{\"name\":\"x\"}]", "\"a string\"", "42", "null"}) {
      JsonNode p = rejected("PUT", "/dirs/d1", body, 400, CORE + "bad_request", "/dirs/d1");
      assertThat(p.path("detail").asText()).as(body).contains("JSON object");
      assertThat(p.path("title").asText()).isEqualTo(p.path("detail").asText() + ".");
    }
  }

  // ---- CORE-GEN-007: attributes the model does not define for this entity ----

  @Test
  void coreGen007ResourceBodySentToAGroupIsUnknownAttribute() throws Exception {
    JsonNode p = rejected("PUT", "/dirs/d1", "{\"versions\":{\"1\":{}},\"fileid\":\"f1\"}", 400,
        CORE + "unknown_attribute", "/dirs/d1");
    String name = p.path("args").path("name").asText();
    assertThat(name).isIn("versions", "fileid");
    assertThat(p.path("title").asText())
        .isEqualTo("An unknown attribute (" + name + ") was specified for \"/dirs/d1\".");
  }

  // ---- CORE-GEN-001: a failure late in a nested write undoes the earlier parts ----

  @Test
  void coreGen001NestedGroupFailureUndoesTheRegistryAndSiblingWrites() throws Exception {
    // d2 is valid and processed first; d3 fails. Neither d2 nor the registry description may remain.
    rejected("PUT", "/", "{\"description\":\"changed\",\"dirs\":{\"d2\":{},\"d3\":{\"nosuchattr\":1}}}", 400,
        CORE + "unknown_attribute", "/dirs/d3");
  }

  @Test
  void coreGen001NestedResourceFailureUndoesTheGroupAndSiblingWrites() throws Exception {
    rejected("PATCH", "/dirs/d1", "{\"name\":\"changed\",\"files\":{\"f5\":{},\"f6\":{\"nosuchattr\":1}}}", 400,
        CORE + "unknown_attribute", "/dirs/d1/files/f6/versions/1");
  }

  // ---- A8 / CORE-HTTP-001 / CORE-GRP-010: unknown Group type in the URL (documented choice: 404) ----

  @Test
  void unknownGroupTypeInTheUrlIsApiNotFound() throws Exception {
    JsonNode p = rejected("PUT", "/widgets/w1", "{}", 404, HTTP + "api_not_found", "/widgets/w1");
    assertThat(p.path("title").asText()).isEqualTo("The specified API is not supported: /widgets/w1.");
    rejected("GET", "/widgets", null, 404, HTTP + "api_not_found", "/widgets");
  }

  // ---- CORE-ID-001: IDs in the path and as map keys ----

  @Test
  void coreId001MalformedGroupIdInTheUrl() throws Exception {
    JsonNode p = rejected("PUT", "/dirs/-d", "{}", 400, CORE + "malformed_id", "/dirs/-d");
    assertThat(p.path("args").path("id").asText()).isEqualTo("-d");
    assertThat(p.path("title").asText()).isEqualTo("For \"/dirs/-d\", the specified ID value (-d) is malformed: "
        + p.path("detail").asText() + ".");
  }

  @Test
  void coreId001TooLongAndBadCharacterIdsInTheUrl() throws Exception {
    String tooLong = "a".repeat(129);
    JsonNode p = rejected("PUT", "/dirs/" + tooLong, "{}", 400, CORE + "malformed_id", null);
    assertThat(p.path("args").path("id").asText()).isEqualTo(tooLong);
    p = rejected("PUT", "/dirs/d1/files/bad%20id$details", "{}", 400, CORE + "malformed_id", null);
    assertThat(p.path("args").path("id").asText()).isEqualTo("bad id");
  }

  @Test
  void coreId001MalformedIdAsACollectionKey() throws Exception {
    JsonNode p = rejected("PATCH", "/dirs/d1", "{\"files\":{\"f5\":{},\"-f\":{}}}", 400, CORE + "malformed_id",
        "/dirs/d1/files");
    assertThat(p.path("args").path("id").asText()).isEqualTo("-f");
  }

  // ---- CORE-HTTP-006: metadata write without a body ----

  @Test
  void coreHttp006EmptyBodyIsMissingBody() throws Exception {
    JsonNode p = rejected("PUT", "/dirs/d1", null, 400, HTTP + "missing_body", "/dirs/d1");
    assertThat(p.path("title").asText()).isEqualTo("For \"/dirs/d1\", the request is missing an HTTP body - try '{}'.");
    rejected("PUT", "/dirs/d9", null, 400, HTTP + "missing_body", "/dirs/d9");
    rejected("PATCH", "/dirs/d1/files/f1/meta", null, 400, HTTP + "missing_body", "/dirs/d1/files/f1/meta");
  }

  // ---- body size limit (XREG_MAX_BODY_BYTES): not an xRegistry error, but a problem document too ----

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = "{\"description\":\"" + "x".repeat(2 * MAX_BODY_BYTES) + "\"}";
    JsonNode p = rejected("PUT", "/dirs/d1", big, 413, "urn:xreg:error:payload_too_large", "/dirs/d1");
    assertThat(p.path("detail").asText()).contains(Integer.toString(MAX_BODY_BYTES));

    // Without a Content-Length the limit applies while the body streams in.
    Map<String, String> before = readAll();
    HttpResponse<String> chunked = server.sendChunked("PUT", "/dirs/d9", big.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
    assertProblem(chunked, 413, "urn:xreg:error:payload_too_large", "/dirs/d9");
    assertThat(readAll()).isEqualTo(before);
  }

  // ---- CORE-META-003 / CORE-ERR-004: DELETE on meta ----

  @Test
  void coreMeta003DeleteOnMetaIs405WithAllow() throws Exception {
    Map<String, String> before = readAll();
    HttpResponse<String> resp = server.send("DELETE", "/dirs/d1/files/f1/meta", null, Map.of());
    JsonNode p = assertProblem(resp, 405, CORE + "action_not_supported", "/dirs/d1/files/f1/meta");
    assertThat(p.path("title").asText())
        .isEqualTo("The specified action (DELETE) is not supported for: /dirs/d1/files/f1/meta.");
    assertThat(p.path("args").path("action").asText()).isEqualTo("DELETE");
    assertThat(resp.headers().firstValue("Allow")).isPresent();
    assertThat(resp.headers().firstValue("Allow").orElseThrow().split(",\\s*"))
        .contains("GET", "PUT", "PATCH").doesNotContain("DELETE");
    assertThat(readAll()).isEqualTo(before);
  }

  // ---- CORE-DOC-007 / CORE-DOC-012: xRegistry-* headers ----

  @Test
  void xregistryHeaderWithAJsonBodyIsExtraXregistryHeader() throws Exception {
    rejected("PUT", "/dirs/d1/files/f1$details", "{}", Map.of("Content-Type", "application/json",
        "xRegistry-name", "n"), 400, HTTP + "extra_xregistry_header", null);
  }

  @Test
  void headerValueThatIsNotUtf8IsHeaderError() throws Exception {
    JsonNode p = rejected("PUT", "/dirs/d1/files/f1", "new document",
        Map.of("Content-Type", "text/plain", "xRegistry-description", "%C0%A0"), 400, HTTP + "header_error",
        "/dirs/d1/files/f1");
    assertThat(p.path("args").path("name").asText()).isEqualToIgnoringCase("xRegistry-description");
  }

  // ---- helpers ----

  private static JsonNode rejected(String method, String path, String body, int status, String type,
      String subject) throws Exception {
    Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");
    return rejected(method, path, body, headers, status, type, subject);
  }

  /**
   * Sends the request, asserts the problem document, and asserts that every read of the
   * registry is unchanged. A null {@code subject} means "any xid-like subject".
   */
  private static JsonNode rejected(String method, String path, String body, Map<String, String> headers,
      int status, String type, String subject) throws Exception {
    Map<String, String> before = readAll();
    HttpResponse<String> resp = server.send(method, path, body, headers);
    JsonNode problem = assertProblem(resp, status, type, subject);
    assertThat(readAll()).as("registry after rejected %s %s", method, path).isEqualTo(before);
    return problem;
  }

  private static JsonNode assertProblem(HttpResponse<String> resp, int status, String type, String subject)
      throws Exception {
    assertThat(resp.statusCode()).as(resp.body()).isEqualTo(status);
    assertThat(resp.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
    assertThat(resp.headers().firstValue("Link")).hasValue("<" + server.base() + "/>;rel=xregistry-root");
    JsonNode p = XregServer.JSON.readTree(resp.body());
    assertThat(p.path("type").asText()).isEqualTo(type);
    assertThat(p.path("title").asText()).isNotBlank().doesNotContain("<").doesNotContain(">");
    if (subject != null) {
      assertThat(p.path("subject").asText()).isEqualTo(subject);
    } else {
      assertThat(p.path("subject").asText()).startsWith("/");
    }
    if (p.has("detail")) {
      assertThat(p.path("detail").asText()).isNotBlank();
    }
    // CORE-ERR-002: args, when present, is a map of strings.
    if (p.has("args")) {
      assertThat(p.get("args").isObject()).isTrue();
      p.get("args").forEach(v -> assertThat(v.isTextual()).isTrue());
    }
    return p;
  }

  /** Status and body of every read in {@link #READS}, in order. */
  private static Map<String, String> readAll() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String path : READS) {
      HttpResponse<String> r = server.get(path);
      out.put(path, r.statusCode() + " " + r.body());
    }
    return out;
  }
}
