package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The model: parsing a modelsource and expanding it into the full model (checklist 2.6, 2.8). */
class ModelTest {

  @Test
  void sampleModelExpandsToSampleModelFull() throws IOException {
    Model model = Model.parse(spec("sample-model.json"));
    assertThat(model.full()).isEqualTo(spec("sample-model-full.json"));
  }

  @Test
  void modelsourceIsKeptAsSupplied() throws IOException {
    JsonNode source = spec("sample-model.json");
    assertThat(Model.parse(source).source()).isEqualTo(source);
  }

  @Test
  void emptyModelHasOnlyRegistryAttributes() {
    JsonNode full = Model.empty().full();
    assertThat(full.path("groups").size()).isZero();
    assertThat(full.path("attributes").has("specversion")).isTrue();
    assertThat(full.path("attributes").has("modelsource")).isTrue();
  }

  @Test
  void hasdocumentFalseDropsTheDocumentAttributes() {
    Model m = Model.parse(Json.parseTrusted(
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\",\"hasdocument\":false}}}}}"));
    JsonNode version = m.full().at("/groups/dirs/resources/files/attributes");
    assertThat(version.has("fileurl")).isFalse();
    assertThat(version.has("file")).isFalse();
    assertThat(version.has("filebase64")).isFalse();
    assertThat(version.has("versionid")).isTrue();
  }

  @Test
  void unknownKeysAreModelErrors() {
    assertModelError("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"bogus\":1}}}", "bogus");
  }

  @Test
  void pluralMustEqualItsKey() {
    assertModelError("{\"groups\":{\"dirs\":{\"plural\":\"folders\",\"singular\":\"dir\"}}}", "must equal its key");
  }

  @Test
  void typeNamesAreLowercaseAndAtMost57Characters() {
    assertModelError("{\"groups\":{\"Dirs\":{\"singular\":\"dir\"}}}", "Dirs");
    String longName = "a".repeat(58);
    assertModelError("{\"groups\":{\"" + longName + "\":{\"singular\":\"dir\"}}}", "1-57");
  }

  @Test
  void pluralAndSingularNamesAreUnique() {
    assertModelError("{\"groups\":{\"dirs\":{\"singular\":\"dirs\"}}}", "used twice");
  }

  @Test
  void versionmodeMustBeKnown() {
    assertModelError("{\"groups\":{\"d\":{\"singular\":\"dx\",\"resources\":{\"fs\":{\"singular\":\"f\","
        + "\"versionmode\":\"random\"}}}}}", "versionmode");
  }

  @Test
  void orderedVersionmodesHaveASingleRoot_CORE_MOD_016() {
    for (String mode : new String[] {"createdat", "modifiedat", "semver"}) {
      assertModelError("{\"groups\":{\"d\":{\"singular\":\"dir\",\"resources\":{\"fs\":{\"singular\":\"f\","
          + "\"versionmode\":\"" + mode + "\",\"singleversionroot\":false}}}}}", "singleversionroot");
      Model m = Model.parse(Json.parseTrusted("{\"groups\":{\"d\":{\"singular\":\"dir\",\"resources\":{\"fs\":"
          + "{\"singular\":\"f\",\"versionmode\":\"" + mode + "\"}}}}}"));
      assertThat(m.full().at("/groups/d/resources/fs/singleversionroot").asBoolean()).as(mode).isTrue();
    }
    Model manual = Model.parse(Json.parseTrusted(
        "{\"groups\":{\"d\":{\"singular\":\"dir\",\"resources\":{\"fs\":{\"singular\":\"f\"}}}}}"));
    assertThat(manual.full().at("/groups/d/resources/fs/singleversionroot").asBoolean()).isFalse();
  }

