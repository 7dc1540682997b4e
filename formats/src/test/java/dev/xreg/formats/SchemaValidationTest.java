package dev.xreg.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Format validation with real parsers through the Resource processing algorithm and the
 * built-in schema model (validateformat true, strictvalidation false): SCHEMA-016..022, SCHEMA-029.
 */
class SchemaValidationTest {
  static final ResourceType SCHEMAS = Model.parse(Model.builtInSource("schema"))
      .group("schemagroups").orElseThrow().resource("schemas").orElseThrow();
  static final String XID = "/schemagroups/g/schemas/s";

  static final String AVRO = "{\"type\":\"record\",\"name\":\"Motion\",\"namespace\":\"com.example\","
      + "\"fields\":[{\"name\":\"camera\",\"type\":\"string\"}]}";
  static final String PROTO3 = "syntax = \"proto3\"; package ex; message Job { string id = 1; int32 pages = 2; }";
  static final String XSD = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
      + "<xs:element name=\"job\" type=\"xs:string\"/></xs:schema>";
  static final String JSONSCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
      + "\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}";

  @Test
  void validDocumentsAreFormatValidated_SCHEMA_016_017() {
    assertValid("Avro/1.11.0", json(AVRO));
    assertValid("avro/1.8.2", json(AVRO));
    assertValid("Protobuf/3", text(PROTO3));
    assertValid("Protobuf/2", text("syntax = \"proto2\"; message A { required string id = 1; }"));
    assertValid("Protobuf/2.0", text("message A { optional string id = 1; }"));
    assertValid("XSD/1.0", text(XSD));
    assertValid("JsonSchema/draft-07", json(JSONSCHEMA));
    assertValid("JSONSchema/Draft-07", json(JSONSCHEMA));
    assertValid("JsonSchema/draft/2020-12", json("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
        + "\"type\":\"object\",\"$defs\":{\"a\":{\"type\":\"integer\"}}}"));
    assertValid("JsonSchema/draft/2019-09", json("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
    assertValid("JSONSchema/Draft-04", json("{\"type\":\"object\",\"required\":[\"a\"]}"));
  }

  @Test
  void invalidDocumentsAreFormatViolations_SCHEMA_016() {
    assertViolation("Avro/1.11", json("{\"type\":\"record\",\"name\":\"M\",\"fields\":[{\"name\":\"a\",\"type\":\"nosuchtype\"}]}"), "Avro");
    assertViolation("Avro/1.11", json("{\"type\":\"record\",\"name\":\"M\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}"), "Avro");
    assertViolation("Protobuf/3", text("syntax = \"proto3\"; message A { string id = ; }"), ".proto");
    assertViolation("Protobuf/3", text("syntax = \"proto2\"; message A { optional string id = 1; }"), "syntax");
    assertViolation("Protobuf/2", text(PROTO3), "syntax");
    assertViolation("XSD/1.0", text("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"xs:nosuch\"/></xs:schema>"), "XML Schema");
    assertViolation("XSD/1.0", text("<not-closed"), "XML Schema");
    assertViolation("JsonSchema/draft-07", json("{\"type\":\"objekt\"}"), "meta-schema");
    assertViolation("JsonSchema/draft-07", json("{\"required\":\"id\"}"), "meta-schema");
    assertViolation("JsonSchema/draft-07", json("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"}"), "another draft");
    assertViolation("JsonSchema/draft/2020-12", text("not json at all"), "not JSON");
    // SCHEMA-022: no document is the empty case; it is not a valid Avro schema
    ObjectNode body = Json.object().put("format", "Avro/1.11");
    assertThatThrownBy(() -> write(body)).isInstanceOfSatisfying(XRegistryException.class,
        e -> assertThat(e.type()).isEqualTo(ErrorType.FORMAT_VIOLATION));
  }

  @Test
  void xsdNeverFetchesExternalEntitiesOrSchemas() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:annotation><xs:documentation>&e;"
        + "</xs:documentation></xs:annotation></xs:schema>";
    assertThat(new XsdFormat().violation("XSD/1.0", xxe.getBytes())).isNotNull();
    String imports = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
        + "<xs:include schemaLocation=\"http://127.0.0.1:9/other.xsd\"/></xs:schema>";
    assertThat(new XsdFormat().violation("XSD/1.0", imports.getBytes())).isNotNull();
  }

  @Test
  void unknownFormatsAndExternalDocumentsAreNotValidated_SCHEMA_019_020() {
    Entity v = write(json(AVRO).put("format", "JsonStructure/draft-04"));
    assertThat(v.attributes().get("formatvalidated").asBoolean()).isFalse();
    assertThat(v.attributes().get("formatvalidatedreason").asText()).contains("not supported");
    v = write(text(XSD).put("format", "XMLSchema/1.1"));
    assertThat(v.attributes().get("formatvalidated").asBoolean()).isFalse();
    ObjectNode external = Json.object().put("format", "Avro/1.11").put("schemaurl", "https://example.com/a.avsc");
    v = write(external);
    assertThat(v.attributes().get("formatvalidated").asBoolean()).isFalse();
    assertThat(v.attributes().get("formatvalidatedreason").asText()).contains("outside");
  }

  @Test
  void strictValidationTurnsNotPerformedIntoErrors_A3() {
    ObjectNode src = Model.builtInSource("schema");
    ObjectNode strict = (ObjectNode) Json.parseTrusted(Model.parse(src).expanded().toString());
    ((ObjectNode) strict.at("/groups/schemagroups/resources/schemas")).put("strictvalidation", true);
    ResourceType type = Model.parse(strict).group("schemagroups").orElseThrow().resource("schemas").orElseThrow();
    assertThatThrownBy(() -> write(type, json(AVRO).put("format", "JsonStructure/draft-04")))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.FORMAT_UNKNOWN));
    assertThatThrownBy(() -> write(type, Json.object().put("format", "Avro/1").put("schemaurl", "https://x/y")))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.FORMAT_EXTERNAL));
  }

  @Test
  void noFormatMeansNoValidatedAttributes_SCHEMA_021() {
    ObjectNode src = (ObjectNode) Json.parseTrusted("{\"groups\":{\"gs\":{\"singular\":\"g\",\"resources\":{\"schemas\":"
        + "{\"singular\":\"schema\",\"validateformat\":true}}}}}");
    ResourceType type = Model.parse(src).group("gs").orElseThrow().resource("schemas").orElseThrow();
    Entity v = write(type, json(AVRO));
    assertThat(v.attributes().has("formatvalidated")).isFalse();
    assertThat(v.attributes().has("formatvalidatedreason")).isFalse();
  }

  @Test
  void capabilitiesAdvertiseExactlyTheValidatedFormats_SCHEMA_029() {
    ObjectNode caps = Capabilities.defaults();
    assertThat(caps.get("formats").toString()).contains("Avro/*", "Protobuf/3", "XSD/1.0", "JsonSchema/draft-07",
        "JsonSchema/draft/2020-12").doesNotContain("XSD/1.1").doesNotContain("JsonStructure");
    assertThat(caps.at("/compatibilities/Avro~1*").toString()).contains("backward_transitive", "full");
    assertThat(caps.at("/compatibilities/Protobuf~13").toString()).contains("forward");
    assertThat(caps.at("/compatibilities/JsonSchema~1draft~12020-12").toString()).contains("backward_transitive");
    assertThat(caps.path("compatibilities").has("XSD/1.0")).isFalse();
    // a client may narrow the list, not extend it
    Capabilities.apply(caps, Json.parseTrusted("{\"formats\":[\"avro/*\"]}"), Method.PATCH);
    assertThatThrownBy(() -> Capabilities.apply(caps, Json.parseTrusted("{\"formats\":[\"XSD/1.1\"]}"), Method.PATCH))
        .isInstanceOf(XRegistryException.class);
  }

  private static void assertValid(String format, ObjectNode body) {
    Entity v = write(body.put("format", format));
    assertThat(v.attributes().get("formatvalidated").asBoolean()).as(format).isTrue();
    assertThat(v.attributes().has("formatvalidatedreason")).isFalse();
  }

  private static void assertViolation(String format, ObjectNode body, String detail) {
    assertThatThrownBy(() -> write(body.put("format", format)))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.FORMAT_VIOLATION);
          assertThat(e.subject()).isEqualTo(XID + "/versions/1");
        })
        .hasMessageContaining(detail);
  }

  static ObjectNode json(String doc) {
    ObjectNode o = Json.object();
    o.set("schema", Json.parseTrusted(doc));
    return o;
  }

  static ObjectNode text(String doc) {
    return Json.object().put("schema", doc);
  }

  static Entity write(ObjectNode body) {
    return write(SCHEMAS, body);
  }

  static Entity write(ResourceType type, ObjectNode body) {
    ResourceState s = ResourceWrite.on(null, type, XID, "s", Method.PUT, Instant.now()).resource(body, null)
        .finish().after();
    return s.defaultVersion();
  }

  static Map<String, Entity> versions(ResourceState s) {
    return s.versions();
  }

  static JsonNode attrs(Entity e) {
    return e.attributes();
  }
}
