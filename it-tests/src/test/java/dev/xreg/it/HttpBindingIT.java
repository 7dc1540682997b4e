package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, details of the HTTP binding (core/http.md): URL headers of a document without
 * {@code $details}, {@code Allow} on every 405, {@code OPTIONS} on every path,
 * {@code POST /<GROUPS>/<GID>}, and canonical URLs for a path with a trailing slash.
 */
class HttpBindingIT {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{"
      + "\"files\":{\"singular\":\"file\"},"
      + "\"notes\":{\"singular\":\"note\",\"hasdocument\":false}}}}}";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @Test
  void aDocumentsUrlHeadersNameItWithoutDetails_CORE_COM_001_CORE_DOC_010() throws Exception {
    String g = server.uniquePath("/dirs/h");
    assertThat(server.send("PUT", g + "/files/f", "doc", Map.of("Content-Type", "text/plain")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> resource = server.get(g + "/files/f");
    assertThat(resource.headers().firstValue("xRegistry-self")).hasValue(server.base() + g + "/files/f");
    assertThat(resource.headers().firstValue("xRegistry-metaurl")).hasValue(server.base() + g + "/files/f/meta");
    HttpResponse<String> version = server.get(g + "/files/f/versions/1");
    assertThat(version.headers().firstValue("xRegistry-self")).hasValue(server.base() + g + "/files/f/versions/1");
    for (HttpResponse<String> r : List.of(resource, version)) {
      assertThat(r.headers().map().entrySet().stream().filter(e -> e.getKey().toLowerCase().startsWith("xregistry-"))
          .flatMap(e -> e.getValue().stream())).noneMatch(v -> v.contains("$details"));
    }
    // the body's self keeps the suffix (http.md "self Attribute")
    assertThat(server.json(g + "/files/f$details").path("self").asText()).endsWith("/files/f$details");
  }

  @Test
  void every405NamesThePathsMethodsInAllow_CORE_HTTP_001_CORE_ERR_004() throws Exception {
    String g = server.uniquePath("/dirs/a");
    server.send("PUT", g + "/files/f", "doc", Map.of("Content-Type", "text/plain"));
    assertAllow(server.send("DELETE", "/model", null, Map.of()), "GET, HEAD, OPTIONS");
    assertAllow(server.send("PUT", "/dirs", "{}"), "GET, HEAD, PATCH, POST, DELETE, OPTIONS");
    assertAllow(server.send("DELETE", g + "/files/f/meta", null, Map.of()), "GET, HEAD, PUT, PATCH, OPTIONS");
    assertAllow(server.send("DELETE", "/", null, Map.of()), "GET, HEAD, PUT, PATCH, POST, OPTIONS");
    // document-only: PATCH on a document Resource or Version without $details (details_required)
    HttpResponse<String> patch = server.send("PATCH", g + "/files/f", "{}");
    assertThat(XregServer.JSON.readTree(patch.body()).path("type").asText()).endsWith("#details_required");
    assertAllow(patch, "GET, HEAD, PUT, POST, DELETE, OPTIONS");
    assertAllow(server.send("PATCH", g + "/files/f/versions/1", "{}"), "GET, HEAD, PUT, DELETE, OPTIONS");
    // a method the binding does not define at all
    assertAllow(server.send("TRACE", g + "/files/f$details", null, Map.of()),
        "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS");
  }

  private static void assertAllow(HttpResponse<String> r, String allow) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue(allow);
    assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).matches(".*(spec|http)\\.md#.*");
  }

