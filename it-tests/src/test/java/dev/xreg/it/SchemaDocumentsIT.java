package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schemas as documents with {@code XREG_MODEL=schema}: the document view, the default Version's
 * document, the required format, "empty" documents, extensions, and the content type a write
 * sets (SCHEMA-003, -004, -007, -022, -036, -037).
 */
class SchemaDocumentsIT {
  private static final String GROUP = "/schemagroups/docs";
  private static final String AVRO_A = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
  private static final String AVRO_B = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema");

  private static HttpResponse<String> putDocument(String path, String format, String body) throws Exception {
    return server.send("PUT", path, body, Map.of("Content-Type", "application/json", "xRegistry-format", format));
  }

  @Test
  void documentViewServesTheSchemaBytesAndDetailsTheMetadata_SCHEMA_003() throws Exception {
    String r = GROUP + "/schemas/s003";
    assertThat(putDocument(r, "Avro/1.11", AVRO_A).statusCode()).isEqualTo(201);

    HttpResponse<String> doc = server.get(r);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body()).isEqualTo(AVRO_A);
    assertThat(doc.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(doc.headers().firstValue("xRegistry-format")).hasValue("Avro/1.11");

    JsonNode details = server.json(r + "$details");
    assertThat(details.path("schemaid").asText()).isEqualTo("s003");
    assertThat(details.path("format").asText()).isEqualTo("Avro/1.11");
    assertThat(details.has("schema")).as("metadata only, no document").isFalse();
  }

  @Test
  void withoutAVersionTheDefaultVersionsDocumentIsServed_SCHEMA_004() throws Exception {
    String r = GROUP + "/schemas/s004";
    assertThat(putDocument(r, "Avro/1.11", AVRO_A).statusCode()).isEqualTo(201);
    assertThat(putDocument(r + "/versions/2", "Avro/1.11", AVRO_B).statusCode()).isEqualTo(201);

    HttpResponse<String> latest = server.get(r);
    assertThat(latest.body()).isEqualTo(AVRO_B);
    assertThat(latest.headers().firstValue("xRegistry-versionid")).hasValue("2");

    server.ok("PATCH", r + "/meta", "{\"defaultversionid\":\"1\",\"defaultversionsticky\":true}");
    HttpResponse<String> pinned = server.get(r);
    assertThat(pinned.body()).isEqualTo(AVRO_A);
    assertThat(pinned.headers().firstValue("xRegistry-versionid")).hasValue("1");
  }

  @Test
  void formatIsRequired_SCHEMA_007() throws Exception {
    String r = GROUP + "/schemas/s007";
    Snapshot before = Snapshot.of(server, "/", GROUP);
    HttpResponse<String> missing = server.send("PUT", r + "$details", "{\"schema\":" + AVRO_A + "}");
    // the core catalogue's error for a REQUIRED attribute that is absent
    JsonNode p = assertProblem(missing, 400, "required_attribute_missing",
        "One or more mandatory attributes for \"" + r + "/versions/1\" are missing: format.", r + "/versions/1");
    assertThat(p.path("detail").asText()).contains("format");
    before.assertUnchanged();
  }

  @Test
  void noDocumentAndAnEmptyDocumentAreTheSameCase_SCHEMA_022() throws Exception {
    for (String format : new String[] {"Avro/1.11", "Protobuf/3", "JsonSchema/draft-07"}) {
      String tag = format.substring(0, format.indexOf('/')).toLowerCase();
      HttpResponse<String> none = server.send("PUT", GROUP + "/schemas/none-" + tag + "$details",
          "{\"format\":\"" + format + "\"}");
      HttpResponse<String> empty = putDocument(GROUP + "/schemas/empty-" + tag, format, "");
      assertThat(empty.statusCode()).as(format + ": " + empty.body()).isEqualTo(none.statusCode());
      if (none.statusCode() >= 400) {
        assertThat(XregServer.JSON.readTree(empty.body()).path("type").asText())
            .isEqualTo(XregServer.JSON.readTree(none.body()).path("type").asText());
      } else {
        assertThat(empty.headers().firstValue("xRegistry-formatvalidated"))
            .hasValue(XregServer.JSON.readTree(none.body()).path("formatvalidated").asText());
      }
    }
  }

  @Test
  void extensionsAreStoredAtGroupAndVersionLevel_SCHEMA_036() throws Exception {
    server.ok("PUT", "/schemagroups/ext", "{\"owner\":\"team-a\",\"tags\":{\"tier\":\"gold\"}}");
    server.ok("PUT", "/schemagroups/ext/schemas/s/versions/1$details",
        "{\"format\":\"Avro/1.11\",\"schema\":" + AVRO_A + ",\"reviewer\":\"bob\"}");

    assertThat(server.json("/schemagroups/ext").path("owner").asText()).isEqualTo("team-a");
    assertThat(server.json("/schemagroups/ext").at("/tags/tier").asText()).isEqualTo("gold");
    assertThat(server.json("/schemagroups/ext/schemas/s/versions/1$details").path("reviewer").asText())
        .isEqualTo("bob");
  }

  @Test
  void aWriteWithASchemaAndNoContentTypeSetsTheRequestMediaType_SCHEMA_037() throws Exception {
    JsonNode v = server.ok("PUT", GROUP + "/schemas/s037$details", "{\"format\":\"Avro/1.11\",\"schema\":" + AVRO_A
        + "}");
    assertThat(v.path("contenttype").asText()).isEqualTo("application/json");
    assertThat(server.get(GROUP + "/schemas/s037").headers().firstValue("Content-Type")).hasValue("application/json");
  }
}
