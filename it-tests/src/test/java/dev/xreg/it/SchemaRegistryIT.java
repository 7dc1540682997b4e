package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema registry over HTTP with {@code XREG_MODEL=schema} (docs/schema-registry-quickstart.md):
 * register, evolve, get a compatibility error with nothing stored; format validation results;
 * capabilities; the doc view hides formatvalidated (SCHEMA-016..030); run-time model selection
 * through {@code $include} of a built-in model (CE-002).
 */
class SchemaRegistryIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema");

  static String avro(String fields) {
    return "{\"type\":\"record\",\"name\":\"Motion\",\"namespace\":\"com.example\",\"fields\":[" + fields + "]}";
  }

  @Test
  void quickStartRegisterEvolveBreak() throws Exception {
    String r = "/schemagroups/com.example/schemas/motion.v1";
    HttpResponse<String> created = server.send("PUT", r + "$details", "{\"format\":\"Avro/1.11\",\"meta\":{\"compatibility\":"
        + "\"backward\"},\"schema\":" + avro("{\"name\":\"camera\",\"type\":\"string\"}") + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode v1 = XregServer.JSON.readTree(created.body());
    assertThat(v1.path("formatvalidated").asBoolean()).isTrue();
    assertThat(v1.path("compatibilityvalidated").asBoolean()).isTrue();

    HttpResponse<String> evolved = server.send("PUT", r + "/versions/2$details", "{\"format\":\"Avro/1.11\",\"schema\":"
        + avro("{\"name\":\"camera\",\"type\":\"string\"},{\"name\":\"motionType\",\"type\":\"string\","
        + "\"default\":\"any\"}") + "}");
    assertThat(evolved.statusCode()).as(evolved.body()).isEqualTo(201);
    assertThat(XregServer.JSON.readTree(evolved.body()).path("compatibilityvalidated").asBoolean()).isTrue();

    JsonNode before = server.json(r + "$details?inline=versions");
    HttpResponse<String> broken = server.send("PUT", r + "/versions/3$details", "{\"format\":\"Avro/1.11\",\"schema\":"
        + avro("{\"name\":\"camera\",\"type\":\"string\"},{\"name\":\"zone\",\"type\":\"int\"}") + "}");
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
    JsonNode problem = XregServer.JSON.readTree(broken.body());
    assertThat(problem.path("type").asText()).endsWith("#compatibility_violation");
    assertThat(problem.path("subject").asText()).isEqualTo(r);
    assertThat(problem.path("detail").asText()).contains("field zone").contains("Version 3")
        .contains("Version 2").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(server.json(r + "$details?inline=versions")).as("nothing stored").isEqualTo(before);
  }

  /** The watchkam evolution (v2 adds the required motionType) under backward, then forward (SCHEMA-023, SCHEMA-024). */
  @Test
  void jsonSchemaCompatibility() throws Exception {
    String r = "/schemagroups/com.example/schemas/motion.json";
    String v1 = "{\"type\":\"object\",\"properties\":{\"camera\":{\"type\":\"string\"}},\"required\":[\"camera\"]}";
    String v2 = "{\"type\":\"object\",\"properties\":{\"camera\":{\"type\":\"string\"},\"motionType\":"
        + "{\"type\":\"string\"}},\"required\":[\"camera\",\"motionType\"]}";
    JsonNode created = server.ok("PUT", r + "$details", "{\"format\":\"JsonSchema/draft-07\",\"meta\":"
        + "{\"compatibility\":\"backward\"},\"schema\":" + v1 + "}");
    assertThat(created.path("compatibilityvalidated").asBoolean()).isTrue();

    Snapshot before = Snapshot.of(server, "/", r + "$details?inline=versions");
    HttpResponse<String> broken = server.send("PUT", r + "/versions/2$details",
        "{\"format\":\"JsonSchema/draft-07\",\"schema\":" + v2 + "}");
    JsonNode problem = assertProblem(broken, 400, "compatibility_violation", "The request would cause one or more "
        + "Versions of \"" + r + "\" to violate its compatibility rule (backward).", r);
    assertThat(problem.path("detail").asText()).contains("Version 2 cannot read data written with Version 1")
        .contains("field motionType: required by the reader, not by the writer");
    before.assertUnchanged();

    // forward: the old schema (open content model) reads the new data
    server.ok("PATCH", r + "/meta", "{\"compatibility\":\"forward\"}");
    JsonNode evolved = server.ok("PUT", r + "/versions/2$details", "{\"format\":\"JsonSchema/draft-07\",\"schema\":"
        + v2 + "}");
    assertThat(evolved.path("compatibilityvalidated").asBoolean()).isTrue();

    // a construct outside the checked subset: stored, not validated, with the reason
    JsonNode undecided = server.ok("PUT", r + "/versions/3$details", "{\"format\":\"JsonSchema/draft-07\",\"schema\":"
        + "{\"anyOf\":[" + v2 + ",{\"type\":\"null\"}]}}");
    assertThat(undecided.path("compatibilityvalidated").asBoolean(true)).isFalse();
    assertThat(undecided.path("compatibilityvalidatedreason").asText()).contains("\"anyOf\"");
  }

  @Test
  void formatViolationUnknownFormatAndDocView() throws Exception {
    HttpResponse<String> bad = server.send("PUT", "/schemagroups/g/schemas/bad$details",
        "{\"format\":\"Protobuf/3\",\"schema\":\"syntax = \\\"proto3\\\"; message A { string id = ; }\"}");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(XregServer.JSON.readTree(bad.body()).path("type").asText()).endsWith("#format_violation");
    assertThat(server.get("/schemagroups/g/schemas/bad").statusCode()).isEqualTo(404);

    HttpResponse<String> unknown = server.send("PUT", "/schemagroups/g/schemas/js$details",
        "{\"format\":\"JsonStructure/draft-04\",\"schema\":{\"type\":\"object\"}}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(201);
    JsonNode v = XregServer.JSON.readTree(unknown.body());
    assertThat(v.path("formatvalidated").asBoolean(true)).isFalse();
    assertThat(v.path("formatvalidatedreason").asText()).contains("not supported");

    HttpResponse<String> xsd = server.send("PUT", "/schemagroups/g/schemas/x$details", "{\"format\":\"XSD/1.0\",\"schema\":"
        + "\"<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='a'/></xs:schema>\"}");
    assertThat(xsd.statusCode()).as(xsd.body()).isEqualTo(201);
    assertThat(XregServer.JSON.readTree(xsd.body()).path("formatvalidated").asBoolean()).isTrue();
    // SCHEMA-030: the doc view hides formatvalidated
    assertThat(server.json("/schemagroups/g/schemas/x$details?doc").has("formatvalidated")).isFalse();

    // SCHEMA-008: format matchversions
    HttpResponse<String> mixed = server.send("PUT", "/schemagroups/g/schemas/x/versions/2$details",
        "{\"format\":\"Avro/1.11\",\"schema\":" + avro("") + "}");
    assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(400);
  }

  @Test
  void capabilitiesAdvertiseTheValidators_SCHEMA_029() throws Exception {
    JsonNode caps = server.json("/capabilities");
    assertThat(caps.path("formats").toString()).contains("Avro/*", "Protobuf/3", "JsonSchema/draft-07", "XSD/1.0");
    assertThat(caps.path("compatibilities").path("Avro/*").toString()).contains("backward", "full_transitive");
    assertThat(caps.path("compatibilities").path("JsonSchema/draft-07").toString()).contains("forward", "full");
  }

  /** SCHEMA-005: the model constraint {@code schemas.format equals format} ties every Version to the group's format. */
  @Test
  void groupFormatIsForcedOntoEverySchemaVersion_SCHEMA_005() throws Exception {
    String avroSchema = "{\"format\":\"Avro/1.11\",\"schema\":" + avro("{\"name\":\"a\",\"type\":\"string\"}") + "}";
    String jsonSchema = "{\"format\":\"JsonSchema/draft-07\",\"schema\":{\"type\":\"object\"}}";
    // a group without format: any format
    assertThat(server.send("PUT", "/schemagroups/free/schemas/s$details", jsonSchema).statusCode()).isEqualTo(201);

    String g = "/schemagroups/avro-only";
    assertThat(server.send("PUT", g, "{\"format\":\"Avro/1.11\"}").statusCode()).isEqualTo(201);
    assertThat(server.send("PUT", g + "/schemas/ok$details", avroSchema).statusCode()).isEqualTo(201);
    Snapshot before = Snapshot.of(server, "/", g, g + "/schemas?inline=*");
    HttpResponse<String> wrong = server.send("PUT", g + "/schemas/json$details", jsonSchema);
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(wrong.body());
    assertThat(p.path("type").asText()).endsWith("#constraint_failure");
    assertThat(p.path("subject").asText()).isEqualTo(g + "/schemas/json");
    assertThat(p.path("args").path("kind").asText()).isEqualTo("equals");
    assertThat(p.path("args").path("path").asText()).isEqualTo("format");
    // changing the group's format under existing schemas is refused too
    assertThat(server.send("PATCH", g, "{\"format\":\"JsonSchema/draft-07\"}").statusCode()).isEqualTo(400);
    before.assertUnchanged();
  }
}
