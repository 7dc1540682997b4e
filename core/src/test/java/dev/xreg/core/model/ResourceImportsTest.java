package dev.xreg.core.model;

import static dev.xreg.core.model.ModelParserTest.assertModelError;
import static dev.xreg.core.model.ModelParserTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** model.md "Reuse of Resource Definitions": {@code ximportresources} on the expanded definition (CORE-MOD-018). */
class ResourceImportsTest {
  private static final String FILES = "\"resources\":{\"files\":{\"singular\":\"file\",\"maxversions\":2}}";

  @Test
  void importedDefinitionsAreCopiedInAndTheKeyRemoved_CORE_MOD_004() {
    ObjectNode model = expand("{\"groups\":{\"as\":{\"singular\":\"a\"," + FILES + "},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"],\"resources\":{\"notes\":{\"singular\":\"note\"}}}}}");
    assertThat(model.at("/groups/bs").has("ximportresources")).isFalse();
    assertThat(model.at("/groups/bs/resources").fieldNames()).toIterable().containsExactly("notes", "files");
    assertThat(model.at("/groups/bs/resources/files")).isEqualTo(model.at("/groups/as/resources/files"));
    // a copy: the two Groups' Resource types are separate from here on
    ((ObjectNode) model.at("/groups/as/resources/files")).put("maxversions", 5);
    assertThat(model.at("/groups/bs/resources/files/maxversions").asInt()).isEqualTo(2);
  }

  @Test
  void chainsResolveInAnyOrderAndEachGroupOnce() {
    ObjectNode model = expand("{\"groups\":{"
        + "\"cs\":{\"singular\":\"c\",\"ximportresources\":[\"/bs/files\"]},"
        + "\"ds\":{\"singular\":\"d\",\"ximportresources\":[\"/bs/files\"]},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"]},"
        + "\"as\":{\"singular\":\"a\"," + FILES + "}}}");
    for (String g : new String[] {"bs", "cs", "ds"}) {
      assertThat(model.at("/groups/" + g + "/resources/files/singular").asText()).as(g).isEqualTo("file");
      assertThat(model.at("/groups/" + g).has("ximportresources")).as(g).isFalse();
    }
  }

  @Test
  void withoutGroupsThereIsNothingToDo() {
    assertThat(expand("{}")).isEqualTo(json("{}"));
    // a malformed "groups" is left for the parser to report
    assertThat(expand("{\"groups\":[1]}")).isEqualTo(json("{\"groups\":[1]}"));
  }

  @Test
  void referencesAreAnArrayOfGroupsResourcesPaths() {
    String where = "\"groups.bs.ximportresources\"";
    assertModelError(() -> expand(importing("\"/as/files\"")),
        where + " must be an array of /<GROUPS>/<RESOURCES> references");
    for (String bad : new String[] {"1", "\"as/files\"", "\"/as\"", "\"/as/files/more\"", "\"x/as/files\""}) {
      assertModelError(() -> expand(importing("[" + bad + "]")),
          where + " entry " + bad + " must look like /<GROUPS>/<RESOURCES>");
    }
    assertModelError(() -> expand(importing("[\"/as/notes\"]")),
        where + " entry \"/as/notes\" names no Resource type of this model");
    assertModelError(() -> expand(importing("[\"/zs/files\"]")),
        where + " entry \"/zs/files\" names no Resource type of this model");
  }

  @Test
  void neverItsOwnGroupNeverACircleNeverANameTwice() {
    assertModelError(() -> expand("{\"groups\":{\"as\":{\"singular\":\"a\",\"ximportresources\":[\"/as/files\"]," + FILES + "}}}"),
        "\"groups.as.ximportresources\" entry \"/as/files\" names its own Group; it may only import other Groups'"
            + " Resource types");
    assertModelError(() -> expand("{\"groups\":{"
        + "\"as\":{\"singular\":\"a\",\"ximportresources\":[\"/bs/files\"]},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/cs/files\"]},"
        + "\"cs\":{\"singular\":\"c\",\"ximportresources\":[\"/as/files\"]}}}"),
        "\"ximportresources\" form a circle: as -> bs -> cs -> as");
    assertModelError(() -> expand("{\"groups\":{\"as\":{\"singular\":\"a\"," + FILES + "},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":[\"/as/files\"]," + FILES + "}}}"),
        "\"groups.bs.ximportresources\" imports files which groups.bs already has; Resource type names are unique"
            + " within a Group");
  }

  /** A model whose Group {@code bs} imports {@code refs}; {@code as} has a {@code files} Resource type. */
  private static String importing(String refs) {
    return "{\"groups\":{\"as\":{\"singular\":\"a\"," + FILES + "},"
        + "\"bs\":{\"singular\":\"b\",\"ximportresources\":" + refs + "}}}";
  }

  private static ObjectNode expand(String model) {
    ObjectNode expanded = (ObjectNode) json(model);
    ResourceImports.expand(expanded);
    return expanded;
  }
}
