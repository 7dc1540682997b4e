package dev.xreg.formats;

import static dev.xreg.formats.SchemaLineage.addVersion;
import static dev.xreg.formats.SchemaLineage.assertViolation;
import static dev.xreg.formats.SchemaLineage.body;
import static dev.xreg.formats.SchemaLineage.create;
import static dev.xreg.formats.SchemaLineage.setRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * meta.compatibility along the ancestor lineage (SCHEMA-023..027) with Avro's
 * SchemaCompatibility and the Protobuf field-number rules: for each rule a compatible and a
 * breaking change; a violation is compatibility_violation naming the change, and nothing changes.
 */
class CompatibilityTest {
  static final String XID = SchemaLineage.XID;

  static String avro(String fields) {
    return "{\"type\":\"record\",\"name\":\"Motion\",\"namespace\":\"com.example\",\"fields\":[" + fields + "]}";
  }

  static final String A_CAMERA = "{\"name\":\"camera\",\"type\":\"string\"}";
  static final String A_TYPE_REQUIRED = "{\"name\":\"motionType\",\"type\":\"string\"}";
  static final String A_TYPE_DEFAULT = "{\"name\":\"motionType\",\"type\":\"string\",\"default\":\"any\"}";

  @Test
  void avroBackwardAddedRequiredFieldBreaks_addedFieldWithDefaultPasses() {
    ResourceState s = create("Avro/1.11", avro(A_CAMERA), "backward");
    assertThat(s.defaultVersion().attributes().get("compatibilityvalidated").asBoolean()).isTrue();
    ResourceState ok = addVersion(s, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_DEFAULT));
    assertThat(ok.versions().get("2").attributes().get("compatibilityvalidated").asBoolean()).isTrue();
    assertViolation(s, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_REQUIRED), "motionType");
  }

  @Test
  void avroForwardRemovedFieldWithoutDefaultBreaks_addedRequiredFieldPasses() {
    ResourceState s = create("Avro/1.11", avro(A_CAMERA + "," + A_TYPE_REQUIRED), "forward");
    // forward: the old schema must read new data; dropping motionType (no default in old) breaks
    assertViolation(s, "Avro/1.11", avro(A_CAMERA), "motionType");
    ResourceState ok = addVersion(s, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_REQUIRED
        + ",{\"name\":\"extra\",\"type\":\"int\"}"));
    assertThat(ok.versions()).hasSize(2);
  }

  @Test
  void avroFullChangedTypeBreaks_renameWithAliasPassesBackward() {
    ResourceState s = create("Avro/1.11", avro(A_CAMERA), "full");
    assertViolation(s, "Avro/1.11", avro("{\"name\":\"camera\",\"type\":\"int\"}"), "camera");
    ResourceState b = create("Avro/1.11", avro(A_CAMERA), "backward");
    assertViolation(b, "Avro/1.11", avro("{\"name\":\"cam\",\"type\":\"string\"}"), "cam");
    addVersion(b, "Avro/1.11", avro("{\"name\":\"cam\",\"type\":\"string\",\"aliases\":[\"camera\"]}"));
  }

  @Test
  void avroTransitiveChecksTheWholeLineage() {
    ResourceState s = create("Avro/1.11", avro(A_CAMERA + "," + A_TYPE_DEFAULT), "backward");
    // v2 drops the default: still reads v1 data (it has motionType)
    s = addVersion(s, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_REQUIRED));
    // v3 == v2 with a new defaulted field: fine for backward
    String v3 = avro(A_CAMERA + "," + A_TYPE_REQUIRED + ",{\"name\":\"x\",\"type\":\"int\",\"default\":0}");
    addVersion(s, "Avro/1.11", v3);
    // switching to backward_transitive re-checks all Versions: v1 -> v2 -> v3 is fine
    ResourceState t = setRule(addVersion(s, "Avro/1.11", v3), "backward_transitive");
    assertThat(t.versions().values()).allMatch(v -> v.attributes().path("compatibilityvalidated").asBoolean());
    // a lineage where only the direct step is compatible: v1 has no motionType at all
    ResourceState u = create("Avro/1.11", avro(A_CAMERA), "backward");
    u = addVersion(u, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_DEFAULT));
    u = setRule(u, "none");
    u = addVersion(u, "Avro/1.11", avro(A_CAMERA + "," + A_TYPE_REQUIRED)); // breaks v1, fine vs v2? no default
    ResourceState fu = u;
    assertThatThrownBy(() -> setRule(fu, "backward_transitive")).isInstanceOfSatisfying(XRegistryException.class,
        e -> {
          assertThat(e.type()).isEqualTo(ErrorType.COMPATIBILITY_VIOLATION);
          assertThat(e.detail()).contains("Version 3").contains("Version 1").contains("motionType");
        });
    ResourceState withBackward = setRule(u, "backward"); // only the direct step: v3 reads v2 (has motionType)
    assertThat(withBackward.versions().get("3").attributes().get("compatibilityvalidated").asBoolean()).isTrue();
  }

  @Test
  void protobufFieldNumberReuseAndTypeChangeBreak_newFieldPasses() {
    String v1 = "syntax = \"proto3\"; package ex; message Job { string id = 1; int32 pages = 2; }";
    ResourceState s = create("Protobuf/3", v1, "full");
    addVersion(s, "Protobuf/3", "syntax = \"proto3\"; package ex; message Job { string id = 1; int32 pages = 2; "
        + "string owner = 3; }");
    addVersion(s, "Protobuf/3", "syntax = \"proto3\"; package ex; message Job { string id = 1; reserved 2; }");
    assertViolation(s, "Protobuf/3", "syntax = \"proto3\"; package ex; message Job { string id = 1; int32 copies = 2; }",
        "reused");
    assertViolation(s, "Protobuf/3", "syntax = \"proto3\"; package ex; message Job { string id = 1; string pages = 2; }",
        "changed type");
    assertViolation(s, "Protobuf/3", "syntax = \"proto3\"; package ex; message Other { string id = 1; }",
        "message ex.Job is missing from the reader");
  }

  static List<String> protoRead(String reader, String writer) {
    return new ProtobufFormat().readProblems("Protobuf/3", reader.getBytes(StandardCharsets.UTF_8),
        writer.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void protobufEnumValuesCompareByNumber() {
    String v1 = "syntax = \"proto3\"; package ex; enum Color { RED = 0; GREEN = 1; } message M { Color c = 1; }";
    String added = "syntax = \"proto3\"; package ex; enum Color { RED = 0; GREEN = 1; BLUE = 2; } "
        + "message M { Color c = 1; }";
    assertThat(protoRead(added, v1)).isEmpty();
    // proto3 enums are open: an old reader keeps BLUE's number
    assertThat(protoRead(v1, added)).isEmpty();
    assertThat(protoRead("syntax = \"proto3\"; package ex; enum Color { RED = 0; BLUE = 1; } message M { Color c = 1; }",
        v1)).containsExactly("enum ex.Color value number 1 was reused: \"GREEN\" in the writer, \"BLUE\" in the reader");
    assertThat(protoRead("syntax = \"proto3\"; package ex; enum Color { RED = 0; GREEN = 2; } message M { Color c = 1; }",
        v1)).containsExactly("enum ex.Color value GREEN changed number: 1 in the writer, 2 in the reader");
    // proto2 enums are closed: a value the reader lacks is lost
    String p2 = "syntax = \"proto2\"; message M { enum Kind { A = 0; B = 1; } optional Kind k = 1; }";
    assertThat(new ProtobufFormat().readProblems("Protobuf/2",
        "syntax = \"proto2\"; message M { enum Kind { A = 0; } optional Kind k = 1; }".getBytes(StandardCharsets.UTF_8),
        p2.getBytes(StandardCharsets.UTF_8))).containsExactly("enum M.Kind value B (1) is missing from the reader; a "
            + "proto2 reader does not know it");
  }

  @Test
  void protobufTypesOfTheDocumentCompareByFullName() {
    String v1 = "syntax = \"proto3\"; package ex; message Job { Page page = 1; map<string, Page> pages = 2; "
        + "google.protobuf.Timestamp at = 3; } message Page { int32 n = 1; }";
    String v2 = "syntax = \"proto3\"; package ex; message Job { .ex.Page page = 1; map<string, ex.Page> pages = 2; "
        + "google.protobuf.Timestamp at = 3; } message Page { int32 n = 1; }";
    assertThat(protoRead(v2, v1)).isEmpty();
    // a nested type of the same name is another type
    String v3 = "syntax = \"proto3\"; package ex; message Job { message Page { string s = 1; } Page page = 1; "
        + "map<string, Page> pages = 2; google.protobuf.Timestamp at = 3; } message Page { int32 n = 1; }";
    assertThat(protoRead(v3, v1)).containsExactly(
        "ex.Job.page (field 1) changed type: ex.Page in the writer, ex.Job.Page in the reader",
        "ex.Job.pages (field 2) changed type: map<string,ex.Page> in the writer, map<string,ex.Job.Page> in the "
            + "reader");
  }

  @Test
  void protobufFieldsMovedIntoOneOneofBreak_singleFieldMovePasses() {
    String v1 = "syntax = \"proto3\"; message M { string a = 1; string b = 2; }";
    assertThat(protoRead("syntax = \"proto3\"; message M { oneof choice { string a = 1; string b = 2; } }", v1))
        .containsExactly("M: fields [a (field 1), b (field 2)] are in oneof choice of the reader but could be set "
            + "together by the writer; only the last one would be kept");
    assertThat(protoRead("syntax = \"proto3\"; message M { oneof choice { string a = 1; } string b = 2; }", v1))
        .isEmpty();
    // out of a oneof: the writer set at most one
    assertThat(protoRead(v1, "syntax = \"proto3\"; message M { oneof choice { string a = 1; string b = 2; } }"))
        .isEmpty();
    ResourceState s = create("Protobuf/3", v1, "backward");
    assertViolation(s, "Protobuf/3", "syntax = \"proto3\"; message M { oneof choice { string a = 1; string b = 2; } }",
        "only the last one would be kept");
  }

  @Test
  void protobufRequiredFieldAddedBreaksBackward() {
    ResourceState s = create("Protobuf/2", "syntax = \"proto2\"; message A { optional string id = 1; }", "backward");
    assertViolation(s, "Protobuf/2", "syntax = \"proto2\"; message A { optional string id = 1; "
        + "required int32 n = 2; }", "is required by the reader and missing from the writer");
  }

  static final String J_V1 = JsonSchemaCompatibilityTest.object(JsonSchemaCompatibilityTest.CAMERA, "\"camera\"", null);
  static final String J_V2 = JsonSchemaCompatibilityTest.object(JsonSchemaCompatibilityTest.CAMERA + ","
      + JsonSchemaCompatibilityTest.MOTION, "\"camera\",\"motionType\"", null);

  @Test
  void jsonSchemaNewlyRequiredPropertyBreaksBackwardAndFull_passesForward() {
    assertViolation(create("JsonSchema/draft-07", J_V1, "backward"), "JsonSchema/draft-07", J_V2,
        "Version 2 cannot read data written with Version 1 (backward): field motionType: required by the reader, not by the writer");
    assertViolation(create("JsonSchema/draft-07", J_V1, "full"), "JsonSchema/draft-07", J_V2, "field motionType");
    ResourceState fwd = addVersion(create("JsonSchema/draft-07", J_V1, "forward"), "JsonSchema/draft-07", J_V2);
    assertThat(fwd.versions().get("2").attributes().get("compatibilityvalidated").asBoolean()).isTrue();
  }

  @Test
  void jsonSchemaTransitiveRulesCompareWithEveryAncestor() {
    ResourceState s = addVersion(create("JsonSchema/draft-07", J_V1, "backward"), "JsonSchema/draft-07", J_V1);
    String before = s.toString();
    assertThatThrownBy(() -> addVersion(s, "JsonSchema/draft-07", J_V2)).isInstanceOfSatisfying(
        XRegistryException.class, e -> assertThat(e.detail()).contains("written with Version 2")
            .doesNotContain("written with Version 1"));
    ResourceState t = setRule(s, "backward_transitive");
    assertThatThrownBy(() -> addVersion(t, "JsonSchema/draft-07", J_V2)).isInstanceOfSatisfying(
        XRegistryException.class, e -> assertThat(e.detail()).contains("written with Version 2")
            .contains("written with Version 1"));
    assertThat(s.toString()).isEqualTo(before);
  }

  @Test
  void jsonSchemaConstructsOutsideTheCheckedSubsetAreNotValidated_strictIsCompatibilityUnknown() {
    String oneOf = "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}";
    ResourceState s = addVersion(create("JsonSchema/draft-07", "{\"type\":\"string\"}", "backward"),
        "JsonSchema/draft-07", oneOf);
    Entity v2 = s.versions().get("2");
    assertThat(v2.attributes().get("formatvalidated").asBoolean()).isTrue();
    assertThat(v2.attributes().get("compatibilityvalidated").asBoolean()).isFalse();
    assertThat(v2.attributes().get("compatibilityvalidatedreason").asText())
        .contains("compatibility could not be checked").contains("\"oneOf\"");
    ObjectNode strict = (ObjectNode) Json.parseTrusted(Model.parse(Model.builtInSource("schema")).expanded().toString());
    ((ObjectNode) strict.at("/groups/schemagroups/resources/schemas")).put("strictvalidation", true);
    ResourceType type = Model.parse(strict).group("schemagroups").orElseThrow().resource("schemas").orElseThrow();
    ObjectNode b1 = body("JsonSchema/draft-07", "{\"type\":\"string\"}");
    b1.putObject("meta").put("compatibility", "backward");
    ResourceState first = ResourceWrite.on(null, type, XID, "s", Method.PUT, Instant.now()).resource(b1, null)
        .finish().after();
    assertThatThrownBy(() -> ResourceWrite.on(first, type, XID, "s", Method.PATCH, Instant.now())
        .versions(Map.of("2", body("JsonSchema/draft-07", oneOf))).finish())
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.COMPATIBILITY_UNKNOWN);
          assertThat(e.detail()).contains("\"oneOf\"");
        });
  }

  @Test
  void unsupportedRuleForAFormatIsNotPerformed_andUnknownRuleIsAnError_A4() {
    String xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\"/></xs:schema>";
    ResourceState s = create("XSD/1.0", xsd, "backward");
    Entity v = s.defaultVersion();
    assertThat(v.attributes().get("formatvalidated").asBoolean()).isTrue();
    assertThat(v.attributes().get("compatibilityvalidated").asBoolean()).isFalse();
    assertThat(v.attributes().get("compatibilityvalidatedreason").asText()).contains("not supported");
    assertThatThrownBy(() -> create("Avro/1", avro(A_CAMERA), "sideways"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.COMPATIBILITY_UNKNOWN));
    // unknown format: compatibilityvalidated false because formatvalidated is false (SCHEMA-024)
    ObjectNode body = Json.object().put("format", "JsonStructure/draft-04");
    body.putObject("schema");
    body.putObject("meta").put("compatibility", "backward");
    Entity js = ResourceWrite.on(null, SchemaValidationTest.SCHEMAS, XID, "s", Method.PUT, Instant.now())
        .resource(body, null).finish().after().defaultVersion();
    assertThat(js.attributes().get("compatibilityvalidated").asBoolean()).isFalse();
  }

  @Test
  void noCompatibilityMeansNoCheckAndNoAttribute_SCHEMA_025() {
    ResourceState s = create("Avro/1.11", avro(A_CAMERA), null);
    ResourceState t = addVersion(s, "Avro/1.11", avro("{\"name\":\"camera\",\"type\":\"int\"}"));
    assertThat(t.versions().get("2").attributes().has("compatibilityvalidated")).isFalse();
  }
}
