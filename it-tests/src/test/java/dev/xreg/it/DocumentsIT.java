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
}
