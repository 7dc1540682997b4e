package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group {@code constraints} (model.md "groups.&lt;STRING&gt;.constraints", spec.md "constraints
 * Attribute"): the Group type's and the Group instance's apply to every Version of every
 * Resource in the Group, on Resource writes and on Group writes that change them; a violation
 * is {@code constraint_failure} and changes nothing (CORE-COM-014, CORE-XREF-007).
 */
class GroupConstraintsIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir",
        "attributes":{"lang":{"type":"string"},"*":{"type":"any"}},
        "constraints":{"files.kind":{"enum":["a","b","c"],"default":"a"},"files.lang":{"equals":"lang"}},
        "resources":{"files":{"singular":"file","hasdocument":false,
          "attributes":{"kind":{"type":"string"},"lang":{"type":"string"},"*":{"type":"any"}}}}}}}""";
  private static final String TITLE = "The request would result in one or more Versions of \"%s\" not being compliant"
      + " with its owning Group's \"%s\" constraint for attribute \"%s\".";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);
  private String g;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/dirs/d");
  }

  private static void constraintFailure(HttpResponse<String> r, String resource, String kind, String path)
      throws Exception {
    JsonNode p = assertProblem(r, 400, "constraint_failure", TITLE.formatted(resource, kind, path), resource);
    assertThat(p.path("args").path("kind").asText()).isEqualTo(kind);
    assertThat(p.path("detail").asText()).contains("Version");
  }

  @Test
  void enumOfTheGroupTypeLimitsEveryVersion_andItsDefaultFillsIn_CORE_COM_014() throws Exception {
    String f = g + "/files/f";
    assertThat(server.ok("PUT", f, "{}").path("kind").asText()).as("the constraint default").isEqualTo("a");
    assertThat(server.ok("PATCH", f, "{\"kind\":\"b\"}").path("kind").asText()).isEqualTo("b");
    Snapshot before = Snapshot.of(server, "/", g, f + "?inline=*");
    constraintFailure(server.send("PATCH", f, "{\"kind\":\"d\"}"), f, "enum", "kind");
    constraintFailure(server.send("POST", f + "/versions", "{\"2\":{\"kind\":\"x\"}}"), f, "enum", "kind");
    constraintFailure(server.send("PUT", g, "{\"files\":{\"f\":{\"kind\":\"x\"},\"new\":{}}}"), f, "enum", "kind");
    before.assertUnchanged();
    assertThat(server.get(g + "/files/new").statusCode()).as("the nested write was undone").isEqualTo(404);
  }

  @Test
  void equalsTiesTheVersionAttributeToTheGroupsValue() throws Exception {
    String f = g + "/files/f";
    server.ok("PUT", f, "{\"lang\":\"go\"}"); // the Group has no lang yet: ignored
    Snapshot before = Snapshot.of(server, "/", g, f + "?inline=*");
    // a Group write that would break a Resource already in it is refused as well
    constraintFailure(server.send("PATCH", g, "{\"lang\":\"java\"}"), f, "equals", "lang");
    before.assertUnchanged();

    String j = server.uniquePath("/dirs/j");
    server.ok("PUT", j, "{\"lang\":\"java\"}");
    server.ok("PUT", j + "/files/ok", "{\"lang\":\"java\"}");
    Snapshot javaGroup = Snapshot.of(server, "/", j, j + "/files/ok?inline=*");
    constraintFailure(server.send("PUT", j + "/files/bad", "{\"lang\":\"go\"}"), j + "/files/bad", "equals", "lang");
    constraintFailure(server.send("PUT", j + "/files/unset", "{}"), j + "/files/unset", "equals", "lang");
    constraintFailure(server.send("POST", j + "/files/ok/versions", "{\"2\":{}}"), j + "/files/ok", "equals", "lang");
    javaGroup.assertUnchanged();
  }

  @Test
  void groupInstanceConstraintsMayOnlyNarrowAndThenApply_CORE_COM_014() throws Exception {
    Snapshot empty = Snapshot.of(server, "/", g);
    HttpResponse<String> wider = server.send("PUT", g, "{\"constraints\":{\"files.kind\":{\"enum\":[\"a\",\"z\"]}}}");
    JsonNode p = assertProblem(wider, 400, "invalid_attribute",
        "The attribute \"constraints\" for \"" + g + "\" is not valid: " + XregServer.JSON.readTree(wider.body())
            .path("args").path("error_detail").asText() + ".", g);
    assertThat(p.path("detail").asText()).contains("narrow").contains("\"z\"");
    assertThat(server.send("PUT", g, "{\"constraints\":{\"files.lang\":{\"equals\":\"other\"}}}").statusCode())
        .isEqualTo(400);
    assertThat(server.send("PUT", g, "{\"constraints\":{\"nothing.kind\":{}}}").statusCode()).isEqualTo(400);
    empty.assertUnchanged();

    server.ok("PUT", g, "{\"constraints\":{\"files.kind\":{\"enum\":[\"b\"],\"default\":\"b\"}}}");
    String f = g + "/files/f";
    assertThat(server.ok("PUT", f, "{}").path("kind").asText()).as("the instance default wins").isEqualTo("b");
    Snapshot before = Snapshot.of(server, "/", g, f + "?inline=*");
    constraintFailure(server.send("PATCH", f, "{\"kind\":\"a\"}"), f, "enum", "kind");
    // narrowing further so that the stored Version no longer fits is refused on the Group write
    constraintFailure(server.send("PATCH", g, "{\"constraints\":{\"files.kind\":{\"enum\":[\"c\"]}}}"), f, "enum",
        "kind");
    before.assertUnchanged();
  }

  @Test
  void xrefResourcesMustMeetTheConstraintsOfTheirGroup_CORE_XREF_007() throws Exception {
    String other = server.uniquePath("/dirs/o");
    server.ok("PUT", other + "/files/go", "{\"lang\":\"go\",\"kind\":\"c\"}");
    server.ok("PUT", other + "/files/java", "{\"lang\":\"java\",\"kind\":null}");
    server.ok("PUT", g, "{\"lang\":\"java\",\"constraints\":{\"files.kind\":{\"enum\":[\"a\",\"c\"],"
        + "\"default\":\"c\"}}}");
    Snapshot before = Snapshot.of(server, "/", g, other + "/files?inline=*");
    constraintFailure(server.send("PUT", g + "/files/ref", "{\"meta\":{\"xref\":\"" + other + "/files/go\"}}"),
        g + "/files/ref", "equals", "lang");
    before.assertUnchanged();

    server.ok("PUT", g + "/files/ref", "{\"meta\":{\"xref\":\"" + other + "/files/java\"}}");
    JsonNode shown = server.json(g + "/files/ref");
    assertThat(shown.path("lang").asText()).isEqualTo("java");
    assertThat(shown.has("kind")).as("a Group default is never applied to an xref'd Resource").isFalse();
    // the xref counts as a Resource of the Group when the Group's side changes
    constraintFailure(server.send("PATCH", g, "{\"lang\":\"go\"}"), g + "/files/ref", "equals", "lang");
  }
}
