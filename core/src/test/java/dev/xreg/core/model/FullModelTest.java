package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full model of {@code GET /model} (CORE-MOD-001, CORE-MOD-004): what is shown, and in which
 * order, since clients read the JSON text and the spec's samples list spec attributes first.
 */
class FullModelTest {
  private static final Model MODEL = Model.parse(Json.parseTrusted("{"
      + "\"attributes\":{\"owner\":{\"type\":\"string\"}},"
      + "\"groups\":{\"dirs\":{\"singular\":\"dir\",\"description\":\"folders\",\"labels\":{\"k\":\"v\"},"
      + "\"xmodelversion\":\"9\",\"constraints\":{\"files.format\":{\"enum\":[\"a\"]}},"
      + "\"resources\":{\"files\":{\"singular\":\"file\",\"icon\":\"https://example.com/i.png\",\"maxversions\":2,"
      + "\"attributes\":{\"size\":{\"type\":\"uinteger\"}},\"metaattributes\":{\"owner\":{\"type\":\"string\"}}}}}}}"));

  @Test
  void specAttributesComeFirstThenExtensionsThenCollections() {
    ObjectNode full = MODEL.full();
    List<String> registry = names(full.get("attributes"));
    assertThat(registry.indexOf("owner")).isEqualTo(registry.indexOf("modelsource") + 1);
    assertThat(registry.subList(registry.indexOf("owner") + 1, registry.size()))
        .containsExactly("dirsurl", "dirscount", "dirs");
    List<String> version = names(full.at("/groups/dirs/resources/files/attributes"));
    assertThat(version.subList(version.indexOf("size"), version.size()))
        .containsExactly("size", "fileurl", "file", "filebase64");
    assertThat(names(full.at("/groups/dirs/resources/files/metaattributes"))).endsWith("owner");
    // an extension's definition gets its name, first
    assertThat(names(full.at("/attributes/owner"))).containsExactly("name", "type");
  }

  @Test
  void descriptiveKeysAndConstraintsAreShownAsWritten() {
    JsonNode dirs = MODEL.full().at("/groups/dirs");
    assertThat(names(dirs)).containsExactly("plural", "singular", "description", "labels", "constraints",
        "attributes", "resources");
    assertThat(dirs.at("/constraints/files.format/enum/0").asText()).isEqualTo("a");
    JsonNode files = dirs.at("/resources/files");
    assertThat(files.path("icon").asText()).isEqualTo("https://example.com/i.png");
    assertThat(files.path("maxversions").asInt()).isEqualTo(2);
    assertThat(files.has("typemap")).isFalse();
    assertThat(files.has("setdefaultversionsticky")).isFalse();
    assertThat(names(files)).containsSubsequence("singleversionroot", "validateformat", "validatecompatibility",
        "strictvalidation", "attributes", "resourceattributes", "metaattributes");
  }

  @Test
  void everyAttributeDefinitionIsNamedAtEveryDepth_issue16() {
    Model m = Model.parse(Json.parseTrusted("{\"attributes\":{\"conf\":{\"type\":\"object\",\"attributes\":{"
        + "\"kind\":{\"type\":\"string\",\"ifvalues\":{\"x\":{\"siblingattributes\":{\"xtra\":{\"type\":\"string\"}}}}},"
        + "\"tags\":{\"type\":\"array\",\"item\":{\"type\":\"object\",\"attributes\":{\"k\":{\"type\":\"string\"}}}},"
        + "\"deep\":{\"type\":\"map\",\"item\":{\"type\":\"array\",\"item\":{\"type\":\"object\","
        + "\"attributes\":{\"v\":{\"type\":\"integer\"}}}}}}}},"
        + "\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\","
        + "\"attributes\":{\"o\":{\"type\":\"object\",\"attributes\":{\"p\":{\"type\":\"string\"}}}}}}}}}"));
    ObjectNode full = m.full();
    assertThat(full.at("/attributes/conf/attributes/kind/name").asText()).isEqualTo("kind");
    assertThat(full.at("/attributes/conf/attributes/kind/ifvalues/x/siblingattributes/xtra/name").asText())
        .isEqualTo("xtra");
    assertThat(full.at("/attributes/conf/attributes/tags/item/attributes/k/name").asText()).isEqualTo("k");
    assertThat(full.at("/attributes/conf/attributes/deep/item/item/attributes/v/name").asText()).isEqualTo("v");
    assertThat(names(full.at("/attributes/conf/attributes/tags"))).first().isEqualTo("name");
    assertThat(full.at("/groups/dirs/resources/files/attributes/o/attributes/p/name").asText()).isEqualTo("p");
    // and every definition anywhere in the full model, spec attributes included
    assertNamed(full);
  }

  /** Walks every attribute map of {@code node} and checks name == key. */
  private static void assertNamed(JsonNode node) {
    node.fields().forEachRemaining(f -> {
      if (f.getValue().isObject() && (f.getKey().equals("attributes") || f.getKey().equals("resourceattributes")
          || f.getKey().equals("metaattributes") || f.getKey().equals("siblingattributes"))) {
        f.getValue().fields().forEachRemaining(a -> {
          if (a.getValue().isObject()) {
            assertThat(a.getValue().path("name").asText()).as(a.getKey()).isEqualTo(a.getKey());
          }
        });
      }
      if (f.getValue().isContainerNode()) {
        assertNamed(f.getValue());
      }
    });
  }

  @Test
  void eachCallRendersAnewSoChangesToOneResultStayThere() {
    ((ObjectNode) MODEL.full().get("attributes")).remove("owner");
    assertThat(MODEL.full().at("/attributes").has("owner")).isTrue();
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
