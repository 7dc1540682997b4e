package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The spec-defined attributes per level, with the type names filled in (model.md; CORE-MOD-006, CORE-MOD-021). */
class SpecAttributesTest {
  private static final ResourceType FILES = ModelParser.resource("files", ModelParserTest.json("{\"singular\":\"file\"}"),
      "groups.dirs.resources.files");
  private static final GroupType DIRS = ModelParser.group("dirs", ModelParserTest.json("{\"singular\":\"dir\"}"));

  @Test
  void typeNamesAreFilledIntoKeysAndNames() {
    assertThat(SpecAttributes.groupCollection(DIRS).fieldNames()).toIterable()
        .containsExactly("dirsurl", "dirscount", "dirs");
    assertThat(SpecAttributes.group(DIRS).at("/dirid/name").asText()).isEqualTo("dirid");
    assertThat(SpecAttributes.resourceCollection(FILES).has("filescount")).isTrue();
    assertThat(SpecAttributes.versionDocument(FILES).fieldNames()).toIterable()
        .containsExactly("fileurl", "file", "filebase64");
    for (ObjectNode level : new ObjectNode[] {SpecAttributes.version(FILES), SpecAttributes.resource(FILES),
        SpecAttributes.meta(FILES)}) {
      assertThat(level.at("/fileid/name").asText()).isEqualTo("fileid");
      assertThat(level.toString()).doesNotContain("{RESOURCE");
    }
  }

  @Test
  void eachLevelHasItsOwnSpecAttributes() {
    assertThat(SpecAttributes.registry().has("specversion")).isTrue();
    assertThat(SpecAttributes.group(DIRS).has("specversion")).isFalse();
    assertThat(SpecAttributes.version(FILES).has("versionid")).isTrue();
    assertThat(SpecAttributes.resource(FILES).has("versionid")).isFalse();
    assertThat(SpecAttributes.resource(FILES).has("metaurl")).isTrue();
    assertThat(SpecAttributes.meta(FILES).has("defaultversionid")).isTrue();
  }

  @Test
  void everyCallIsAFreshCopy() {
    SpecAttributes.registry().remove("specversion");
    ((ObjectNode) SpecAttributes.version(FILES).get("versionid")).put("required", false);
    assertThat(SpecAttributes.registry().has("specversion")).isTrue();
    assertThat(SpecAttributes.version(FILES).at("/versionid/required").asBoolean()).isTrue();
  }
}
