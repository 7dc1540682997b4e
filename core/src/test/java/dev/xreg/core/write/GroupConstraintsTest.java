package dev.xreg.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group {@code constraints}: merge of both levels, enum/equals checks, defaults, narrowing (CORE-COM-014). */
class GroupConstraintsTest {
  private static final String RXID = "/dirs/d1/files/f1";
  private static final JsonNode MODEL = Json.parse(("{\"files.kind\":{\"enum\":[\"a\",\"b\",\"c\"],\"default\":\"a\"},"
      + "\"files.meta2.lang\":{\"equals\":\"lang\"},\"others.kind\":{\"enum\":[\"z\"]}}").getBytes(), "/model");

  private static Entity entity(String id, String attributes) {
    return new Entity("/x/" + id, id, 1, Instant.EPOCH, Instant.EPOCH, (ObjectNode) Json.parse(attributes.getBytes(), id),
        null);
  }

  private static GroupConstraints constraints(String groupAttributes) {
    return GroupConstraints.of(MODEL, entity("d1", groupAttributes), "files");
  }

  private static void fails(GroupConstraints c, String versionAttributes, String kind, String path) {
    assertThatThrownBy(() -> c.check(RXID, List.of(entity("2", versionAttributes))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.CONSTRAINT_FAILURE);
          assertThat(e.subject()).isEqualTo(RXID);
          assertThat(e.args()).containsEntry("kind", kind).containsEntry("path", path);
          assertThat(e.detail()).contains("Version \"2\"");
        });
  }

  @Test
  void enumAllowsOnlyItsValuesAndOnlyForItsResourceType() {
    GroupConstraints c = constraints("{}");
    c.check(RXID, List.of(entity("1", "{\"kind\":\"b\"}"), entity("2", "{}")));
    fails(c, "{\"kind\":\"z\"}", "enum", "kind");
    GroupConstraints.of(MODEL, entity("d1", "{}"), "others").check(RXID, List.of(entity("1", "{\"kind\":\"z\"}")));
  }

  @Test
  void equalsFollowsTheGroupAttributeAndIsSkippedWhileTheGroupHasNone() {
    constraints("{}").check(RXID, List.of(entity("1", "{\"meta2\":{\"lang\":\"go\"}}")));
    GroupConstraints java = constraints("{\"lang\":\"java\"}");
    java.check(RXID, List.of(entity("1", "{\"meta2\":{\"lang\":\"java\"}}")));
    fails(java, "{\"meta2\":{\"lang\":\"go\"}}", "equals", "meta2.lang");
    fails(java, "{}", "equals", "meta2.lang");
  }

  /** CORE-XREF-007: a write to an xref target is judged as the source's; the detail names the target and the Group. */
  @Test
  void anXrefTargetsVersionsAreCheckedForTheSourcesGroup() {
    GroupConstraints java = constraints("{\"lang\":\"java\"}");
    String target = "/dirs/other/files/t";
    java.checkXrefTarget(RXID, target, List.of(entity("1", "{\"meta2\":{\"lang\":\"java\"}}")));
    assertThatThrownBy(() -> java.checkXrefTarget(RXID, target, List.of(entity("1", "{\"meta2\":{\"lang\":\"java\"}}"),
        entity("2", "{\"kind\":\"x\",\"meta2\":{\"lang\":\"java\"}}"))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.CONSTRAINT_FAILURE);
          assertThat(e.subject()).isEqualTo(RXID);
          assertThat(e.args()).containsEntry("kind", "enum").containsEntry("path", "kind");
          assertThat(e.detail()).contains("Version \"2\" of " + target).contains("Group /x/d1")
              .contains(RXID + " is an xref to " + target);
        });
  }

  @Test
  void instanceConstraintsApplyOnTopOfTheGroupTypes() {
    GroupConstraints narrowed = constraints("{\"constraints\":{\"files.kind\":{\"enum\":[\"b\"],\"default\":\"b\"}}}");
    fails(narrowed, "{\"kind\":\"a\"}", "enum", "kind");
    assertThat(narrowed.withDefaults(Json.object(), null, true).path("kind").asText()).isEqualTo("b");
  }

  @Test
  void defaultsFillOnlyWhatTheVersionWouldLack() {
    GroupConstraints c = constraints("{}");
    ObjectNode empty = Json.object();
    assertThat(c.withDefaults(empty, null, false).path("kind").asText()).as("new Version").isEqualTo("a");
    assertThat(empty.has("kind")).as("the request body is not modified").isFalse();
    ObjectNode stored = (ObjectNode) Json.parse("{\"kind\":\"c\"}".getBytes(), "v");
    assertThat(c.withDefaults(Json.object(), stored, false).has("kind")).as("PATCH keeps the stored value").isFalse();
    assertThat(c.withDefaults(Json.object(), stored, true).path("kind").asText()).as("PUT replaces").isEqualTo("a");
    ObjectNode explicitNull = Json.object().putNull("kind");
    assertThat(c.withDefaults(explicitNull, null, true).get("kind").isNull()).as("an explicit null is kept").isTrue();
  }

  @Test
  void instanceConstraintsMayOnlyNarrow_CORE_COM_014() {
    GroupType dirs = Model.parse(Json.parse(("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{"
        + "\"files\":{\"singular\":\"file\"},\"others\":{\"singular\":\"other\"}}}}}").getBytes(), "m"))
        .group("dirs").orElseThrow();
    GroupConstraints.checkNarrowing(dirs, MODEL, Json.parse(("{\"files.kind\":{\"enum\":[\"b\"]},"
        + "\"files.meta2.lang\":{\"equals\":\"lang\"},\"files.extra\":{\"default\":1}}").getBytes(), "g"), "/dirs/d1");
    for (String bad : new String[] {"{\"files.kind\":{\"enum\":[\"b\",\"x\"]}}",
        "{\"files.meta2.lang\":{\"equals\":\"other\"}}", "{\"nofiles.kind\":{}}", "{\"files\":{}}", "{\"files.kind\":[]}"}) {
      assertThatThrownBy(() -> GroupConstraints.checkNarrowing(dirs, MODEL, Json.parse(bad.getBytes(), "g"), "/dirs/d1"))
          .as(bad).isInstanceOfSatisfying(XRegistryException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
            assertThat(e.args()).containsEntry("name", "constraints");
          });
    }
  }
}
