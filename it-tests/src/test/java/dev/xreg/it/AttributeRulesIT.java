package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attribute rules of checklist 3.2, 3.3 and 3.17 that need a model of their own: xid
 * targets, object name character sets, extensions under {@code *}, {@code deprecated},
 * PATCH replacing maps whole, the server's root paths and case-insensitive capabilities.
 */
class AttributeRulesIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir",
        "attributes":{
          "ref":{"type":"xid","target":"/dirs/files"},
          "vref":{"type":"xid","target":"/dirs/files[/versions]"},
          "gref":{"type":"xid","target":"/dirs"},
          "anyref":{"type":"xid"},
          "strictobj":{"type":"object","attributes":{"*":{"type":"string"}}},
          "extobj":{"type":"object","namecharset":"extended","attributes":{"*":{"type":"string"}}}},
        "resources":{"files":{"singular":"file","hasdocument":false,"attributes":{"*":{"type":"any"}}}}}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);
  private String g;

  @BeforeEach
  void newGroup() throws Exception {
    g = server.uniquePath("/dirs/a");
    server.ok("PUT", g, "{}");
  }

  /** The write must fail with invalid_attribute naming {@code name}, and change nothing. */
  private void invalid(String method, String path, String body, String name) throws Exception {
    Snapshot before = Snapshot.of(server, "/", g, g + "/files?inline=*");
    HttpResponse<String> r = server.send(method, path, body);
    assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).as(r.body()).endsWith("#invalid_attribute");
    assertThat(p.path("args").path("name").asText()).as(r.body()).isEqualTo(name);
    before.assertUnchanged();
  }

  @Test
  void xidValuesMatchTheirTarget_danglingIsFine_CORE_ATTR_010() throws Exception {
    JsonNode ok = server.ok("PATCH", g, """
        {"ref":"/dirs/nowhere/files/f","vref":"/dirs/x/files/f/versions/1","gref":"/dirs/x",
         "anyref":"/whatever/x"}""");
    assertThat(ok.path("ref").asText()).as("a dangling xid is accepted").isEqualTo("/dirs/nowhere/files/f");
    assertThat(server.ok("PATCH", g, "{\"vref\":\"/dirs/x/files/f\"}").path("vref").asText())
        .as("[/versions]: the Resource itself too").isEqualTo("/dirs/x/files/f");
    invalid("PATCH", g, "{\"ref\":\"dirs/x/files/f\"}", "ref");
    invalid("PATCH", g, "{\"ref\":\"/dirs/x\"}", "ref");
    invalid("PATCH", g, "{\"ref\":\"/dirs/x/files/f/versions/1\"}", "ref");
    invalid("PATCH", g, "{\"ref\":\"/dirs/x/others/f\"}", "ref");
    invalid("PATCH", g, "{\"gref\":\"/dirs/x/files/f\"}", "gref");
    invalid("PATCH", g, "{\"vref\":\"/dirs/x/files/f/versions\"}", "vref");
  }

  @Test
  void objectAttributeNamesFollowNamecharset_CORE_ATTR_016() throws Exception {
    JsonNode ok = server.ok("PATCH", g, "{\"strictobj\":{\"good_name1\":\"x\"},\"extobj\":{\"a-b.c:d\":\"y\"}}");
    assertThat(ok.path("extobj").path("a-b.c:d").asText()).isEqualTo("y");
    invalid("PATCH", g, "{\"strictobj\":{\"a-b\":\"x\"}}", "strictobj");
    invalid("PATCH", g, "{\"strictobj\":{\"Upper\":\"x\"}}", "strictobj");
    invalid("PATCH", g, "{\"extobj\":{\"-lead\":\"x\"}}", "extobj");
    invalid("PATCH", g, "{\"extobj\":{\"has space\":\"x\"}}", "extobj");
  }

  @Test
  void extensionsUnderStarAreAcceptedAndStoredVerbatim_CORE_GEN_007() throws Exception {
    String ext = "{\"nested\":{\"list\":[1,\"two\",{\"three\":3.5}],\"flag\":true},\"n\":-7}";
    server.ok("PUT", g + "/files/f", "{\"custom\":" + ext + ",\"other\":\"text\"}");
    JsonNode f = server.json(g + "/files/f");
    assertThat(f.path("custom")).isEqualTo(XregServer.JSON.readTree(ext));
    assertThat(f.path("other").asText()).isEqualTo("text");
    // the Group level has no "*": the same attribute is unknown there
    Snapshot before = Snapshot.of(server, "/", g);
    HttpResponse<String> r = server.send("PATCH", g, "{\"custom\":1}");
    assertProblem(r, 400, "unknown_attribute", "An unknown attribute (custom) was specified for \"" + g + "\".", g);
    before.assertUnchanged();
  }

  @Test
  void detailsIsIgnoredWithoutDocuments_CORE_RES_017() throws Exception {
    String f = g + "/files/f";
    HttpResponse<String> put = server.send("PUT", f + "$details", "{\"x\":1}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(server.json(f + "$details")).isEqualTo(server.json(f));
    assertThat(server.json(f).path("x").asInt()).isEqualTo(1);
    assertThat(server.json(f + "/versions/1$details")).isEqualTo(server.json(f + "/versions/1"));
    assertThat(server.ok("PATCH", f + "$details", "{\"x\":2}").path("x").asInt()).isEqualTo(2);
    // the metadata is the only view of such a Resource: no document headers, JSON body
    HttpResponse<String> plain = server.get(f);
    assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(plain.headers().firstValue("xRegistry-fileid")).isEmpty();
  }

  @Test
  void deprecatedIsAnObjectOfTimestampsAndUrls_CORE_COM_013() throws Exception {
    String full = "{\"effective\":\"2030-01-01T00:00:00Z\",\"removal\":\"2031-01-01T00:00:00Z\","
        + "\"alternative\":\"https://example.com/new\",\"documentation\":\"https://example.com/why\"}";
    JsonNode ok = server.ok("PATCH", g, "{\"deprecated\":" + full + "}");
    assertThat(ok.path("deprecated")).isEqualTo(XregServer.JSON.readTree(full));
    assertThat(server.ok("PATCH", g, "{\"deprecated\":{}}").path("deprecated").isObject()).as("all optional").isTrue();
    invalid("PATCH", g, "{\"deprecated\":true}", "deprecated");
    invalid("PATCH", g, "{\"deprecated\":{\"effective\":\"tomorrow\"}}", "deprecated.effective");
    invalid("PATCH", g, "{\"deprecated\":{\"effective\":\"2031-01-01T00:00:00Z\",\"removal\":\"2030-01-01T00:00:00Z\"}}",
        "deprecated");
    invalid("PATCH", g, "{\"deprecated\":{\"alternative\":\"not a url\"}}", "deprecated.alternative");
    invalid("PATCH", g, "{\"deprecated\":{\"reason\":\"x\"}}", "deprecated");
    // on a Resource it lives in meta
    server.ok("PUT", g + "/files/f", "{}");
    assertThat(server.ok("PATCH", g + "/files/f/meta", "{\"deprecated\":{\"removal\":\"2030-01-01T00:00:00Z\"}}")
        .path("deprecated").path("removal").asText()).isEqualTo("2030-01-01T00:00:00Z");
  }

  @Test
  void patchReplacesMapsWholeAndNullDeletes_CORE_HTTP_004() throws Exception {
    server.ok("PUT", g, "{\"description\":\"d\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"strictobj\":{\"x\":\"1\",\"y\":\"2\"}}");
    JsonNode patched = server.ok("PATCH", g, "{\"labels\":{\"c\":\"3\"},\"strictobj\":{\"z\":\"3\"}}");
    assertThat(patched.path("labels")).isEqualTo(XregServer.JSON.readTree("{\"c\":\"3\"}"));
    assertThat(patched.path("strictobj")).isEqualTo(XregServer.JSON.readTree("{\"z\":\"3\"}"));
    assertThat(patched.path("description").asText()).as("absent: unchanged").isEqualTo("d");
    JsonNode cleared = server.ok("PATCH", g, "{\"labels\":null}");
    assertThat(cleared.has("labels")).as("null deletes").isFalse();
    assertThat(server.json(g).has("labels")).isFalse();
    assertThat(server.json(g).path("strictobj").path("z").asText()).isEqualTo("3");
  }

  @Test
  void serverRootPathsCannotBeRegistryNames_CORE_HTTP_002() throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/model", "/modelsource");
    for (String model : new String[] {
        "{\"groups\":{\"metrics\":{\"singular\":\"metric\"}}}",
        "{\"groups\":{\"health\":{\"singular\":\"check\"}}}",
        "{\"attributes\":{\"ready\":{\"type\":\"string\"}}}"}) {
      HttpResponse<String> r = server.send("PUT", "/modelsource", model);
      assertThat(r.statusCode()).as(model + " -> " + r.body()).isEqualTo(400);
      JsonNode p = XregServer.JSON.readTree(r.body());
      assertThat(p.path("type").asText()).endsWith("#model_error");
      assertThat(p.path("detail").asText()).contains("root path of this server");
      before.assertUnchanged();
    }
    // the extension APIs answer at their own paths, not as Registry entities
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
    assertThat(server.json("/").has("health")).isFalse();
  }

  @Test
  void capabilityArrayValuesCompareCaseInsensitively_CORE_CAP_010() throws Exception {
    try {
      JsonNode caps = server.ok("PATCH", "/capabilities", "{\"ignores\":[\"EPOCH\",\"ReadOnly\"],\"flags\":[\"Inline\","
          + "\"IGNORE\",\"epoch\"]}");
      assertThat(caps.path("ignores").toString()).isEqualTo("[\"epoch\",\"readonly\"]");
      assertThat(caps.path("flags").toString()).isEqualTo("[\"epoch\",\"ignore\",\"inline\"]");
      // and the flag works under its canonical name
      server.ok("PUT", g + "/files/f", "{}");
      assertThat(server.ok("PATCH", g + "/files/f?ignore=epoch", "{\"epoch\":99}").path("epoch").asLong()).isEqualTo(2);
    } finally {
      server.ok("PUT", "/capabilities", "{}");
    }
  }

  @Test
  void registryCapabilitiesAbsentKeepNullResets_andChangesApplyAfterTheRequest_CORE_REG_007_CORE_CAP_015()
      throws Exception {
    JsonNode defaults = server.json("/capabilities");
    try {
      server.ok("PATCH", "/capabilities", "{\"flags\":[\"doc\",\"inline\"]}");
      server.ok("PATCH", "/", "{\"description\":\"caps absent\"}");
      assertThat(server.json("/capabilities").path("flags").toString()).as("absent: unchanged")
          .isEqualTo("[\"doc\",\"inline\"]");
      server.ok("PATCH", "/", "{\"capabilities\":null}");
      assertThat(server.json("/capabilities")).as("null: the defaults").isEqualTo(defaults);

      // switching inline off in the same request that asks for ?inline: this response still inlines,
      // and already shows the new capabilities; the next request no longer inlines
      JsonNode answer = server.ok("PATCH", "/?inline=capabilities", "{\"capabilities\":{\"flags\":[\"doc\"]}}");
      assertThat(answer.path("capabilities").path("flags").toString()).isEqualTo("[\"doc\"]");
      assertThat(server.json("/?inline=capabilities").has("capabilities")).isFalse();
    } finally {
      server.ok("PUT", "/capabilities", "{}");
    }
  }

  @Test
  void readOnlyAttributesInARequestAreIgnoredEvenWhenInvalid_CORE_ATTR_006() throws Exception {
    server.ok("PUT", g + "/files/f", "{}");
    JsonNode before = server.json(g);
    JsonNode patched = server.ok("PATCH", g, "{\"self\":5,\"xid\":false,\"shortself\":{},\"filesurl\":[1],"
        + "\"filescount\":\"many\",\"description\":\"changed\"}");
    for (String readOnly : new String[] {"self", "xid", "filesurl", "filescount", "dirid"}) {
      assertThat(patched.get(readOnly)).as(readOnly).isEqualTo(before.get(readOnly));
    }
    assertThat(patched.has("shortself")).isFalse();
    assertThat(patched.path("description").asText()).isEqualTo("changed");
    JsonNode version = server.ok("PATCH", g + "/files/f/versions/1", "{\"isdefault\":\"no\",\"xid\":1}");
    assertThat(version.path("isdefault").asBoolean()).isTrue();
    assertThat(version.path("xid").asText()).isEqualTo(g + "/files/f/versions/1");
  }

  @Test
  void registryModelsourceAbsentKeepsNullAndEmptyReset_CORE_REG_008() throws Exception {
    String dirs = "{\"groups\":{\"dirs\":{\"singular\":\"dir\"}}}";
    try (XregServer own = XregServer.fresh()) { // a Registry without data, so its model may shrink
      own.start();
      own.ok("PUT", "/modelsource", dirs);
      own.ok("PATCH", "/", "{\"description\":\"modelsource absent\"}");
      assertThat(own.json("/model").path("groups").has("dirs")).as("absent: unchanged").isTrue();
      own.ok("PATCH", "/", "{\"modelsource\":null}");
      assertThat(own.json("/model").path("groups").has("dirs")).as("null: the spec-only model").isFalse();
      own.ok("PUT", "/modelsource", dirs);
      own.ok("PATCH", "/", "{\"modelsource\":{}}");
      assertThat(own.json("/model").path("groups").has("dirs")).as("{}: the spec-only model").isFalse();
    }
  }
}
