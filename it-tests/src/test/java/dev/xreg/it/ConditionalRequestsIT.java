package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP conditional requests (beyond xRegistry rc4): strong ETags on single entities,
 * If-None-Match gives 304 on GET, If-Match / If-None-Match on writes give 412 problem+json
 * when they do not hold, and nothing is written then. The spec's own epoch check still works.
 */
class ConditionalRequestsIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @Test
  void everySingleEntityGetHasAStableStrongEtagThatWritesChange() throws Exception {
    put("/dirs/e/files/f$details", "{\"name\":\"one\"}", Map.of());
    for (String path : List.of("/", "/dirs/e", "/dirs/e/files/f$details", "/dirs/e/files/f", "/dirs/e/files/f/meta",
        "/dirs/e/files/f/versions/1$details")) {
      String tag = etag(server.get(path));
      assertThat(tag).as(path).matches("\"[A-Za-z0-9_-]+\"");
      assertThat(etag(server.get(path))).as(path).isEqualTo(tag);
    }
    String before = etag(server.get("/dirs/e/files/f$details"));
    HttpResponse<String> w = put("/dirs/e/files/f$details", "{\"name\":\"two\"}", Map.of());
    assertThat(etag(w)).isNotEqualTo(before).isEqualTo(etag(server.get("/dirs/e/files/f$details")));
    // a new non-default Version changes the Resource's versionscount, hence its tag
    String resourceTag = etag(server.get("/dirs/e/files/f$details"));
    server.send("PATCH", "/dirs/e/files/f/meta", "{\"defaultversionsticky\":true}");
    put("/dirs/e/files/f/versions/9$details", "{}", Map.of());
    assertThat(etag(server.get("/dirs/e/files/f$details"))).isNotEqualTo(resourceTag);
  }

  @Test
  void ifNoneMatchOnGetGives304WithoutBody() throws Exception {
    put("/dirs/n", "{}", Map.of());
    String tag = etag(server.get("/dirs/n"));
    HttpResponse<String> r = server.send("GET", "/dirs/n", null, Map.of("If-None-Match", tag));
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(etag(r)).isEqualTo(tag);
    assertThat(server.send("GET", "/dirs/n", null, Map.of("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/dirs/n", null, Map.of("If-None-Match", "*")).statusCode()).isEqualTo(304);
    // If-Match on a GET is a precondition too
    assertProblem(server.send("GET", "/dirs/n", null, Map.of("If-Match", "\"other\"")), 412);
  }

  /** An inlined child can change while the entity's own tag stays: such responses carry no tag and never 304. */
  @Test
  void aResponseThatInlinesChildrenHasNoTagAndIsNeverNotModified() throws Exception {
    put("/dirs/i/files/f$details", "{\"name\":\"one\"}", Map.of());
    String groupTag = etag(server.get("/dirs/i"));
    HttpResponse<String> inlined = server.send("GET", "/dirs/i?inline=files", null, Map.of("If-None-Match", groupTag));
    assertThat(inlined.statusCode()).isEqualTo(200);
    assertThat(inlined.headers().firstValue("ETag")).isEmpty();
    put("/dirs/i/files/f/versions/2$details", "{\"name\":\"two\"}", Map.of());
    assertThat(etag(server.get("/dirs/i"))).as("a deeper write leaves the Group's own tag").isEqualTo(groupTag);
    assertThat(server.send("GET", "/dirs/i?inline=files.versions", null, Map.of("If-None-Match", groupTag)).body())
        .as("so the inlined view is served fresh").contains("\"two\"");
  }

  @Test
  void staleIfMatchFailsEveryWriteMethodAndChangesNothing() throws Exception {
    put("/dirs/m/files/f$details", "{\"name\":\"orig\"}", Map.of());
    String stale = etag(server.get("/dirs/m/files/f$details"));
    put("/dirs/m/files/f$details", "{\"name\":\"changed\"}", Map.of("If-Match", stale));
    JsonNode now = server.json("/dirs/m/files/f$details");
    Map<String, String> h = Map.of("Content-Type", "application/json", "If-Match", stale);
    assertProblem(server.send("PUT", "/dirs/m/files/f$details", "{\"name\":\"lost\"}", h), 412);
    assertProblem(server.send("PATCH", "/dirs/m/files/f$details", "{\"name\":\"lost\"}", h), 412);
    assertProblem(server.send("POST", "/dirs/m/files/f$details", "{\"versionid\":\"x\"}", h), 412);
    assertProblem(server.send("DELETE", "/dirs/m/files/f", null, Map.of("If-Match", stale)), 412);
    assertThat(server.json("/dirs/m/files/f$details")).isEqualTo(now);
    assertThat(server.json("/dirs/m/files/f$details").path("versionscount").asLong()).isEqualTo(1);

    String current = etag(server.get("/dirs/m/files/f$details"));
    assertThat(server.send("DELETE", "/dirs/m/files/f", null, Map.of("If-Match", current)).statusCode())
        .isEqualTo(204);
    assertThat(server.get("/dirs/m/files/f$details").statusCode()).isEqualTo(404);
    // If-Match: * needs the entity to exist
    assertProblem(server.send("PUT", "/dirs/m/files/f$details", "{}", Map.of("Content-Type", "application/json",
        "If-Match", "*")), 412);
    assertThat(server.get("/dirs/m/files/f$details").statusCode()).isEqualTo(404);
  }

  @Test
  void groupsVersionsAndMetaAreConditionalToo() throws Exception {
    put("/dirs/k/files/f$details", "{}", Map.of());
    for (String path : List.of("/dirs/k", "/dirs/k/files/f/meta", "/dirs/k/files/f/versions/1$details")) {
      String tag = etag(server.get(path));
      String body = path.endsWith("/meta") ? "{\"defaultversionsticky\":false}" : "{\"labels\":{\"a\":\"b\"}}";
      HttpResponse<String> ok = server.send("PATCH", path, body, Map.of("Content-Type", "application/json",
          "If-Match", tag));
      assertThat(ok.statusCode()).as(path).isEqualTo(200);
      assertThat(etag(ok)).isEqualTo(etag(server.get(path)));
      assertProblem(server.send("PATCH", path, body, Map.of("Content-Type", "application/json", "If-Match", tag)), 412);
    }
  }

  @Test
  void ifNoneMatchStarMakesPutCreateOnly() throws Exception {
    Map<String, String> createOnly = Map.of("Content-Type", "application/json", "If-None-Match", "*");
    assertThat(server.send("PUT", "/dirs/c/files/new$details", "{\"name\":\"first\"}", createOnly).statusCode())
        .isEqualTo(201);
    assertProblem(server.send("PUT", "/dirs/c/files/new$details", "{\"name\":\"second\"}", createOnly), 412);
    assertThat(server.json("/dirs/c/files/new$details").path("name").asText()).isEqualTo("first");
    assertThat(server.send("PUT", "/dirs/c2", "{}", createOnly).statusCode()).isEqualTo(201);
    assertProblem(server.send("PUT", "/dirs/c2", "{}", createOnly), 412);
  }

  @Test
  void recreatedEntityHasANewTag() throws Exception {
    put("/dirs/r", "{}", Map.of());
    String first = etag(server.get("/dirs/r"));
    assertThat(server.send("DELETE", "/dirs/r", null).statusCode()).isEqualTo(204);
    put("/dirs/r", "{}", Map.of());
    assertThat(server.json("/dirs/r").path("epoch").asLong()).isEqualTo(1);
    assertProblem(server.send("PUT", "/dirs/r", "{}", Map.of("Content-Type", "application/json", "If-Match", first)),
        412);
  }

  @Test
  void theSpecsEpochCheckStillApplies() throws Exception {
    put("/dirs/x", "{}", Map.of());
    HttpResponse<String> r = server.send("PUT", "/dirs/x", "{\"epoch\":99}",
        Map.of("Content-Type", "application/json", "If-Match", etag(server.get("/dirs/x"))));
    assertProblem(r, 400);
    assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).endsWith("#mismatched_epoch");
  }

  private static HttpResponse<String> put(String path, String body, Map<String, String> extra) throws Exception {
    Map<String, String> h = new java.util.HashMap<>(extra);
    h.put("Content-Type", "application/json");
    HttpResponse<String> r = server.send("PUT", path, body, h);
    assertThat(r.statusCode()).as("PUT " + path + ": " + r.body()).isIn(200, 201);
    return r;
  }

  private static String etag(HttpResponse<String> r) {
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + r.uri()));
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode p = XregServer.JSON.readTree(r.body());
    if (status == 412) {
      // not in the xRegistry catalogue: xreg's own error URN (ErrorType.Source.XREG)
      assertThat(p.path("type").asText()).isEqualTo("urn:xreg:error:precondition_failed");
    }
  }
}
