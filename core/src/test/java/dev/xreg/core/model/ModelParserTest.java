package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The pieces of {@link ModelParser} one by one: the model language's keys, type names, aspects
 * and attribute maps, each with the exact detail a client sees (model.md "Creating or Updating
 * the Registry Model").
 */
class ModelParserTest {
  private static final String FILES = "groups.dirs.resources.files";

  @Test
  void aModelIsAJsonObjectAndNullIsTheEmptyModel_CORE_MOD_005() {
    assertModelError(() -> ModelParser.parse(json("[]")), "the model must be a JSON object");
    assertModelError(() -> ModelParser.parse(json("\"dirs\"")), "the model must be a JSON object");
    for (JsonNode none : new JsonNode[] {null, NullNode.getInstance()}) {
      Model m = ModelParser.parse(none);
      assertThat(m.groups()).isEmpty();
      assertThat(m.source()).isEqualTo(Json.object());
    }
  }

  @Test
  void unknownKeysAreNamedWithTheirLevel_CORE_MOD_005() {
    assertModelError(() -> ModelParser.parse(json("{\"bogus\":1}")), "unknown key \"bogus\" in the model");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"dir\",\"maxversions\":1}")),
        "unknown key \"maxversions\" in groups.dirs");
    assertModelError(() -> ModelParser.resource("files", json("{\"singular\":\"file\",\"resources\":{}}"), FILES),
        "unknown key \"resources\" in " + FILES);
  }

  @Test
  void theSourceIsACopyAndKeepsWhatTheExpandedModelResolves_CORE_MOD_004() {
    ObjectNode input = (ObjectNode) json("{\"groups\":{"
        + "\"as\":{\"singular\":\"a\",\"resources\":{\"files\":{\"singular\":\"file\"}}},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"]}}}");
    Model m = ModelParser.parse(input);
    input.putObject("attributes");
    assertThat(m.source().has("attributes")).isFalse();
    assertThat(m.source().at("/groups/bs/ximportresources").size()).isEqualTo(1);
    assertThat(m.expanded().at("/groups/bs").has("ximportresources")).isFalse();
    assertThat(m.expanded().at("/groups/bs/resources/files/singular").asText()).isEqualTo("file");
  }

  @Test
  void groupsAreAnObjectKeptInDefinitionOrder() {
    assertModelError(() -> ModelParser.groups(json("[]")),
        "\"groups\" must be an object keyed by the Group type's plural name");
    assertThat(ModelParser.groups(null)).isEmpty();
    assertThat(ModelParser.groups(json("{\"zs\":{\"singular\":\"z\"},\"as\":{\"singular\":\"a\"}}")).keySet())
        .containsExactly("zs", "as");
  }

  @Test
  void anEmptyPluralIsAnOmittedOne_anEmptySingularAMissingOne_issue16() {
    // what `xr model group|resource create` sends back after reading the modelsource
    Model m = ModelParser.parse(json("{\"groups\":{\"dirs\":{\"plural\":\"\",\"singular\":\"dir\","
        + "\"resources\":{\"files\":{\"plural\":\"\",\"singular\":\"file\"}}}}}"));
    assertThat(m.group("dirs").orElseThrow().plural()).isEqualTo("dirs");
    assertThat(m.group("dirs").orElseThrow().resource("files").orElseThrow().plural()).isEqualTo("files");
    assertModelError(() -> ModelParser.parse(json("{\"groups\":{\"dirs\":{\"singular\":\"\"}}}")),
        "\"groups.dirs.singular\" is required");
  }

  @Test
  void pluralAndSingularNamesAreUniquePerLevelOnly_CORE_MOD_008() {
    assertModelError(() -> ModelParser.groups(json("{\"dirs\":{\"singular\":\"dir\"},\"dir\":{\"singular\":\"d\"}}")),
        "the name \"dir\" is used twice in \"groups\" (plural and singular names must be unique)");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"dir\",\"resources\":{"
        + "\"files\":{\"singular\":\"file\"},\"docs\":{\"singular\":\"files\"}}}")),
        "the name \"files\" is used twice in \"groups.dirs.resources\" (plural and singular names must be unique)");
    // a Resource type may take the names of its Group type: another level
    GroupType g = ModelParser.group("dirs", json("{\"singular\":\"dir\",\"resources\":{\"dirs\":{\"singular\":\"dir\"}}}"));
    assertThat(g.resource("dirs")).isPresent();
  }

  @Test
  void typeNamesAreRequiredLowercaseAndAtMost57Characters_CORE_MOD_008() {
    assertModelError(() -> ModelParser.group("dirs", json("{}")), "\"groups.dirs.singular\" is required");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":1}")),
        "\"groups.dirs.singular\" (1) must be a lowercase name of 1-57 characters matching ^[a-z_][a-z0-9_]*$");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"9dir\"}")), "(\"9dir\")");
    assertThat(ModelParser.group("dirs", json("{\"singular\":\"" + "d".repeat(57) + "\"}")).singular()).hasSize(57);
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"" + "d".repeat(58) + "\"}")), "1-57");
    // plural may be left out (the key names it); given, it must be the key
    assertThat(ModelParser.group("dirs", json("{\"singular\":\"dir\"}")).plural()).isEqualTo("dirs");
    assertModelError(() -> ModelParser.resource("files", json("{\"plural\":\"docs\",\"singular\":\"doc\"}"), FILES),
        "\"" + FILES + ".plural\" (docs) must equal its key (files)");
  }

  @Test
  void groupAndResourceDefinitionsAreObjects() {
    assertModelError(() -> ModelParser.groups(json("{\"dirs\":[]}")), "\"groups.dirs\" must be an object");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"dir\",\"resources\":[]}")),
        "\"groups.dirs.resources\" must be an object");
    assertModelError(() -> ModelParser.group("dirs", json("{\"singular\":\"dir\",\"resources\":{\"files\":1}}")),
        "\"" + FILES + "\" must be an object");
  }

  @Test
  void aspectsAreReadWithTheirTypes() {
    ResourceType r = ModelParser.resource("files", json("{\"singular\":\"file\",\"maxversions\":3,"
        + "\"setversionid\":false,\"hasdocument\":false,\"validateformat\":true,\"validatecompatibility\":true,"
        + "\"strictvalidation\":true,\"typemap\":{\"text/*\":\"binary\"}}"), FILES);
    assertThat(r.maxVersions()).isEqualTo(3);
    assertThat(r.setVersionId()).isFalse();
    assertThat(r.hasDocument()).isFalse();
    assertThat(r.validateFormat()).isTrue();
    assertThat(r.validateCompatibility()).isTrue();
    assertThat(r.strictValidation()).isTrue();
    assertThat(r.typemap().kind("text/plain")).isEqualTo(TypeMap.BINARY);
    // setdefaultversionsticky is not kept on the type but must still be a boolean
    for (String flag : new String[] {"setversionid", "hasdocument", "singleversionroot", "validateformat",
        "validatecompatibility", "strictvalidation", "setdefaultversionsticky"}) {
      assertModelError(() -> ModelParser.resource("files", json("{\"singular\":\"file\",\"" + flag + "\":\"true\"}"), FILES),
          "\"" + FILES + "." + flag + "\" must be a boolean");
    }
  }

  @Test
  void maxversionsIsAUintegerHeldAtMost2Pow31Minus1() {
    assertModelError(() -> ModelParser.resource("files", json("{\"singular\":\"file\",\"maxversions\":-1}"), FILES),
        "\"" + FILES + ".maxversions\" ");
    assertModelError(() -> ModelParser.resource("files", json("{\"singular\":\"file\",\"maxversions\":\"3\"}"), FILES),
        "\"" + FILES + ".maxversions\" ");
    ResourceType huge = ModelParser.resource("files", json("{\"singular\":\"file\",\"maxversions\":1099511627776}"), FILES);
    assertThat(huge.maxVersions()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void versionmodeIsAKnownNameAndOrderedModesHaveOneRoot_CORE_MOD_016() {
    assertModelError(() -> ModelParser.resource("files", json("{\"singular\":\"file\",\"versionmode\":1}"), FILES),
        "\"" + FILES + ".versionmode\" (1) is not one of manual, createdat, modifiedat, semver");
    ResourceType semver = ModelParser.resource("files", json("{\"singular\":\"file\",\"versionmode\":\"SemVer\"}"), FILES);
    assertThat(semver.versionMode()).isEqualTo(VersionMode.SEMVER);
    assertThat(semver.singleVersionRoot()).isTrue();
    assertModelError(() -> ModelParser.resource("files",
        json("{\"singular\":\"file\",\"versionmode\":\"createdat\",\"singleversionroot\":false}"), FILES),
        "\"" + FILES + ".singleversionroot\" must be true with versionmode \"createdat\": leave it out or set it to true");
  }

  @Test
  void attributeMapsDeclareNamesAndTheStar_CORE_ATTR_001() {
    AttributeSet none = ModelParser.attributes(null, "attributes");
    assertThat(none.names()).isEmpty();
    assertThat(none.allowsAny()).isFalse();

    ObjectNode given = (ObjectNode) json("{\"a\":{\"type\":\"string\"},\"*\":{\"type\":\"any\"},\"" + "b".repeat(63) + "\":{}}");
    AttributeSet set = ModelParser.attributes(given, "attributes");
    given.putObject("late");
    assertThat(set.names()).containsExactly("a", "b".repeat(63));
    assertThat(set.allowsAny()).isTrue();
    assertThat(set.definitions().fieldNames()).toIterable().containsExactly("a", "*", "b".repeat(63));

    assertModelError(() -> ModelParser.attributes(json("[]"), "groups.dirs.attributes"),
        "\"groups.dirs.attributes\" must be an object keyed by attribute name");
    assertModelError(() -> ModelParser.attributes(json("{\"Size\":{}}"), "attributes"),
        "attribute name \"Size\" in \"attributes\" must match ^[a-z_][a-z0-9_]{0,62}$");
    assertModelError(() -> ModelParser.attributes(json("{\"" + "b".repeat(64) + "\":{}}"), "attributes"), "must match");
    assertModelError(() -> ModelParser.attributes(json("{\"*\":true}"), "attributes"), "\"attributes.*\" must be an object");
  }

  @Test
  void namesOfTheServersRootPathsAreRefused_CORE_HTTP_002() {
    assertModelError(() -> ModelParser.parse(json("{\"attributes\":{\"v2\":{\"type\":\"string\"}}}")),
        "\"v2\" in \"attributes\" is a root path of this server ([auth, cnr, health, metrics, ready, v2]); choose another name");
    assertModelError(() -> ModelParser.groups(json("{\"cnr\":{\"singular\":\"c\"}}")),
        "\"cnr\" in \"groups\" is a root path of this server");
    assertModelError(() -> ModelParser.groups(json("{\"modelsource\":{\"singular\":\"m\"}}")),
        "\"modelsource\" in \"groups\" is one of the Registry's own paths"
            + " ([capabilities, capabilitiesoffered, export, model, modelsource]); choose another name");
    // only the plural is a path segment: a singular of that name hides nothing
    assertThat(ModelParser.groups(json("{\"v2s\":{\"singular\":\"v2\"}}"))).containsOnlyKeys("v2s");
  }

  static void assertModelError(ThrowingCallable call, String detailFragment) {
    assertThatThrownBy(call).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
      assertThat(e.subject()).isEqualTo("/model");
      assertThat(e.detail()).contains(detailFragment);
    });
  }

  static JsonNode json(String text) {
    return Json.parseTrusted(text);
  }
}
