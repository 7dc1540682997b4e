package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: the reference CLI {@code xr} (xregistry/server) as a client, replayed as plain HTTP
 * from its recorded traffic (spec/notes/xregistry-client-traffic.md section 1), in order: model
 * update, model group/resource create (which send {@code "plural": ""} back), create, get with
 * {@code --inline}, {@code --filter}, {@code --doc}, update {@code --set}, upsert, delete,
 * {@code import /}, {@code import <group>} ({@code POST /<GROUPS>/<GID>}, 405 when recorded)
 * and download. Each step checks the status a correct server gives and the shape the client
 * reads. The CLI reads {@code /model} and {@code /capabilities} before every command; those
 * repeated reads are replayed once per command.
 */
class XrCliReplayIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  @Test
  void theRecordedXrSessionSucceeds() throws Exception {
    // 1-5: xr model update: read everything, send the model back with the user's groups added
    status("GET", "/", 200);
    JsonNode model = json(status("GET", "/model", 200));
    assertNamed(model);
    status("GET", "/capabilities", 200);
    ObjectNode source = (ObjectNode) json(status("GET", "/modelsource", 200));
    source.set("attributes", model.get("attributes")); // xr sends the full attributes back (specversion, registryid...)
    source.set("groups", XregServer.JSON.readTree(
        "{\"dirs\":{\"plural\":\"dirs\",\"singular\":\"dir\",\"resources\":{\"files\":{\"plural\":\"files\","
            + "\"singular\":\"file\"}}}}"));
    send("PUT", "/modelsource", source.toString(), 200);

    // 6-9: xr model group create docs: the model read back, the new type without a plural
    commandPreamble();
    source = (ObjectNode) json(status("GET", "/modelsource", 200));
    ((ObjectNode) source.get("groups")).set("docs", XregServer.JSON.readTree(
        "{\"plural\":\"\",\"singular\":\"doc\"}"));
    send("PUT", "/modelsource", source.toString(), 200);
    JsonNode afterGroup = json(status("GET", "/model", 200));
    assertThat(afterGroup.at("/groups/docs/plural").asText()).isEqualTo("docs");
    assertNamed(afterGroup);

    // 16-25: xr create: a 404 probe, then the document PUT
    for (String[] f : new String[][] {{"/dirs/mydocs/files/file1", "this is mydocs/file1"},
        {"/dirs/mydocs/files/file2", "this is mydocs/file2"}, {"/dirs/yourdocs/files/cv",
            "my very cool job experience info"}}) {
      commandPreamble();
      status("GET", f[0], 404);
      HttpResponse<String> created = send("PUT", f[0], f[1], 201);
      assertThat(created.headers().firstValue("Location")).hasValue(server.base() + f[0]);
      assertThat(created.headers().firstValue("xRegistry-self")).hasValue(server.base() + f[0]);
    }

    // 28-45: xr get / with --inline and with capabilities inlined
    commandPreamble();
    assertThat(json(status("GET", "/", 200)).path("registryid").asText()).isNotEmpty();
    JsonNode inlined = json(status("GET", "/dirs?inline=*", 200));
    assertThat(inlined.at("/mydocs/files/file1/versions/1/versionid").asText()).isEqualTo("1");
    assertThat(json(status("GET", "/?inline=capabilities", 200)).path("capabilities").isObject()).isTrue();

    // 46-60: xr get of a document, its details, a Group, the Versions
    commandPreamble();
    HttpResponse<String> doc = status("GET", "/dirs/mydocs/files/file1", 200);
    assertThat(doc.body()).isEqualTo("this is mydocs/file1");
    assertThat(doc.headers().firstValue("xRegistry-fileid")).hasValue("file1");
    JsonNode details = json(status("GET", "/dirs/mydocs/files/file1$details", 200));
    assertThat(details.path("self").asText()).isEqualTo(server.base() + "/dirs/mydocs/files/file1$details");
    assertThat(details.path("versionscount").asInt()).isEqualTo(1);
    assertThat(json(status("GET", "/dirs/mydocs", 200)).path("filescount").asInt()).isEqualTo(2);
    assertThat(json(status("GET", "/dirs/mydocs/files/file1/versions", 200)).has("1")).isTrue();

    // 61-66: --filter and --doc
    JsonNode filtered = json(status("GET", "/?filter=dirs.dirid=yourdocs&inline=dirs", 200));
    assertThat(fieldNames(filtered.path("dirs"))).containsExactly("yourdocs");
    JsonNode docView = json(status("GET", "/dirs?doc&inline=*", 200));
    assertThat(docView.at("/mydocs/files/file1/versions/1").isObject()).isTrue();

    // 70-95: xr update --set (PATCH, creating then updating), upsert
    commandPreamble();
    status("GET", "/dirs/newdir", 404);
    send("PATCH", "/dirs/newdir", "{\"name\":\"New dir\"}", 201);
    send("PATCH", "/dirs/newdir", "{\"description\":\"updated\"}", 200);
    send("PATCH", "/dirs/newdir", "{\"labels\":{\"env\":\"prod\"}}", 200);
    JsonNode newdir = json(status("GET", "/dirs/newdir", 200));
    assertThat(newdir.path("name").asText()).isEqualTo("New dir");
    assertThat(newdir.path("labels").path("env").asText()).isEqualTo("prod");
    send("PUT", "/dirs/newdir", "{\"name\":\"replaced\"}", 200);
    assertThat(json(status("GET", "/dirs/newdir", 200)).has("description")).isFalse();
    status("GET", "/dirs/missing", 404);
    send("PATCH", "/dirs/upserted", "{\"name\":\"ups\"}", 201);
    send("PATCH", "/dirs/upserted", "{\"description\":\"ups2\"}", 200);

    // 96-117: document updates, a new Version, metadata via $details, a JSON document
    commandPreamble();
    send("PUT", "/dirs/mydocs/files/file1", "new content v1", 200);
    status("GET", "/dirs/mydocs/files/file1/versions/2", 404);
    send("PUT", "/dirs/mydocs/files/file1/versions/2", "version 2 content", 201);
    assertThat(status("GET", "/dirs/mydocs/files/file1", 200).body()).isEqualTo("version 2 content");
    send("PATCH", "/dirs/mydocs/files/file1$details", "{\"description\":\"meta via details\"}", 200);
    status("GET", "/dirs/mydocs/files/jsonfile", 404);
    send("PATCH", "/dirs/mydocs/files/jsonfile$details", "{\"contenttype\":\"application/json\",\"file\":{\"a\":1}}",
        201);
    HttpResponse<String> jsonDoc = status("GET", "/dirs/mydocs/files/jsonfile", 200);
    assertThat(jsonDoc.body()).isEqualTo("{\"a\":1}");
    assertThat(jsonDoc.headers().firstValue("Content-Type")).hasValue("application/json");

    // 118-121: xr import /
    JsonNode imported = json(send("POST", "/", "{\"dirs\": {\"imported\": {\"name\": \"imported dir\", \"files\": "
        + "{\"doc1\": {\"versions\": {\"v1\": {\"file\": \"hello import\"}}}}}}}", 200));
    assertThat(fieldNames(imported)).containsExactly("dirs");
    assertThat(imported.at("/dirs/imported/name").asText()).isEqualTo("imported dir");
    // without a contenttype the JSON value is the document, as JSON (CORE-DOC-005)
    assertThat(json(status("GET", "/dirs/imported/files/doc1", 200)).asText()).isEqualTo("hello import");

    // 124-139: xr import dirs/imp2: POST to the collection, then POST /<GROUPS>/<GID> (405 when recorded)
    send("POST", "/dirs", "{\"imp2\": {\"name\":\"imp2\"}}", 200);
    JsonNode intoGroup = json(send("POST", "/dirs/imp2",
        "{\"files\": {\"f9\": {\"file\": {\"x\":1}, \"contenttype\":\"application/json\"}}}", 200));
    assertThat(fieldNames(intoGroup)).containsExactly("files");
    assertThat(intoGroup.at("/files/f9/fileid").asText()).isEqualTo("f9");
    assertThat(json(status("GET", "/dirs/imp2", 200)).path("name").asText()).isEqualTo("imp2");
    assertThat(status("GET", "/dirs/imp2/files/f9", 200).body()).isEqualTo("{\"x\":1}");
    status("DELETE", "/dirs/imp2/files/f9", 204);

    // 142-152: xr delete of a Version and of Groups
    status("GET", "/dirs/mydocs/files/file1/versions/1", 200);
    status("DELETE", "/dirs/mydocs/files/file1/versions/1", 204);
    status("GET", "/dirs/upserted", 200);
    status("GET", "/dirs/imp2", 200);
    status("DELETE", "/dirs/upserted", 204);
    status("DELETE", "/dirs/imp2", 204);
    assertThat(fieldNames(json(status("GET", "/dirs", 200)))).containsExactlyInAnyOrder("imported", "mydocs",
        "newdir", "yourdocs");

    // 163-170: xr model resource create, twice: resources without a plural in the model read back
    for (String resource : List.of("items", "notes")) {
      commandPreamble();
      source = (ObjectNode) json(status("GET", "/modelsource", 200));
      ObjectNode docs = (ObjectNode) source.get("groups").get("docs");
      ObjectNode resources = docs.has("resources") ? (ObjectNode) docs.get("resources") : docs.putObject("resources");
      resources.set(resource, XregServer.JSON.readTree("{\"plural\":\"\",\"singular\":\""
          + resource.substring(0, resource.length() - 1) + "\"}"));
      send("PUT", "/modelsource", source.toString(), 200);
      JsonNode m = json(status("GET", "/model", 200));
      assertThat(m.at("/groups/docs/resources/" + resource + "/plural").asText()).isEqualTo(resource);
      assertNamed(m);
    }

    // 175-220: xr download: every entity in both views, then the Registry-level documents
    for (String path : List.of("/dirs", "/", "/dirs/imported", "/dirs/imported/files", "/dirs/imported/files/doc1/meta",
        "/dirs/imported/files/doc1/versions", "/dirs/imported/files/doc1$details", "/dirs/imported/files/doc1",
        "/dirs/mydocs", "/dirs/mydocs/files", "/dirs/imported/files/doc1/versions/v1$details",
        "/dirs/imported/files/doc1/versions/v1", "/dirs/mydocs/files/file1/versions", "/dirs/mydocs/files/file1/meta",
        "/dirs/mydocs/files/file1$details", "/dirs/mydocs/files/file1", "/dirs/mydocs/files/file2/meta",
        "/dirs/mydocs/files/file1/versions/2$details", "/dirs/mydocs/files/file2/versions",
        "/dirs/mydocs/files/file2$details", "/dirs/mydocs/files/file1/versions/2", "/dirs/mydocs/files/file2",
        "/dirs/mydocs/files/jsonfile$details", "/dirs/mydocs/files/jsonfile/meta",
        "/dirs/mydocs/files/file2/versions/1$details", "/dirs/mydocs/files/jsonfile/versions",
        "/dirs/mydocs/files/jsonfile", "/dirs/mydocs/files/jsonfile/versions/1$details",
        "/dirs/mydocs/files/file2/versions/1", "/dirs/newdir", "/dirs/newdir/files",
        "/dirs/mydocs/files/jsonfile/versions/1", "/dirs/yourdocs/files", "/dirs/yourdocs",
        "/dirs/yourdocs/files/cv$details", "/dirs/yourdocs/files/cv/meta", "/dirs/yourdocs/files/cv/versions",
        "/dirs/yourdocs/files/cv", "/dirs/yourdocs/files/cv/versions/1$details", "/docs",
        "/dirs/yourdocs/files/cv/versions/1", "/export", "/model", "/modelsource", "/capabilities",
        "/capabilitiesoffered")) {
      status("GET", path, 200);
    }
    assertThat(status("GET", "/dirs/yourdocs/files/cv/versions/1", 200).body())
        .isEqualTo("my very cool job experience info");
    assertThat(json(status("GET", "/dirs/mydocs/files/file1/meta", 200)).path("defaultversionid").asText())
        .isEqualTo("2");
  }

  /** What xr reads before each command. */
  private static void commandPreamble() throws Exception {
    assertNamed(json(status("GET", "/model", 200)));
    status("GET", "/capabilities", 200);
  }

  private static HttpResponse<String> status(String method, String path, int expected) throws Exception {
    HttpResponse<String> r = server.send(method, path, null, Map.of());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    return r;
  }

  /** xr sends its bodies without a Content-Type (the recording's column is empty). */
  private static HttpResponse<String> send(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = server.send(method, path, body, Map.of());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return XregServer.JSON.readTree(r.body());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** What {@code xr model get} relies on: every attribute definition names itself, at every depth. */
  static void assertNamed(JsonNode node) {
    node.fields().forEachRemaining(f -> {
      String key = f.getKey();
      if ((key.equals("attributes") || key.equals("resourceattributes") || key.equals("metaattributes")
          || key.equals("siblingattributes")) && f.getValue().isObject()) {
        f.getValue().fields().forEachRemaining(d -> assertThat(d.getValue().path("name").asText())
            .as(key + "." + d.getKey()).isEqualTo(d.getKey()));
      }
      if (f.getValue().isContainerNode()) {
        assertNamed(f.getValue());
      }
    });
  }
}
