package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: {@code GET /export} (CORE-REG-010) of a registry with several Group types,
 * documents (JSON and binary), labels, extensions, sticky defaults and many Versions,
 * imported into an empty server with {@code PUT /?ignore=epoch}, exports the same document.
 */
class ExportImportIT {
  private static final String MODEL = """
      {"groups":{
        "dirs":{"singular":"dir","resources":{"files":{"singular":"file"}}},
        "others":{"singular":"other","attributes":{"*":{"type":"any"}},
          "resources":{"things":{"singular":"thing","hasdocument":false,"maxversions":3,
            "attributes":{"ext":{"type":"integer"}}}}}}}""";

  private static XregServer source;
  private static XregServer target;

  @BeforeAll
  static void start() throws Exception {
    source = XregServer.fresh().start();
    target = XregServer.fresh().start();
  }

  @AfterAll
  static void stop() throws Exception {
    source.close();
    target.close();
  }

  @Test
  void exportThenImportGivesTheSameDocument() throws Exception {
    ok(source.send("PUT", "/modelsource", MODEL));
    ok(source.send("PUT", "/", "{\"name\":\"reg\",\"labels\":{\"env\":\"test\"}}"));
    ok(source.send("PUT", "/dirs/d1", """
        {"name":"first","labels":{"a":"b"},"files":{
          "f1":{"name":"f","file":{"x":1}},
          "f2":{"versions":{"a":{"filebase64":"AAEC/w=="},"b":{"ancestorid":"a","description":"two"}}}}}"""));
    ok(source.send("PATCH", "/dirs/d1/files/f2/meta", "{\"defaultversionid\":\"a\"}"));
    ok(source.send("PUT", "/dirs/d2", "{\"description\":\"empty group\"}"));
    for (int i = 1; i <= 5; i++) {
      ok(source.send("POST", "/others/o1/things/t1", "{\"name\":\"t" + i + "\",\"ext\":" + i + "}"));
    }
    ok(source.send("PATCH", "/others/o1", "{\"anything\":{\"nested\":[1,2]}}"));

    JsonNode exported = source.json("/export");
    assertThat(exported.path("dirs").path("d1").path("files").path("f2").path("versions")).hasSize(2);
    assertThat(exported.path("others").path("o1").path("things").path("t1").path("versions"))
        .as("maxversions=3 pruned the oldest two of five").hasSize(3);

    var imported = target.send("PUT", "/?ignore=epoch", exported.toString());
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

    JsonNode reexported = target.json("/export");
    assertThat(ExportDocuments.withoutEpochs(reexported)).isEqualTo(ExportDocuments.withoutEpochs(exported));
    // The binary document survived byte for byte.
    assertThat(target.sendBytes("GET", "/dirs/d1/files/f2/versions/a", null, java.util.Map.of()).body())
        .containsExactly(0, 1, 2, 255);
  }

  @Test
  void exportIsReadOnly() throws Exception {
    var put = source.send("PUT", "/export", "{}");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    assertThat(XregServer.JSON.readTree(put.body()).path("type").asText())
        .endsWith("core/spec.md#action_not_supported");
  }


  private static void ok(java.net.http.HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }
}
