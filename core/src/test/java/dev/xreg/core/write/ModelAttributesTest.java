package dev.xreg.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.model.AttributeSet;
import dev.xreg.core.model.Model;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attribute aspects of the model, each with a passing and a failing write (issue 5, CORE-ATTR-*). */
class ModelAttributesTest {
  private static final String XID = "/dirs/d1";

  @Test
  void typesAreCheckedAllTheWayDown_CORE_ATTR_008() {
    AttributeSet m = model("{\"tags\":{\"type\":\"map\",\"item\":{\"type\":\"integer\"}},"
        + "\"list\":{\"type\":\"array\",\"item\":{\"type\":\"string\"}},"
        + "\"obj\":{\"type\":\"object\",\"attributes\":{\"a\":{\"type\":\"boolean\",\"required\":true}}}}");
    apply(m, "{\"tags\":{\"k\":1},\"list\":[\"x\"],\"obj\":{\"a\":true}}", null);
    invalid(m, "{\"tags\":{\"k\":\"one\"}}", "tags.k");
    invalid(m, "{\"tags\":{\"Bad Key\":1}}", "tags");
    invalid(m, "{\"list\":[\"x\",null]}", "list[1]");
    invalid(m, "{\"list\":[1]}", "list[0]");
    invalid(m, "{\"obj\":{}}", "obj");
    invalid(m, "{\"obj\":{\"a\":true,\"b\":1}}", "obj");
  }

  @Test
  void strictEnumRejectsOtherValues_CORE_ATTR_011() {
    AttributeSet m = model("{\"color\":{\"type\":\"string\",\"enum\":[\"red\",\"blue\"]},"
        + "\"shade\":{\"type\":\"string\",\"enum\":[\"dark\"],\"strict\":false}}");
    apply(m, "{\"color\":\"red\",\"shade\":\"light\"}", null);
    invalid(m, "{\"color\":\"green\"}", "color");
  }

  @Test
  void requiredMustBePresent_CORE_ATTR_012() {
    AttributeSet m = model("{\"owner\":{\"type\":\"string\",\"required\":true}}");
    apply(m, "{\"owner\":\"me\"}", null);
    assertThatThrownBy(() -> apply(m, "{}", null)).isInstanceOfSatisfying(XRegistryException.class,
        e -> assertThat(e.type()).isEqualTo(ErrorType.REQUIRED_ATTRIBUTE_MISSING));
  }

  @Test
  void defaultFillsAbsentAndNull_CORE_ATTR_013() {
    AttributeSet m = model("{\"tier\":{\"type\":\"string\",\"default\":\"gold\",\"required\":true}}");
    assertThat(apply(m, "{}", null).get("tier").asText()).isEqualTo("gold");
    assertThat(apply(m, "{\"tier\":null}", null).get("tier").asText()).isEqualTo("gold");
    assertThat(apply(m, "{\"tier\":\"silver\"}", null).get("tier").asText()).isEqualTo("silver");
  }

  @Test
  void readonlyAndImmutableKeepTheStoredValue_CORE_ATTR_006_014() {
    AttributeSet m = model("{\"ro\":{\"type\":\"string\",\"readonly\":true},\"im\":{\"type\":\"string\",\"immutable\":true}}");
    ObjectNode created = apply(m, "{\"ro\":\"client\",\"im\":\"first\"}", null);
    assertThat(created.has("ro")).as("readonly is never client-set").isFalse();
    assertThat(created.get("im").asText()).isEqualTo("first");
    ObjectNode updated = apply(m, "{\"im\":\"second\"}", created);
    assertThat(updated.get("im").asText()).as("immutable after creation").isEqualTo("first");
  }

  @Test
  void ifvaluesAddSiblingAttributes_CORE_ATTR_015() {
    AttributeSet m = model("{\"kind\":{\"type\":\"string\",\"ifvalues\":{\"http\":{\"siblingattributes\":"
        + "{\"url\":{\"type\":\"url\",\"required\":true}}}}},\"*\":{\"type\":\"any\"}}");
    apply(m, "{\"kind\":\"http\",\"url\":\"http://x\"}", null);
    apply(m, "{\"kind\":\"mqtt\"}", null);
    assertThatThrownBy(() -> apply(m, "{\"kind\":\"http\"}", null)).isInstanceOf(XRegistryException.class);
  }

  @Test
  void restatedSpecAttributesNarrowWritesButServerSetOnesStayTheServers_CORE_MOD_006() {
    // a modelsource copied from GET /model restates required spec attributes the server sets itself
    Model model = Model.parse(Json.parseTrusted("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":"
        + "{\"files\":{\"singular\":\"file\",\"attributes\":{\"versionid\":{\"type\":\"string\","
        + "\"required\":true},\"createdat\":{\"type\":\"timestamp\",\"required\":true},"
        + "\"format\":{\"type\":\"string\",\"enum\":[\"a\"]}}}}}}}"));
    Shape shape = Shapes.version(model.group("dirs").orElseThrow().resource("files").orElseThrow());
    String xid = "/dirs/d/files/f/versions/1";
    Entity e = EntityWrite.apply(null, (ObjectNode) Json.parseTrusted("{\"format\":\"a\"}"), Method.PUT, shape,
        xid, "1", Instant.EPOCH);
    assertThat(e.attributes().get("format").asText()).isEqualTo("a");
    // the narrowing of a client-set spec attribute applies
    assertThatThrownBy(() -> EntityWrite.apply(null, (ObjectNode) Json.parseTrusted("{\"format\":\"b\"}"),
        Method.PUT, shape, xid, "1", Instant.EPOCH)).isInstanceOfSatisfying(XRegistryException.class,
            ex -> assertThat(ex.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  private static ObjectNode apply(AttributeSet m, String attrs, ObjectNode before) {
    ObjectNode a = (ObjectNode) Json.parseTrusted(attrs);
    ModelAttributes.apply(a, before, m, XID);
    return a;
  }

  private static void invalid(AttributeSet m, String attrs, String name) {
    assertThatThrownBy(() -> apply(m, attrs, null)).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
      assertThat(e.args().get("name")).isEqualTo(name);
      assertThat(e.subject()).isEqualTo(XID);
    });
  }

  private static AttributeSet model(String defs) {
    ObjectNode d = (ObjectNode) Json.parseTrusted(defs);
    Set<String> names = new HashSet<>();
    d.fieldNames().forEachRemaining(names::add);
    return new AttributeSet(names, names.remove("*"), d);
  }
}
