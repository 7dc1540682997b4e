package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read-only Resources (spec.md "readonly Attribute", "Ignore Flag"; docs/spec-decisions.md D4):
 * only a request with the configured {@code Xreg-Admin-Token} sets {@code meta.readonly} or
 * writes such a Resource; everyone else gets {@code readonly}, and {@code ?ignore=readonly}
 * drops read-only Resources from collection maps (CORE-IGN-003).
 */
class ReadonlyResourcesIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","resources":{"files":{"singular":"file","hasdocument":false}}}}}""";
  private static final String TOKEN = "s3cret-admin";
  private static final Map<String, String> ADMIN = Map.of("Content-Type", "application/json",
      "Xreg-Admin-Token", TOKEN);
  private static final String READONLY_TITLE = "Updating a read-only entity (%s) is not allowed.";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_ADMIN_TOKEN", TOKEN).withModel(MODEL);
  private String g;
  private String ro;
  private String rw;

  /** A Group with a read-only Resource {@code ro} (two Versions) and a normal one {@code rw}. */
  @BeforeEach
  void groupWithReadonlyResource() throws Exception {
    g = server.uniquePath("/dirs/d");
    ro = g + "/files/ro";
    rw = g + "/files/rw";
    server.ok("PUT", ro, "{\"versionid\":\"1\",\"name\":\"one\"}");
    server.ok("POST", ro + "/versions", "{\"2\":{\"name\":\"two\"}}");
    server.ok("PUT", rw, "{\"name\":\"rw\"}");
    HttpResponse<String> set = server.send("PATCH", ro + "/meta", "{\"readonly\":true}", ADMIN);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
  }

  private Snapshot snapshot() throws Exception {
    return Snapshot.of(server, "/", g, ro + "?inline=*", ro + "/meta", rw + "?inline=*", g + "/files");
  }

  @Test
  void onlyAnAdminSetsReadonly_CORE_META_011() throws Exception {
    assertThat(server.json(ro + "/meta").path("readonly").asBoolean()).isTrue();
    // a normal client's readonly is silently ignored, like every read-only attribute (CORE-ATTR-006)
    JsonNode patched = server.ok("PATCH", rw + "/meta", "{\"readonly\":true}");
    assertThat(patched.path("readonly").asBoolean()).isFalse();
    assertThat(server.json(rw + "/meta").path("readonly").asBoolean()).isFalse();
    // an admin PUT of meta without readonly resets it to the default false (replacement)
    HttpResponse<String> put = server.send("PUT", ro + "/meta", "{}", ADMIN);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(server.json(ro + "/meta").path("readonly").asBoolean()).isFalse();
    // and the Resource is writable again for everybody
    assertThat(server.ok("PATCH", ro, "{\"description\":\"now writable\"}").path("description").asText())
        .isEqualTo("now writable");
  }

  @Test
  void adminReadonlyMustBeABoolean() throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> r = server.send("PATCH", ro + "/meta", "{\"readonly\":\"yes\"}", ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).endsWith("#invalid_attribute");
    before.assertUnchanged();
  }

  @Test
  void everyNonAdminWriteOfAReadonlyResourceIsRefused_readonly() throws Exception {
    Snapshot before = snapshot();
    List<String[]> writes = List.of(
        new String[] {"PUT", ro, "{\"name\":\"x\"}"},
        new String[] {"PATCH", ro, "{\"name\":\"x\"}"},
        new String[] {"POST", ro, "{\"name\":\"new version\"}"},
        new String[] {"PUT", ro + "/meta", "{}"},
        new String[] {"PATCH", ro + "/meta", "{\"readonly\":false}"},
        new String[] {"POST", ro + "/versions", "{\"3\":{}}"},
        new String[] {"PATCH", ro + "/versions", "{\"1\":{\"name\":\"x\"}}"},
        new String[] {"PUT", ro + "/versions/1", "{\"name\":\"x\"}"},
        new String[] {"PATCH", ro + "/versions/1", "{\"name\":\"x\"}"},
        new String[] {"DELETE", ro + "/versions/1", null},
        new String[] {"DELETE", ro + "/versions", null},
        new String[] {"DELETE", ro, null},
        // inside collection maps without ?ignore=readonly: the whole request fails, rw included
        new String[] {"PATCH", g + "/files", "{\"rw\":{\"name\":\"changed\"},\"ro\":{\"name\":\"x\"}}"},
        new String[] {"PUT", g, "{\"files\":{\"rw\":{\"name\":\"changed\"},\"ro\":{\"name\":\"x\"}}}"},
        new String[] {"DELETE", g + "/files", "{\"rw\":{},\"ro\":{}}"},
        new String[] {"DELETE", g + "/files", null});
    for (String[] w : writes) {
      HttpResponse<String> r = w[2] == null ? server.send(w[0], w[1], null, Map.of()) : server.send(w[0], w[1], w[2]);
      JsonNode p = assertProblem(r, 400, "readonly", READONLY_TITLE.formatted(ro), ro);
      assertThat(p.path("detail").asText()).as(w[0] + " " + w[1]).contains("meta.readonly");
      before.assertUnchanged();
    }
  }

  @Test
  void deletingAGroupWithAReadonlyResourceNeedsAnAdmin() throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> one = server.send("DELETE", g, null, Map.of());
    JsonNode p = assertProblem(one, 400, "readonly", READONLY_TITLE.formatted(ro), ro);
    assertThat(p.path("detail").asText()).contains(g);
    before.assertUnchanged();
    String id = g.substring("/dirs/".length());
    assertProblem(server.send("DELETE", "/dirs", "{\"" + id + "\":{}}"), 400, "readonly",
        READONLY_TITLE.formatted(ro), ro);
    before.assertUnchanged();
    // ?ignore=readonly cannot take a Resource out of its Group's delete
    assertProblem(server.send("DELETE", g + "?ignore=readonly", null, Map.of()), 400, "readonly",
        READONLY_TITLE.formatted(ro), ro);
    before.assertUnchanged();

    assertThat(server.send("DELETE", g, null, Map.of("Xreg-Admin-Token", TOKEN)).statusCode()).isEqualTo(204);
    assertThat(server.get(ro).statusCode()).isEqualTo(404);
  }

  @Test
  void anAdminWritesAndDeletesAReadonlyResource() throws Exception {
    HttpResponse<String> patched = server.send("PATCH", ro, "{\"description\":\"by admin\"}", ADMIN);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode now = server.json(ro + "?inline=meta");
    assertThat(now.path("description").asText()).isEqualTo("by admin");
    assertThat(now.path("meta").path("readonly").asBoolean()).as("an unrelated write keeps readonly").isTrue();
    HttpResponse<String> version = server.send("POST", ro + "/versions", "{\"3\":{}}", ADMIN);
    assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
    assertThat(server.send("DELETE", ro, null, Map.of("Xreg-Admin-Token", TOKEN)).statusCode()).isEqualTo(204);
    assertThat(server.get(ro).statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongAdminTokenIsForbiddenNotIgnored() throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> r = server.send("PATCH", ro, "{\"name\":\"x\"}",
        Map.of("Content-Type", "application/json", "Xreg-Admin-Token", "s3cret-admln"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).isEqualTo("urn:xreg:error:forbidden");
    assertThat(p.path("detail").asText()).contains("Xreg-Admin-Token");
    // a wrong token is refused on a normal Resource too: a typo never silently downgrades to non-admin
    assertThat(server.send("PATCH", rw, "{\"name\":\"x\"}",
        Map.of("Content-Type", "application/json", "Xreg-Admin-Token", "wrong")).statusCode()).isEqualTo(403);
    before.assertUnchanged();
  }

  @Test
  void ignoreReadonlyDropsReadonlyResourcesFromCollectionMaps_CORE_IGN_003() throws Exception {
    JsonNode roBefore = server.json(ro + "?inline=*");
    JsonNode answer = server.ok("PATCH", g + "/files?ignore=readonly",
        "{\"rw\":{\"name\":\"changed\"},\"ro\":{\"name\":\"x\"}}");
    assertThat(answer.has("ro")).as("left out of the request, so out of the answer").isFalse();
    assertThat(answer.path("rw").path("name").asText()).isEqualTo("changed");
    server.ok("PUT", g + "?ignore=readonly", "{\"files\":{\"rw\":{\"name\":\"again\"},\"ro\":{\"name\":\"y\"}}}");
    assertThat(server.json(rw).path("name").asText()).isEqualTo("again");
    // a map holding only read-only Resources is still a valid (empty) request
    assertThat(server.ok("POST", g + "/files?ignore=readonly", "{\"ro\":{\"name\":\"z\"}}").size()).isZero();
    assertThat(server.json(ro + "?inline=*")).isEqualTo(roBefore);

    // bulk delete: the read-only one stays, the others go
    server.ok("PUT", g + "/files/other", "{}");
    HttpResponse<String> listed = server.send("DELETE", g + "/files?ignore=readonly", "{\"rw\":{},\"ro\":{}}");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(204);
    assertThat(server.get(rw).statusCode()).isEqualTo(404);
    HttpResponse<String> all = server.send("DELETE", g + "/files?ignore=readonly", null, Map.of());
    assertThat(all.statusCode()).as(all.body()).isEqualTo(204);
    assertThat(server.get(g + "/files/other").statusCode()).isEqualTo(404);
    assertThat(server.json(ro + "?inline=*")).isEqualTo(roBefore);
  }

  @Test
  void ignoreReadonlyOnASingleReadonlyResourceIsBadFlag_CORE_IGN_003() throws Exception {
    Snapshot before = snapshot();
    for (String[] w : List.of(new String[] {"PATCH", ro, "{\"name\":\"x\"}"},
        new String[] {"PUT", ro + "/versions/1", "{}"}, new String[] {"DELETE", ro, null})) {
      HttpResponse<String> r = w[2] == null ? server.send(w[0], w[1] + "?ignore=readonly", null, Map.of())
          : server.send(w[0], w[1] + "?ignore=readonly", w[2]);
      assertProblem(r, 400, "bad_flag", "The specified flag (ignore) is not allowed in this context: " + ro + ".", ro);
      before.assertUnchanged();
    }
    // on a normal Resource the flag has nothing to do
    assertThat(server.ok("PATCH", rw + "?ignore=readonly", "{\"name\":\"fine\"}").path("name").asText())
        .isEqualTo("fine");
  }

  @Test
  void readonlyIsAnOfferedIgnoreValue_CORE_CAP_006() throws Exception {
    assertThat(server.json("/capabilities").path("ignores").toString()).contains("\"readonly\"");
    assertThat(server.json("/capabilitiesoffered").path("ignores").path("enum").toString()).contains("\"readonly\"");
  }
}
