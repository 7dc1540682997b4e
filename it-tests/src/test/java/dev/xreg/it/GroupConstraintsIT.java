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

  /**
   * CORE-XREF-007 from the target's side: a write to a Resource that another Group's Resource
   * xrefs must meet that Group's enum/equals, whichever way it is written (its own URL, its
   * Group's map, its collection); that Group's defaults are never filled into it.
   */
  @Test
  void writesToAnXrefTargetMustMeetTheConstraintsOfTheGroupsThatXrefIt_CORE_XREF_007() throws Exception {
    String other = server.uniquePath("/dirs/o"); // no lang: its own equals does not apply
    String t = other + "/files/t";
    server.ok("PUT", t, "{\"lang\":\"java\",\"kind\":\"c\"}");
    server.ok("PUT", g, "{\"lang\":\"java\",\"constraints\":{\"files.kind\":{\"enum\":[\"a\",\"c\"],"
        + "\"default\":\"c\"}}}");
    String ref = g + "/files/ref";
    server.ok("PUT", ref, "{\"meta\":{\"xref\":\"" + t + "\"}}");
    String free = server.uniquePath("/dirs/free"); // an unconstrained Group's xref adds nothing
    server.ok("PUT", free + "/files/ref", "{\"meta\":{\"xref\":\"" + t + "\"}}");

    Snapshot before = Snapshot.of(server, "/", g, ref + "?inline=*", other, other + "/files?inline=*");
    JsonNode p = targetFailure(server.send("POST", t + "/versions", "{\"2\":{\"lang\":\"go\",\"kind\":\"a\"}}"),
        ref, "equals", "lang");
    assertThat(p.path("detail").asText()).contains("Version \"2\" of " + t).contains("Group " + g)
        .contains(ref + " is an xref to " + t);
    targetFailure(server.send("PATCH", t, "{\"kind\":\"b\"}"), ref, "enum", "kind");
    targetFailure(server.send("PUT", t + "/versions/2", "{\"lang\":\"java\",\"kind\":\"b\"}"), ref, "enum", "kind");
    targetFailure(server.send("PATCH", other, "{\"files\":{\"t\":{\"kind\":\"b\"}}}"), ref, "enum", "kind");
    targetFailure(server.send("POST", other + "/files", "{\"t\":{\"lang\":\"go\"},\"new\":{}}"), ref, "equals",
        "lang");
    before.assertUnchanged();
    assertThat(server.get(other + "/files/new").statusCode()).as("the other write of the request was undone")
        .isEqualTo(404);

    // allowed: a Version that meets the constraints; one without kind stays without (no default "c")
    server.ok("POST", t + "/versions?setdefaultversionid=2", "{\"2\":{\"lang\":\"java\",\"kind\":null},"
        + "\"3\":{\"lang\":\"java\",\"kind\":\"a\"}}");
    assertThat(server.json(ref + "/versions/2").has("kind")).as("the xref'd Group's default is not applied")
        .isFalse();
    assertThat(server.json(ref + "/versions/3").path("kind").asText()).isEqualTo("a");
    assertThat(server.json(ref).path("versionid").asText()).as("the new default Version shows through").isEqualTo("2");
    assertThat(server.json(free + "/files/ref").path("versionscount").asInt()).isEqualTo(3);
  }

  private static JsonNode targetFailure(HttpResponse<String> r, String source, String kind, String path)
      throws Exception {
    constraintFailure(r, source, kind, path);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("detail").asText()).as("names the xref'd Group").contains("is an xref to");
    return p;
  }
}
