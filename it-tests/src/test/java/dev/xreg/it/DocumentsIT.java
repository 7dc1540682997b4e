package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checklist 3.12: documents, the three document attributes and {@code xRegistry-*} headers. */
class DocumentsIT {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private static byte[] randomBytes() {
    byte[] b = new byte[4096];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void binaryDocumentsAreByteExact_inDocumentModeAndAsBase64() throws Exception {
    byte[] bytes = randomBytes();
    HttpResponse<byte[]> put = server.sendBytes("PUT", "/dirs/b/files/raw", bytes,
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(put.statusCode()).isEqualTo(201);
    HttpResponse<byte[]> get = server.sendBytes("GET", "/dirs/b/files/raw", null, Map.of());
    assertThat(get.body()).isEqualTo(bytes);
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/octet-stream");

    String b64 = Base64.getEncoder().encodeToString(bytes);
    assertThat(server.send("PUT", "/dirs/b/files/enc$details", "{\"filebase64\":\"" + b64 + "\"}").statusCode())
        .isEqualTo(201);
    assertThat(server.sendBytes("GET", "/dirs/b/files/enc", null, Map.of()).body()).isEqualTo(bytes);
  }

  @Test
  void doc014ExternalDocumentRedirectsWith303() throws Exception {
    assertThat(server.send("PUT", "/dirs/u/files/f$details", "{\"fileurl\":\"https://example.com/doc.json\"}")
        .statusCode()).isEqualTo(201);
    HttpResponse<String> r = server.get("/dirs/u/files/f");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("https://example.com/doc.json");
    assertThat(r.headers().firstValue("xRegistry-fileurl")).hasValue("https://example.com/doc.json");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void doc010To012HeadersBothWaysWithMapsAndNullClearing() throws Exception {
    HttpResponse<String> put = server.send("PUT", "/dirs/h/files/f", "hello", Map.of("Content-Type", "text/plain",
        "xRegistry-name", "a%20name", "xRegistry-labels.env", "prod", "xRegistry-labels.team", "core"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    JsonNode meta = server.json("/dirs/h/files/f$details");
    assertThat(meta.path("name").asText()).isEqualTo("a name");
    assertThat(meta.path("labels").toString()).isEqualTo("{\"env\":\"prod\",\"team\":\"core\"}");
    assertThat(meta.path("contenttype").asText()).isEqualTo("text/plain");

    HttpResponse<String> get = server.get("/dirs/h/files/f");
    assertThat(get.body()).isEqualTo("hello");
    assertThat(get.headers().firstValue("xRegistry-name")).hasValue("a%20name");
    assertThat(get.headers().firstValue("xRegistry-labels.env")).hasValue("prod");
    assertThat(get.headers().firstValue("xRegistry-labels")).isEmpty();

    // A labels header set is the whole map; "null" deletes; a missing Content-Type erases contenttype.
    HttpResponse<String> again = server.send("PUT", "/dirs/h/files/f", "bye",
        Map.of("xRegistry-labels.env", "dev", "xRegistry-name", "null"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    meta = server.json("/dirs/h/files/f$details");
    assertThat(meta.has("name")).isFalse();
    assertThat(meta.path("labels").toString()).isEqualTo("{\"env\":\"dev\"}");
    assertThat(meta.has("contenttype")).isFalse();
    assertThat(server.get("/dirs/h/files/f").body()).isEqualTo("bye");
  }

  @Test
  void doc001To003TheThreeDocumentAttributesReplaceEachOther() throws Exception {
    assertThat(server.send("PUT", "/dirs/d/files/f$details", "{\"file\":{\"a\":1}}").statusCode()).isEqualTo(201);
    JsonNode v = server.json("/dirs/d/files/f$details");
    assertThat(v.path("contenttype").asText()).isEqualTo("application/json");
    assertThat(server.get("/dirs/d/files/f").body()).isEqualTo("{\"a\":1}");
    // None of the three given: the document is unchanged.
    assertThat(server.send("PATCH", "/dirs/d/files/f$details", "{\"name\":\"n\"}").statusCode()).isEqualTo(200);
    assertThat(server.get("/dirs/d/files/f").body()).isEqualTo("{\"a\":1}");
    // null on one of them: an empty document.
    assertThat(server.send("PATCH", "/dirs/d/files/f$details", "{\"file\":null}").statusCode()).isEqualTo(200);
    assertThat(server.get("/dirs/d/files/f").body()).isEmpty();
    // fileurl replaces the inline document.
    assertThat(server.send("PATCH", "/dirs/d/files/f$details", "{\"fileurl\":\"https://e.org/x\"}").statusCode())
        .isEqualTo(200);
    assertThat(server.get("/dirs/d/files/f").statusCode()).isEqualTo(303);
  }

  @Test
  void doc003ContenttypeFollowsTheRequestOnPutButPatchKeepsAnExistingOne() throws Exception {
    String f = "/dirs/ct/files/f";
    server.ok("PUT", f + "$details", "{\"file\":\"hello\",\"contenttype\":\"text/plain\"}");
    JsonNode patched = server.ok("PATCH", f + "$details", "{\"file\":\"bye\"}");
    assertThat(patched.path("contenttype").asText()).as("PATCH: the existing value stays").isEqualTo("text/plain");
    assertThat(server.get(f).body()).isEqualTo("bye");
    JsonNode put = server.ok("PUT", f + "$details", "{\"file\":{\"a\":1}}");
    assertThat(put.path("contenttype").asText()).as("PUT: the request's type, even over a previous value")
        .isEqualTo("application/json");
    // PATCH on a Version without a contenttype: the request's type, for <RESOURCE> and <RESOURCE>base64
    String u = "/dirs/ct/files/u";
    server.ok("PUT", u + "$details", "{\"fileurl\":\"https://example.com/x\"}");
    assertThat(server.json(u + "$details").has("contenttype")).isFalse();
    assertThat(server.ok("PATCH", u + "$details", "{\"filebase64\":\"aGk=\"}").path("contenttype").asText())
        .isEqualTo("application/json");
    assertThat(server.get(u).body()).isEqualTo("hi");
  }

  @Test
  void doc009AnExternalDocumentTakesNoBody_withoutItEvenAnEmptyBodyIsTheDocument() throws Exception {
    String f = "/dirs/ext/files/f";
    server.sendBytes("PUT", f, "content".getBytes(), Map.of("Content-Type", "text/plain"));
    Snapshot before = Snapshot.of(server, "/", "/dirs/ext", f + "$details", f);
    HttpResponse<String> both = server.send("PUT", f, "not allowed",
        Map.of("Content-Type", "text/plain", "xRegistry-fileurl", "https://example.com/doc"));
    assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(both.body());
    assertThat(p.path("type").asText()).endsWith("#bad_request");
    assertThat(p.path("detail").asText()).contains("xRegistry-fileurl");
    before.assertUnchanged();

    HttpResponse<String> url = server.send("PUT", f, null, Map.of("xRegistry-fileurl", "https://example.com/doc"));
    assertThat(url.statusCode()).as("answered like a GET: a redirect (CORE-HTTP-007)").isEqualTo(303);
    assertThat(url.headers().firstValue("Location")).hasValue("https://example.com/doc");
    assertThat(server.get(f).statusCode()).isEqualTo(303);
    // no fileurl header: the (empty) body is the document, replacing the external one
    HttpResponse<String> empty = server.send("PUT", f, "", Map.of("Content-Type", "text/plain"));
    assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
    HttpResponse<String> now = server.get(f);
    assertThat(now.statusCode()).isEqualTo(200);
    assertThat(now.body()).isEmpty();
    assertThat(server.json(f + "$details").has("fileurl")).isFalse();
  }

  @Test
  void http007AWriteAnswersWhatAGetOfTheProcessedEntitiesWouldInTheSameMode() throws Exception {
    String g = "/dirs/same";
    JsonNode group = server.ok("PUT", g, "{\"name\":\"g\"}");
    assertThat(group).isEqualTo(server.json(g));
    JsonNode details = server.ok("PUT", g + "/files/f$details", "{\"file\":{\"k\":1},\"description\":\"d\"}");
    assertThat(details).isEqualTo(server.json(g + "/files/f$details"));
    // document mode in, document mode out: the bytes and the same xRegistry-* headers as a GET
    HttpResponse<String> doc = server.send("PUT", g + "/files/f", "plain text", Map.of("Content-Type", "text/plain"));
    HttpResponse<String> get = server.get(g + "/files/f");
    assertThat(doc.body()).isEqualTo(get.body()).isEqualTo("plain text");
    assertThat(doc.headers().firstValue("xRegistry-epoch")).isEqualTo(get.headers().firstValue("xRegistry-epoch"));
    assertThat(doc.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
    // collection writes answer only the processed entities
    server.ok("PUT", g + "/files/other", "{}");
    JsonNode map = server.ok("PATCH", g + "/files", "{\"f\":{\"name\":\"n\"}}");
    assertThat(map.size()).isEqualTo(1);
    assertThat(map.get("f")).isEqualTo(server.json(g + "/files").get("f"));
    JsonNode posted = server.ok("POST", g + "/files/f/versions", "{\"v9\":{\"file\":\"x\"}}");
    assertThat(posted.size()).isEqualTo(1);
    assertThat(posted.get("v9")).isEqualTo(server.json(g + "/files/f/versions").get("v9"));
  }

  @Test
  void doc004AndInl007DocumentAttributesAppearOnlyWhenInlined_alsoInWriteResponses() throws Exception {
    String f = "/dirs/inl/files/f";
    JsonNode written = server.ok("PUT", f + "$details", "{\"file\":{\"a\":1}}");
    assertThat(written.has("file") || written.has("filebase64")).as("write response without ?inline").isFalse();
    JsonNode inlined = server.ok("PUT", f + "$details?inline=file", "{\"file\":{\"a\":2}}");
    assertThat(inlined.path("file")).isEqualTo(XregServer.JSON.readTree("{\"a\":2}"));
    assertThat(inlined.has("filebase64")).isFalse();
    JsonNode read = server.json(f + "$details");
    assertThat(read.has("file") || read.has("filebase64")).isFalse();
    assertThat(server.json(f + "$details?inline=file").path("file").path("a").asInt()).isEqualTo(2);
    // <RESOURCE>url is not inlineable: it always appears when set
    server.ok("PUT", f + "$details", "{\"fileurl\":\"https://example.com/d\"}");
    JsonNode external = server.json(f + "$details");
    assertThat(external.path("fileurl").asText()).isEqualTo("https://example.com/d");
    assertThat(server.json(f + "$details?inline=file").has("file")).as("never two of the three").isFalse();
  }

  @Test
  void doc005InlinedDocumentsAreJsonStringOrBase64ByContenttype() throws Exception {
    String g = "/dirs/kinds/files/";
    server.sendBytes("PUT", g + "json", "{\"a\":[1,2]}".getBytes(), Map.of("Content-Type", "application/json"));
    server.sendBytes("PUT", g + "text", "héllo\nworld".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/plain; charset=utf-8"));
    server.sendBytes("PUT", g + "badjson", "{not json".getBytes(), Map.of("Content-Type", "application/json"));
    server.sendBytes("PUT", g + "badtext", new byte[] {(byte) 0xff, (byte) 0xfe}, Map.of("Content-Type", "text/plain"));
    server.sendBytes("PUT", g + "bin", new byte[] {1, 2, 3}, Map.of("Content-Type", "application/octet-stream"));
    server.sendBytes("PUT", g + "empty", new byte[0], Map.of("Content-Type", "application/json"));
    JsonNode all = server.json("/dirs/kinds/files?inline=file");
    assertThat(all.path("json").path("file")).isEqualTo(XregServer.JSON.readTree("{\"a\":[1,2]}"));
    assertThat(all.path("text").path("file").asText()).isEqualTo("héllo\nworld");
    assertThat(all.path("badjson").path("filebase64").asText()).isEqualTo(Base64.getEncoder()
        .encodeToString("{not json".getBytes()));
    assertThat(all.path("badtext").path("filebase64").asText()).isEqualTo("//4=");
    assertThat(all.path("bin").path("filebase64").asText()).isEqualTo("AQID");
    assertThat(all.path("empty").path("filebase64").asText()).isEmpty();
    for (String id : new String[] {"json", "text", "badjson", "badtext", "bin", "empty"}) {
      assertThat(all.path(id).has("file") && all.path(id).has("filebase64")).as(id).isFalse();
    }
    assertThat(server.json(g + "text$details?inline=file&binary").path("filebase64").asText()).as("?binary")
        .isEqualTo(Base64.getEncoder().encodeToString("héllo\nworld".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
