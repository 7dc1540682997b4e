package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist 3.18: every error type the entity write paths can raise, with its status,
 * {@code type}, exact {@code title}, {@code subject}, and proof that nothing changed
 * (CORE-GEN-001). Each test works in its own Group.
 */
class ErrorCatalogueIT {
  static final String MODEL = """
      {"groups":{
        "dirs":{"singular":"dir","resources":{
          "files":{"singular":"file"},
          "singles":{"singular":"single","maxversions":1},
          "autos":{"singular":"auto","setversionid":false}}},
        "teams":{"singular":"team",
          "attributes":{"owner":{"name":"owner","type":"string","required":true}},
          "resources":{"docs":{"singular":"doc","hasdocument":false}}}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private String g;
  private Snapshot before;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/dirs/e");
  }

  /** A Group with files/f1 (Versions v1 <- v2, v2 the default) and singles/s1, then a snapshot. */
  private void seed(String... alsoWatch) throws Exception {
    ok(server.send("PUT", g + "/files/f1$details", "{\"versions\":{\"v1\":{},\"v2\":{}}}"));
    ok(server.send("PUT", g + "/singles/s1$details", "{}"));
    String[] base = {"/", "/dirs", g, g + "/files", g + "/files/f1$details", g + "/files/f1/meta",
        g + "/files/f1/versions", g + "/singles/s1/meta"};
    String[] all = java.util.Arrays.copyOf(base, base.length + alsoWatch.length);
    System.arraycopy(alsoWatch, 0, all, base.length, alsoWatch.length);
    before = Snapshot.of(server, all);
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }

  private HttpResponse<String> json(String method, String path, String body) throws Exception {
    return server.send(method, path, body);
  }

  @Test
  void malformedId() throws Exception {
    seed(g + "/files/-x");
    assertProblem(json("PUT", g + "/files/-x$details", "{}"), 400, "malformed_id",
        "For \"" + g + "/files/-x$details\", the specified ID value (-x) is malformed: an ID must start with a letter, digit or '_'.",
        g + "/files/-x$details");
    assertProblem(json("PUT", g, "{\"files\":{\"" + "a".repeat(129) + "\":{}}}"), 400, "malformed_id",
        "For \"" + g + "/files\", the specified ID value (" + "a".repeat(129)
            + ") is malformed: an ID must be at most 128 characters long, this one has 129.", g + "/files");
    before.assertUnchanged();
  }

  @Test
  void mismatchedId() throws Exception {
    seed();
    assertProblem(json("PUT", g, "{\"dirid\":\"other\"}"), 400, "mismatched_id",
        "The specified \"dirid\" value (other) for \"" + g + "\" needs to be \"" + g.substring(6) + "\".", g);
    // CORE-ID-007: a Resource-level versionid must be the current default Version.
    assertProblem(json("PATCH", g + "/files/f1$details", "{\"versionid\":\"v1\"}"), 400, "mismatched_id",
        "The specified \"versionid\" value (v1) for \"" + g + "/files/f1\" needs to be \"v2\".", g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void mismatchedEpoch() throws Exception {
    seed();
    assertProblem(json("PATCH", g, "{\"epoch\":99}"), 400, "mismatched_epoch",
        "The specified epoch value (99) for \"" + g + "\" does not match its current value (2).", g);
    assertProblem(server.send("DELETE", g + "/files/f1?epoch=7", null, Map.of()), 400, "mismatched_epoch",
        "The specified epoch value (7) for \"" + g + "/files/f1\" does not match its current value (1).",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void misplacedEpoch() throws Exception {
    seed();
    assertProblem(json("DELETE", g + "/files", "{\"f1\":{\"epoch\":1}}"), 400, "misplaced_epoch",
        "The specified \"epoch\" value for \"" + g + "/files/f1\" needs to be within a \"meta\" entity.",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void unknownAttribute() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/files/f1/meta", "{\"bogus\":true}"), 400, "unknown_attribute",
        "An unknown attribute (bogus) was specified for \"" + g + "/files/f1/meta\".", g + "/files/f1/meta");
    before.assertUnchanged();
  }

  @Test
  void invalidAttribute() throws Exception {
    seed();
    assertProblem(json("PATCH", g, "{\"labels\":{\"env\":5}}"), 400, "invalid_attribute",
        "The attribute \"labels\" for \"" + g + "\" is not valid: the value of label \"env\" must be a string.", g);
    before.assertUnchanged();
  }

  @Test
  void oneResource() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/files/f1/versions/v1$details", "{\"file\":{},\"filebase64\":\"\"}"), 400,
        "one_resource", "Only one attribute from \"fileurl,file,filebase64\" can be present at a time for: " + g
            + "/files/f1/versions/v1.", g + "/files/f1/versions/v1");
    before.assertUnchanged();
  }

  @Test
  void detailsRequired() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/files/f1", "{}"), 405, "details_required",
        "$details suffix is needed when using PATCH for the entity: " + g + "/files/f1.", g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void missingBody() throws Exception {
    seed();
    assertProblem(server.send("PUT", g, null, Map.of()), 400, "missing_body",
        "For \"" + g + "\", the request is missing an HTTP body - try '{}'.", g);
    before.assertUnchanged();
  }

  @Test
  void parsingData() throws Exception {
    seed();
    HttpResponse<String> r = json("PUT", g + "/files/f1$details", "{\"name\":");
    // The title carries the parser's message; only its fixed part is pinned here.
    JsonNode p = assertProblem(r, 400, "parsing_data", titleOf(r), g + "/files/f1");
    assertThat(p.path("title").asText()).startsWith("There was an error parsing the data: ").hasSizeGreaterThan(40);
    before.assertUnchanged();
  }

  private static String titleOf(HttpResponse<String> r) throws Exception {
    return XregServer.JSON.readTree(r.body()).path("title").asText();
  }

  @Test
  void unknownIdForAncestorAndDefaultVersion() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/files/f1/versions/v2$details", "{\"ancestorid\":\"zz\"}"), 400, "unknown_id",
        "While processing \"" + g + "/files/f1/versions/v2\", the \"version\" with a \"versionid\" value of \"zz\" cannot be found.",
        g + "/files/f1/versions/v2");
    assertProblem(json("PATCH", g + "/files/f1/meta", "{\"defaultversionid\":\"zz\"}"), 400, "unknown_id",
        "While processing \"" + g + "/files/f1\", the \"version\" with a \"versionid\" value of \"zz\" cannot be found.",
        g + "/files/f1");
    assertProblem(json("PUT", g + "/files/f1/versions/v1$details?setdefaultversionid=zz", "{}"), 400, "unknown_id",
        "While processing \"" + g + "/files/f1\", the \"version\" with a \"versionid\" value of \"zz\" cannot be found.",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void versionidNotAllowed() throws Exception {
    seed(g + "/autos/a1/meta");
    assertProblem(json("PUT", g + "/autos/a1/versions/v9$details", "{}"), 400, "versionid_not_allowed",
        "While creating a new Version for \"" + g + "/autos/a1\", a \"versionid\" was specified but the \"setversionid\" model aspect for entities of type \"autos\" is \"false\".",
        g + "/autos/a1");
    before.assertUnchanged();
  }

  @Test
  void setDefaultVersionStickyFalse() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/singles/s1/meta", "{\"defaultversionsticky\":true}"), 400,
        "setdefaultversionsticky_false",
        "For \"" + g + "/singles/s1\", setting \"defaultversionsticky\" to \"true\" is not allowed since \"maxversions\" is \"1\".",
        g + "/singles/s1");
    before.assertUnchanged();
  }

  @Test
  void ancestorCircularReference() throws Exception {
    seed();
    assertProblem(json("PATCH", g + "/files/f1/versions", "{\"v1\":{\"ancestorid\":\"v2\"}}"), 400,
        "ancestor_circular_reference",
        "For \"" + g + "/files/f1\", the request would create a circular list of ancestors: v1,v2.", g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void extraXregistryHeader() throws Exception {
    seed();
    assertProblem(server.send("PATCH", g, "{}", Map.of("Content-Type", "application/json", "xRegistry-name", "x")),
        400, "extra_xregistry_header",
        "For \"" + g + "\", xRegistry HTTP header \"xRegistry-name\" is not allowed on this request: xRegistry-* headers are only allowed when the body is a document, not with JSON metadata.",
        g);
    // CORE-DOC-008: the document itself never travels in a header.
    assertProblem(server.send("PUT", g + "/files/f1", "x", Map.of("xRegistry-file", "x")), 400,
        "extra_xregistry_header",
        "For \"" + g + "/files/f1\", xRegistry HTTP header \"xRegistry-file\" is not allowed on this request: the document travels in the body, never in a header.",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void headerError() throws Exception {
    seed();
    assertProblem(server.send("PUT", g + "/files/f1", "doc", Map.of("xRegistry-name", "%C0%A0")), 400, "header_error",
        "For \"" + g + "/files/f1\", there was an error processing HTTP header \"xRegistry-name\": the decoded value is not valid UTF-8.",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void actionNotSupported() throws Exception {
    seed();
    HttpResponse<String> r = server.send("DELETE", g + "/files/f1/meta", null, Map.of());
    assertProblem(r, 405, "action_not_supported",
        "The specified action (DELETE) is not supported for: " + g + "/files/f1/meta.", g + "/files/f1/meta");
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT, PATCH, OPTIONS"); // CORE-META-003, CORE-ERR-004
    assertProblem(json("PUT", "/dirs", "{}"), 405, "action_not_supported",
        "The specified action (PUT) is not supported for: /dirs.", "/dirs"); // CORE-GRP-006, CORE-HTTP-005
    before.assertUnchanged();
  }

  @Test
  void notFound() throws Exception {
    seed();
    assertProblem(server.get(g + "/files/F1$details"), 404, "not_found", // CORE-ID-003: look-up is case-sensitive
        "The targeted entity (" + g + "/files/F1) cannot be found.", g + "/files/F1");
    assertProblem(server.send("DELETE", g + "/files/nope", null, Map.of()), 404, "not_found", // CORE-DEL-001
        "The targeted entity (" + g + "/files/nope) cannot be found.", g + "/files/nope");
    assertProblem(server.send("DELETE", g + "/files/f1/versions/nope", null, Map.of()), 404, "not_found",
        "The targeted entity (" + g + "/files/f1/versions/nope) cannot be found.", g + "/files/f1/versions/nope");
    before.assertUnchanged();
  }

  @Test
  void badDetails() throws Exception {
    seed();
    assertProblem(json("PUT", g + "$details", "{}"), 400, "bad_details",
        "Use of \"$details\" in this context is not allowed: " + g + "$details.", g + "$details");
    before.assertUnchanged();
  }

  @Test
  void defaultVersionIdRequest() throws Exception {
    seed();
    // POST to a Resource that only updates an existing Version: nothing for "request" to name.
    assertProblem(json("POST", g + "/files/f1$details?setdefaultversionid=request", "{\"versionid\":\"v1\"}"), 400,
        "defaultversionid_request",
        "Processing \"" + g + "/files/f1\", the \"defaultversionid\" attribute is not allowed to be \"request\" since a Version wasn't processed.",
        g + "/files/f1");
    before.assertUnchanged();
  }

  @Test
  void badFlag() throws Exception {
    seed();
    // CORE-SDV-003: not on writes that may touch several Resources; CORE-SDV-002: "request" only on POST to a Resource.
    assertProblem(json("PATCH", g + "?setdefaultversionid=v1", "{}"), 400, "bad_flag",
        "The specified flag (setdefaultversionid) is not allowed in this context: " + g + ".", g);
    assertProblem(json("POST", g + "/files?setdefaultversionid=v1", "{\"f1\":{}}"), 400, "bad_flag",
        "The specified flag (setdefaultversionid) is not allowed in this context: " + g + "/files.", g + "/files");
    assertProblem(json("PUT", g + "/files/f1/versions/v3$details?setdefaultversionid=request", "{}"), 400, "bad_flag",
        "The specified flag (setdefaultversionid) is not allowed in this context: " + g + "/files/f1/versions/v3$details.",
        g + "/files/f1/versions/v3$details");
    before.assertUnchanged();
  }

  @Test
  void badDefaultVersionId() throws Exception {
    seed();
    assertProblem(json("PUT", g + "/files/f1/versions/v3$details?setdefaultversionid=", "{}"), 400,
        "bad_defaultversionid",
        "For \"" + g + "/files/f1/versions/v3$details\", an error was found in the \"defaultversionid\" value specified (): \"\" is not a valid versionid.",
        g + "/files/f1/versions/v3$details");
    before.assertUnchanged();
  }

  @Test
  void requiredAttributeMissing() throws Exception {
    seed("/teams", "/teams/t1");
    // CORE-GEN-005: a parent whose type has REQUIRED attributes cannot be created implicitly.
    assertProblem(json("PUT", "/teams/t1/docs/d1", "{}"), 400, "required_attribute_missing",
        "One or more mandatory attributes for \"/teams/t1\" are missing: owner.", "/teams/t1");
    assertProblem(json("PUT", "/teams/t1", "{\"name\":\"no owner\"}"), 400, "required_attribute_missing",
        "One or more mandatory attributes for \"/teams/t1\" are missing: owner.", "/teams/t1");
    before.assertUnchanged();
  }

  @Test
  void missingVersions() throws Exception {
    seed(g + "/files/f9/meta");
    assertProblem(json("POST", g + "/files/f9/versions", "{}"), 400, "missing_versions",
        "For \"" + g + "/files/f9/versions\", at least one Version needs to be included in the request.",
        g + "/files/f9/versions");
    before.assertUnchanged();
  }

  @Test
  void apiNotFound() throws Exception {
    seed();
    // A8: an unknown Group or Resource type in a URL is 404 api_not_found.
    assertProblem(server.get("/nosuch"), 404, "api_not_found", "The specified API is not supported: /nosuch.",
        "/nosuch");
    assertProblem(json("PUT", g + "/nosuch/x", "{}"), 404, "api_not_found",
        "The specified API is not supported: " + g + "/nosuch/x.", g + "/nosuch/x");
    before.assertUnchanged();
  }

  @Test
  void badRequest() throws Exception {
    seed("/dirs/" + g.substring(6).toUpperCase());
    // CORE-COLL-006: a null entry in a nested collection.
    assertProblem(json("PATCH", g, "{\"files\":{\"f1\":null}}"), 400, "bad_request",
        "the entry \"f1\" must be an object (CORE-COLL-006).", g + "/files");
    // CORE-ID-002 / A19: an ID that differs from a sibling's only in case.
    String upper = "/dirs/" + g.substring(6).toUpperCase();
    assertProblem(json("PUT", upper, "{}"), 400, "bad_request",
        "the ID \"" + upper.substring(6) + "\" differs only in case from the existing \"" + g.substring(6)
            + "\"; IDs are unique ignoring case.", upper);
    // CORE-ID-006: "request" and "null" are reserved versionids.
    assertProblem(json("PUT", g + "/files/f1/versions/request$details", "{}"), 400, "malformed_id",
        "For \"" + g + "/files/f1\", the specified ID value (request) is malformed: \"request\" is reserved and cannot be a versionid.",
        g + "/files/f1");
    before.assertUnchanged();
  }
}
