package dev.xreg.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.format.CompatibilityUndecided;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema reader/writer check (docs/compatibility.md "JSON Schema"): for each rule of the
 * decided subset a compatible and a breaking change, and "undecided" for constructs outside it.
 * {@code read(reader, writer)}: the values the writer allows that the reader rejects.
 */
class JsonSchemaCompatibilityTest {
  static final String D7 = "JsonSchema/draft-07";
  static final JsonSchemaFormat FORMAT = new JsonSchemaFormat();

  static List<String> read(String format, String reader, String writer) {
    return FORMAT.readProblems(format, reader.getBytes(StandardCharsets.UTF_8), writer.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> read(String reader, String writer) {
    return read(D7, reader, writer);
  }

  static String object(String properties, String required, String more) {
    return "{\"type\":\"object\",\"properties\":{" + properties + "}"
        + (required == null ? "" : ",\"required\":[" + required + "]")
        + (more == null ? "" : ",\"additionalProperties\":" + more) + "}";
  }

  static final String CAMERA = "\"camera\":{\"type\":\"string\"}";
  static final String MOTION = "\"motionType\":{\"type\":\"string\"}";

  @Test
  void newlyRequiredPropertyBreaksTheNewReader_oldOpenReaderReadsNewData() {
    // the watchkam sample: v2 adds the required motionType
    String v1 = object(CAMERA, "\"camera\"", null);
    String v2 = object(CAMERA + "," + MOTION, "\"camera\",\"motionType\"", null);
    assertThat(read(v2, v1)).anyMatch(p -> p.startsWith("field motionType: required by the reader, not by the writer"));
    assertThat(read(v1, v2)).isEmpty();
  }

  @Test
  void propertyAddedToAnOpenModelBreaks_toAClosedModelPasses() {
    // open writer: any value may appear under "motionType", the new reader wants a string
    assertThat(read(object(CAMERA + "," + MOTION, null, null), object(CAMERA, null, null)))
        .containsExactly("field motionType: the reader restricts the type to \"string\", the writer allows any type");
    // closed writer never writes motionType
    assertThat(read(object(CAMERA + "," + MOTION, null, null), object(CAMERA, null, "false"))).isEmpty();
  }

  @Test
  void propertyRemovedFromAClosedReaderBreaks_fromAnOpenReaderPasses() {
    String writer = object(CAMERA + "," + MOTION, null, null);
    assertThat(read(object(CAMERA, null, "false"), writer))
        .anyMatch(p -> p.startsWith("field motionType: the property is not allowed by the reader"));
    assertThat(read(object(CAMERA, null, null), writer)).isEmpty();
    // a reader that closes the content model rejects the writer's extra properties
    assertThat(read(object(CAMERA + "," + MOTION, null, "false"), writer))
        .containsExactly("the document: the reader allows no additional properties (additionalProperties false), "
            + "the writer does");
    // additionalProperties as a schema: string values only, the writer's extra values are numbers
    assertThat(read(object(CAMERA, null, "{\"type\":\"string\"}"), object(CAMERA, null, "{\"type\":\"integer\"}")))
        .containsExactly("field (additional properties): type integer of the writer is not accepted by the reader (reader type \"string\")");
  }

  @Test
  void requiredRemovedPasses() {
    assertThat(read(object(CAMERA, null, null), object(CAMERA, "\"camera\"", null))).isEmpty();
  }

  @Test
  void typeNarrowingBreaks_wideningPasses() {
    assertThat(read("{\"type\":\"integer\"}", "{\"type\":\"number\"}"))
        .containsExactly("the document: the reader accepts only integers, the writer any number");
    assertThat(read("{\"type\":\"number\"}", "{\"type\":\"integer\"}")).isEmpty();
    assertThat(read("{\"type\":[\"string\",\"null\"]}", "{\"type\":\"string\"}")).isEmpty();
    assertThat(read("{\"type\":\"string\"}", "{\"type\":[\"string\",\"null\"]}"))
        .containsExactly("the document: type null of the writer is not accepted by the reader (reader type \"string\")");
    assertThat(read(object("\"n\":{\"type\":\"string\"}", null, null), object("\"n\":{\"type\":\"integer\"}", null, null)))
        .containsExactly("field n: type integer of the writer is not accepted by the reader (reader type \"string\")");
  }

  @Test
  void enumValueRemovedBreaks_addedPasses_enumAddedBreaks() {
    String ab = "{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}";
    String abc = "{\"type\":\"string\",\"enum\":[\"a\",\"b\",\"c\"]}";
    assertThat(read(abc, ab)).isEmpty();
    assertThat(read(ab, abc)).containsExactly("the document: enum values [\"c\"] of the writer are not allowed by the reader");
    assertThat(read(ab, "{\"type\":\"string\"}")).singleElement().asString()
        .contains("the reader allows only the values");
    // const is a one-value enum; numbers compare by value (1 == 1.0)
    assertThat(read("{\"enum\":[1.0,2]}", "{\"const\":1}")).isEmpty();
    assertThat(read("{\"type\":\"string\"}", "{\"enum\":[\"a\",3]}"))
        .containsExactly("the document: type integer of the writer is not accepted by the reader (reader type \"string\")");
  }

  @Test
  void nestedObjectsAndArraysNameTheField() {
    String w = object("\"address\":" + object("\"zip\":{\"type\":\"string\"}", null, null)
        + ",\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", null, null);
    String r = object("\"address\":" + object("\"zip\":{\"type\":\"integer\"}", "\"zip\"", null)
        + ",\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":8}}", null, null);
    assertThat(read(r, w)).containsExactlyInAnyOrder(
        "field address.zip: type string of the writer is not accepted by the reader (reader type \"integer\")",
        "field address.zip: required by the reader, not by the writer",
        "field tags[]: the reader adds maxLength 8");
    assertThat(read(w, w)).isEmpty();
  }

  @Test
  void boundsMayLoosenButNotTighten() {
    assertThat(read("{\"type\":\"string\",\"maxLength\":20}", "{\"type\":\"string\",\"maxLength\":10}")).isEmpty();
    assertThat(read("{\"type\":\"string\",\"maxLength\":5}", "{\"type\":\"string\",\"maxLength\":10}"))
        .containsExactly("the document: the reader tightens maxLength from 10 to 5");
    assertThat(read("{\"type\":\"number\",\"minimum\":0}", "{\"type\":\"number\",\"exclusiveMinimum\":0}")).isEmpty();
    assertThat(read("{\"type\":\"number\",\"exclusiveMinimum\":0}", "{\"type\":\"number\",\"minimum\":0}"))
        .containsExactly("the document: the reader adds or raises the lower bound exclusive 0");
    // draft-04: exclusiveMinimum is a boolean modifying minimum
    assertThat(read("JsonSchema/draft-04", "{\"type\":\"number\",\"minimum\":0,\"exclusiveMinimum\":true}",
        "{\"type\":\"number\",\"minimum\":0}")).containsExactly(
        "the document: the reader adds or raises the lower bound exclusive 0");
    assertThat(read("{\"type\":\"array\",\"uniqueItems\":true}", "{\"type\":\"array\"}"))
        .containsExactly("the document: the reader requires uniqueItems");
    // numeric keywords do not apply to strings
    assertThat(read("{\"maximum\":3}", "{\"type\":\"string\"}")).isEmpty();
  }

  @Test
  void localAndRecursiveRefsAreFollowed() {
    String tree = "{\"definitions\":{\"node\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"%s\"},"
        + "\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/node\"}}}}},"
        + "\"$ref\":\"#/definitions/node\"}";
    assertThat(read(tree.formatted("string"), tree.formatted("string"))).isEmpty();
    assertThat(read(tree.formatted("string"), tree.formatted("integer")))
        .containsExactly("field name: type integer of the writer is not accepted by the reader (reader type \"string\")");
    // 2020-12: $defs, and $ref next to annotations only
    String d = "{\"$defs\":{\"id\":{\"type\":\"%s\"}},\"type\":\"object\",\"properties\":{\"id\":"
        + "{\"$ref\":\"#/$defs/id\",\"description\":\"the id\"}}}";
    assertThat(read("JsonSchema/draft/2020-12", d.formatted("number"), d.formatted("integer"))).isEmpty();
    assertThat(read("JsonSchema/draft/2020-12", d.formatted("integer"), d.formatted("number")))
        .containsExactly("field id: the reader accepts only integers, the writer any number");
  }

  @Test
  void annotationsAndUnknownKeywordsAreIgnored() {
    assertThat(read("{\"title\":\"B\",\"description\":\"x\",\"x-owner\":\"me\",\"format\":\"email\",\"type\":\"string\"}",
        "{\"title\":\"A\",\"type\":\"string\"}")).isEmpty();
    // draft-04 has no const: validators ignore it, so it narrows nothing
    assertThat(read("JsonSchema/draft-04", "{\"const\":1}", "{\"type\":\"number\"}")).isEmpty();
  }

  @Test
  void constructsOutsideTheSubsetAreUndecided() {
    assertUndecided("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", "{\"type\":\"string\"}", "\"oneOf\"");
    assertUndecided("{\"type\":\"object\"}", "{\"type\":\"object\",\"patternProperties\":{\"^x\":{}}}",
        "writer schema uses \"patternProperties\"");
    assertUndecided("{\"$ref\":\"https://example.com/other.json\"}", "{}", "is not a local JSON Pointer");
    assertUndecided("{\"type\":\"string\",\"pattern\":\"^a\"}", "{\"type\":\"string\",\"pattern\":\"^ab\"}",
        "another \"pattern\"");
    assertUndecided("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}", "{\"type\":\"array\"}", "as an array");
    // a reader that accepts anything decides without looking at the writer
    assertThat(read(object("\"x\":{\"description\":\"any\"}", null, null),
        object("\"x\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", null, null))).isEmpty();
    // pattern added where there was none is a real narrowing
    assertThat(read("{\"type\":\"string\",\"pattern\":\"^a\"}", "{\"type\":\"string\"}"))
        .containsExactly("the document: the reader adds the pattern \"^a\"");
  }

  private static void assertUndecided(String reader, String writer, String reason) {
    assertThatThrownBy(() -> read(reader, writer)).isInstanceOf(CompatibilityUndecided.class).hasMessageContaining(reason);
  }
}