  @Test
  void ximportresourcesChainsInAnyOrderButNeverInACircleOrFromItsOwnGroup_CORE_MOD_018() {
    // c imports from b, which imports from a: resolved although c comes first
    Model chained = Model.parse(Json.parseTrusted("{\"groups\":{"
        + "\"cs\":{\"singular\":\"c\",\"ximportresources\":[\"/bs/files\"]},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"]},"
        + "\"as\":{\"singular\":\"a\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
    assertThat(chained.group("cs").orElseThrow().resource("files")).isPresent();
    assertThat(chained.full().at("/groups/cs").has("ximportresources")).isFalse();

    assertModelError("{\"groups\":{\"as\":{\"singular\":\"a\",\"ximportresources\":[\"/bs/files\"],"
        + "\"resources\":{\"notes\":{\"singular\":\"note\"}}},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/notes\"],"
        + "\"resources\":{\"files\":{\"singular\":\"file\"}}}}}", "circle: as -> bs -> as");
    assertModelError("{\"groups\":{\"as\":{\"singular\":\"a\",\"ximportresources\":[\"/as/files\"],"
        + "\"resources\":{\"files\":{\"singular\":\"file\"}}}}}", "its own Group");
    assertModelError("{\"groups\":{\"as\":{\"singular\":\"a\",\"resources\":{\"files\":{\"singular\":\"file\"}}},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"],"
        + "\"resources\":{\"files\":{\"singular\":\"file\"}}}}}", "unique within a Group");
    assertModelError("{\"groups\":{\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"]}}}",
        "names no Resource type");
  }

  @Test
  void attributeDefinitionsAreChecked() {
    String wrap = "{\"attributes\":{\"x\":%s}}";
    assertModelError(String.format(wrap, "{\"type\":\"strnig\"}"), "not an xRegistry type");
    assertThatThrownBy(() -> Model.parse(Json.parseTrusted(String.format(wrap, "{\"type\":\"string\",\"default\":\"a\"}"))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MODEL_REQUIRED_TRUE));
    assertThatThrownBy(() -> Model.parse(Json.parseTrusted(String.format(wrap,
        "{\"type\":\"map\",\"item\":{\"type\":\"string\"},\"required\":true,\"default\":{}}"))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MODEL_SCALAR_DEFAULT));
    Model.parse(Json.parseTrusted(String.format(wrap, "{\"type\":\"string\",\"required\":true,\"default\":\"a\"}")));
  }

  /**
   * Issue 12: Group types named like a path the server serves at the root (the OCI and App
   * Registry APIs, operations, auth) or like one of the Registry's own paths would shadow it.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"v2", "cnr", "auth", "health", "ready", "metrics",
      "model", "modelsource", "capabilities", "capabilitiesoffered", "export"})
  void groupTypesMayNotShadowARootPath(String plural) {
    assertModelError("{\"groups\":{\"" + plural + "\":{\"singular\":\"one\"}}}", "\"" + plural + "\" in \"groups\"");
  }

  /** CORE-MOD-021: singular names whose ID attribute is already a spec attribute were a 500 (UncheckedIOException). */
  @Test
  void singularNamesMayNotCollideWithSpecAttributes() {
    assertModelError("{\"groups\":{\"xs\":{\"singular\":\"x\"}}}", "would name an attribute \"xid\"");
    for (String singular : new String[] {"version", "ancestor", "x"}) {
      assertModelError("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\""
          + singular + "\"}}}}}", "would name an attribute \"" + singular + "id\"");
    }
    Model.parse(Json.parseTrusted("{\"groups\":{\"xs\":{\"singular\":\"xx\",\"resources\":{\"vs\":{\"singular\":"
        + "\"versions_\"}}}}}"));
  }

  @Test
  void aGroupTypeNamedLikeARootPathOnlyInPartIsFine() {
    Model m = Model.parse(Json.parseTrusted("{\"groups\":{\"v2s\":{\"singular\":\"v2\"},"
        + "\"exports\":{\"singular\":\"export\"}}}"));
    assertThat(m.groups()).containsOnlyKeys("v2s", "exports");
  }

  @Test
  void aspectsHaveTheSpecDefaults() {
    Model m = Model.parse(Json.parseTrusted(
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
    ResourceType r = m.group("dirs").orElseThrow().resource("files").orElseThrow();
    assertThat(r.maxVersions()).isZero();
    assertThat(r.setVersionId()).isTrue();
    assertThat(r.hasDocument()).isTrue();
    assertThat(r.versionMode()).isEqualTo(VersionMode.MANUAL);
    assertThat(r.singleVersionRoot()).isFalse();
  }

  private static void assertModelError(String model, String detailFragment) {
    assertThatThrownBy(() -> Model.parse(Json.parseTrusted(model)))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
          assertThat(e.detail()).contains(detailFragment);
          assertThat(e.subject()).isEqualTo("/model");
        });
  }

  private static JsonNode spec(String name) throws IOException {
    try (InputStream in = ModelTest.class.getResourceAsStream("/spec/core/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }
}