  @Test
  void optionsAnswersEveryPathWithTheSameMethodsInBothHeadersAndChangesNothing_CORE_HTTP_012()
      throws Exception {
    String g = server.uniquePath("/dirs/o");
    server.send("PUT", g + "/files/f", "doc", Map.of("Content-Type", "text/plain"));
    server.ok("PUT", g + "/notes/n", "{}");
    String before = server.get("/export").body();
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("/", "GET, HEAD, PUT, PATCH, POST, OPTIONS");
    expected.put("/model", "GET, HEAD, OPTIONS");
    expected.put("/modelsource", "GET, HEAD, PUT, OPTIONS");
    expected.put("/capabilities", "GET, HEAD, PUT, PATCH, OPTIONS");
    expected.put("/capabilitiesoffered", "GET, HEAD, OPTIONS");
    expected.put("/export", "GET, HEAD, OPTIONS");
    expected.put("/dirs", "GET, HEAD, PATCH, POST, DELETE, OPTIONS");
    expected.put(g, "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS");
    expected.put(g + "/files", "GET, HEAD, PATCH, POST, DELETE, OPTIONS");
    expected.put(g + "/files/f", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
    expected.put(g + "/files/f$details", "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS");
    expected.put(g + "/notes/n", "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS");
    expected.put(g + "/files/f/meta", "GET, HEAD, PUT, PATCH, OPTIONS");
    expected.put(g + "/files/f/versions", "GET, HEAD, PATCH, POST, DELETE, OPTIONS");
    expected.put(g + "/files/f/versions/1", "GET, HEAD, PUT, DELETE, OPTIONS");
    expected.put(g + "/files/f/versions/1$details", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    expected.put(g + "/files/missing", "GET, HEAD, PUT, POST, DELETE, OPTIONS"); // PUT may create it
    for (Map.Entry<String, String> e : expected.entrySet()) {
      HttpResponse<String> r = server.send("OPTIONS", e.getKey(), null, Map.of());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(r.headers().firstValue("Allow")).as(e.getKey()).hasValue(e.getValue());
      assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).as(e.getKey()).hasValue(e.getValue());
    }
    assertThat(server.send("OPTIONS", "/nosuchtype", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(server.get("/export").body()).isEqualTo(before);
  }

  @Test
  void postToAGroupUpsertsResourcesOfEveryTypeAndLeavesTheGroup_CORE_GRP_007() throws Exception {
    String g = server.uniquePath("/dirs/p");
    server.ok("PUT", g, "{\"name\":\"kept\"}");
    HttpResponse<String> post = server.send("POST", g,
        "{\"files\":{\"f1\":{\"file\":{\"x\":1},\"contenttype\":\"application/json\"},\"f2\":{\"name\":\"two\"}},"
            + "\"notes\":{\"n1\":{\"name\":\"note\"}}}");
    assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
    JsonNode body = XregServer.JSON.readTree(post.body());
    List<String> keys = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("files", "notes");
    assertThat(body.path("files").path("f1").path("fileid").asText()).isEqualTo("f1");
    assertThat(body.path("files").path("f1").path("self").asText()).isEqualTo(server.base() + g + "/files/f1$details");
    assertThat(body.path("files").path("f2").path("name").asText()).isEqualTo("two");
    assertThat(body.path("notes").path("n1").path("self").asText()).isEqualTo(server.base() + g + "/notes/n1");
    assertThat(server.get(g + "/files/f1").body()).isEqualTo("{\"x\":1}");
    assertThat(server.json(g).path("name").asText()).isEqualTo("kept");

    // a second POST updates (PUT semantics per Resource: a new default Version's attributes)
    HttpResponse<String> again = server.send("POST", g, "{\"notes\":{\"n1\":{\"name\":\"renamed\"}}}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(server.json(g + "/notes/n1").path("name").asText()).isEqualTo("renamed");

    // anything but Resource collections: resources_only, nothing written
    String export = server.get("/export").body();
    HttpResponse<String> bad = server.send("POST", g, "{\"name\":\"x\",\"files\":{\"f9\":{}}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(bad.body());
    assertThat(p.path("type").asText()).endsWith("core/spec.md#resources_only");
    assertThat(p.path("subject").asText()).isEqualTo(g);
    assertThat(p.path("title").asText())
        .isEqualTo("Attribute \"name\" is invalid. Only Resource types are allowed to be specified on this request: "
            + g + ".");
    assertThat(server.get("/export").body()).isEqualTo(export);
  }

  @Test
  void aTrailingSlashStillGetsCanonicalUrls() throws Exception {
    String g = server.uniquePath("/dirs/s");
    HttpResponse<String> created = server.send("PUT", g + "/", "{}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(server.base() + g);
    assertThat(XregServer.JSON.readTree(created.body()).path("self").asText()).isEqualTo(server.base() + g);
    server.ok("PUT", g + "/notes/n1", "{}");
    server.ok("PUT", g + "/notes/n2", "{}");
    HttpResponse<String> page = server.get(g + "/notes/?limit=1");
    assertThat(page.statusCode()).isEqualTo(200);
    List<String> links = page.headers().allValues("Link");
    assertThat(links).anyMatch(l -> l.startsWith("<" + server.base() + g + "/notes?limit=1>;rel=first"));
    assertThat(links).anyMatch(l -> l.startsWith("<" + server.base() + g + "/notes?limit=1&cursor="));
    assertThat(links).noneMatch(l -> l.replace("://", "").contains("//"));
    JsonNode item = XregServer.JSON.readTree(page.body()).elements().next();
    assertThat(item.path("self").asText()).doesNotContain(g + "//").startsWith(server.base() + g + "/notes/n");
    HttpResponse<String> created2 = server.send("PUT", g + "/notes/n3/", "{}");
    assertThat(created2.headers().firstValue("Location")).hasValue(server.base() + g + "/notes/n3");
  }
}
