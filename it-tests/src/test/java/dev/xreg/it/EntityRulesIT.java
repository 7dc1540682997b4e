package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist 3.1-3.4, 3.9-3.11 and 3.14: epoch and timestamp rules, nested and implicit
 * creates, atomicity, pruning, sticky defaults and deletes. Method names carry the item IDs.
 */
class EntityRulesIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","resources":{
        "files":{"singular":"file","hasdocument":false},
        "singles":{"singular":"single","maxversions":1,"hasdocument":false},
        "pairs":{"singular":"pair","maxversions":2,"hasdocument":false}}}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);
  private String g;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/dirs/r");
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
    return r.body().isEmpty() ? null : XregServer.JSON.readTree(r.body());
  }

  private static JsonNode send(String method, String path, String body) throws Exception {
    return server.ok(method, path, body);
  }

  private static long epoch(String path) throws Exception {
    return server.json(path).path("epoch").asLong();
  }

  @Test
  void com004EveryUpdateBumpsEpochAndModifiedat_emptyPatchAndIdenticalPut() throws Exception {
    JsonNode created = send("PUT", g, "{\"name\":\"a\"}");
    JsonNode patched = send("PATCH", g, "{}");
    JsonNode put = send("PUT", g, "{\"name\":\"a\"}");
    assertThat(List.of(created.get("epoch").asLong(), patched.get("epoch").asLong(), put.get("epoch").asLong()))
        .containsExactly(1L, 2L, 3L);
    assertThat(patched.get("modifiedat").asText()).isGreaterThan(created.get("modifiedat").asText());
    assertThat(put.get("modifiedat").asText()).isGreaterThan(patched.get("modifiedat").asText());
    assertThat(put.get("createdat")).isEqualTo(created.get("createdat"));
  }

  @Test
  void com005EpochIgnoredOnCreate() throws Exception {
    assertThat(send("PUT", g, "{\"epoch\":42}").get("epoch").asLong()).isEqualTo(1);
  }

  @Test
  void com006NullEpochSkipsTheCheck_andMatchingEpochPasses() throws Exception {
    send("PUT", g, "{}");
    assertThat(send("PATCH", g, "{\"epoch\":null}").get("epoch").asLong()).isEqualTo(2);
    assertThat(send("PATCH", g, "{\"epoch\":2}").get("epoch").asLong()).isEqualTo(3);
  }

  @Test
  void com007ParentEpochMovesOnChildAddAndRemoveOnly() throws Exception {
    long registry = epoch("/");
    send("PUT", g, "{}");
    assertThat(epoch("/")).as("a Group added").isEqualTo(registry + 1);
    send("PATCH", g, "{\"name\":\"x\"}");
    assertThat(epoch("/")).as("a Group modified").isEqualTo(registry + 1);

    send("PUT", g + "/files/f1", "{}");
    assertThat(epoch(g)).as("a Resource added").isEqualTo(3); // created 1, PATCH 2, child 3
    send("PATCH", g + "/files/f1", "{\"name\":\"n\"}");
    assertThat(epoch(g)).as("a Resource modified").isEqualTo(3);

    long meta = epoch(g + "/files/f1/meta");
    send("PUT", g + "/files/f1/versions/v2", "{}");
    assertThat(epoch(g + "/files/f1/meta")).as("a Version added bumps meta").isEqualTo(meta + 1);
    assertThat(epoch(g + "/files/f1/versions/1")).as("the old default Version is not touched").isEqualTo(2);
    assertThat(epoch(g)).as("a Version added does not bump the Group").isEqualTo(3);

    ok(server.send("DELETE", g + "/files/f1/versions/v2", null, Map.of()));
    assertThat(epoch(g + "/files/f1/meta")).as("a Version removed bumps meta (CORE-DEL-008)").isEqualTo(meta + 2);
    ok(server.send("DELETE", g + "/files/f1", null, Map.of()));
    assertThat(epoch(g)).as("a Resource removed bumps the Group (CORE-DEL-008)").isEqualTo(4);
    ok(server.send("DELETE", g, null, Map.of()));
    assertThat(epoch("/")).as("a Group removed bumps the Registry").isEqualTo(registry + 2);
  }

  @Test
  void com008And009Timestamps() throws Exception {
    JsonNode a = send("PUT", g, "{\"createdat\":\"2020-01-01T01:00:00+01:00\",\"modifiedat\":\"2021-06-01T00:00:00Z\"}");
    assertThat(a.get("createdat").asText()).as("UTC on output (CORE-ATTR-009)").isEqualTo("2020-01-01T00:00:00Z");
    assertThat(a.get("modifiedat").asText()).isEqualTo("2021-06-01T00:00:00Z");
    JsonNode same = send("PATCH", g, "{\"modifiedat\":\"2021-06-01T00:00:00Z\"}");
    assertThat(same.get("modifiedat").asText()).as("the unchanged value means now").isGreaterThan("2026");
    JsonNode other = send("PATCH", g, "{\"modifiedat\":\"2022-01-01T00:00:00Z\"}");
    assertThat(other.get("modifiedat").asText()).as("a different value is kept").isEqualTo("2022-01-01T00:00:00Z");
    JsonNode reset = send("PATCH", g, "{\"createdat\":null}");
    assertThat(reset.get("createdat").asText()).as("createdat null means now").isEqualTo(reset.get("modifiedat").asText());
    JsonNode absent = send("PATCH", g, "{}");
    assertThat(absent.get("createdat")).as("absent keeps createdat").isEqualTo(reset.get("createdat"));
  }

  @Test
  void coll006NestedWriteCreatesGroupResourcesAndVersionsInOneRequest() throws Exception {
    long registry = epoch("/");
    send("PUT", g, """
        {"name":"whole","files":{
          "a":{"versions":{"1.0":{"name":"one"},"2.0":{"name":"two"}}},
          "b":{"name":"bee"}},
         "pairs":{"p":{}}}""");
    assertThat(epoch("/")).isEqualTo(registry + 1);
    assertThat(server.json(g).path("filescount").asLong()).isEqualTo(2);
    assertThat(server.json(g).path("pairscount").asLong()).isEqualTo(1);
    assertThat(server.json(g + "/files/a").path("versionscount").asLong()).isEqualTo(2);
    assertThat(server.json(g + "/files/a/versions/1.0").path("name").asText()).isEqualTo("one");
    assertThat(server.json(g + "/files/b").path("name").asText()).isEqualTo("bee");
    assertThat(server.json(g + "/files/b").path("versionid").asText()).isEqualTo("1");
  }

  @Test
  void coll007AbsentOrEmptyCollectionsNeverDeleteChildren() throws Exception {
    send("PUT", g, "{\"files\":{\"a\":{}}}");
    send("PUT", g, "{}");
    send("PUT", g, "{\"files\":{}}");
    send("PUT", g + "/files/a", "{\"versions\":{}}");
    assertThat(server.json(g).path("filescount").asLong()).isEqualTo(1);
    assertThat(server.json(g + "/files/a").path("versionscount").asLong()).isEqualTo(1);
  }

  @Test
  void gen001AtomicNestedWriteWithInvalidLastEntryLeavesNothing() throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/dirs", g);
    HttpResponse<String> r = server.send("PUT", g, """
        {"files":{"a":{"versions":{"v1":{},"v2":{}}},"b":{},"c":{},"z":{"bogus":1}}}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    before.assertUnchanged();
    assertThat(server.get(g + "/files/a").statusCode()).isEqualTo(404);
    // And on an existing Group: the earlier Resources of the same body are not left behind.
    send("PUT", g, "{}");
    Snapshot existing = Snapshot.of(server, "/", g, g + "/files");
    r = server.send("POST", g + "/files", "{\"a\":{},\"b\":{\"versions\":{\"x\":{\"epoch\":\"bad\",\"name\":5}}}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    existing.assertUnchanged();
  }

  @Test
  void gen005MissingParentsAreCreatedImplicitly() throws Exception {
    long registry = epoch("/");
    HttpResponse<String> r = server.send("PUT", g + "/files/f1/versions/v1", "{}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(server.json(g).path("epoch").asLong()).isEqualTo(1);
    assertThat(server.json(g + "/files/f1").path("versionid").asText()).isEqualTo("v1");
    assertThat(epoch("/")).isEqualTo(registry + 1);
  }

  @Test
  void ver013MaxVersionsOnePrunesTheOldDefault() throws Exception {
    send("PUT", g + "/singles/s/versions/a", "{}");
    send("PUT", g + "/singles/s/versions/b", "{}");
    JsonNode versions = server.json(g + "/singles/s/versions");
    assertThat(names(versions)).containsExactly("b");
    assertThat(server.json(g + "/singles/s/meta").path("defaultversionid").asText()).isEqualTo("b");
  }

  @Test
  void ver013MaxVersionsPrunesTheOldestNonDefault() throws Exception {
    send("PUT", g + "/pairs/p?setdefaultversionid=a", "{\"versions\":{\"a\":{}}}");
    send("PUT", g + "/pairs/p/versions/b", "{}");
    send("PUT", g + "/pairs/p/versions/c", "{}");
    assertThat(names(server.json(g + "/pairs/p/versions"))).containsExactlyInAnyOrder("a", "c");
    assertThat(server.json(g + "/pairs/p/meta").path("defaultversionid").asText()).isEqualTo("a");
  }

  @Test
  void meta013DeletingTheStickyDefaultRevertsToNewest() throws Exception {
    send("PUT", g + "/files/f?setdefaultversionid=v1", "{\"versions\":{\"v1\":{},\"v2\":{},\"v3\":{}}}");
    assertThat(server.json(g + "/files/f/meta").path("defaultversionsticky").asBoolean()).isTrue();
    ok(server.send("DELETE", g + "/files/f/versions/v1", null, Map.of()));
    JsonNode meta = server.json(g + "/files/f/meta");
    assertThat(meta.path("defaultversionid").asText()).isEqualTo("v3");
    assertThat(meta.path("defaultversionsticky").asBoolean()).isFalse();
  }

  @Test
  void sdv001FlagOnDeletePicksTheNewDefault_andNullUnpins() throws Exception {
    send("PUT", g + "/files/f", "{\"versions\":{\"v1\":{},\"v2\":{},\"v3\":{}}}");
    ok(server.send("DELETE", g + "/files/f/versions/v3?setdefaultversionid=v1", null, Map.of()));
    JsonNode meta = server.json(g + "/files/f/meta");
    assertThat(meta.path("defaultversionid").asText()).isEqualTo("v1");
    assertThat(meta.path("defaultversionsticky").asBoolean()).isTrue();
    long metaEpoch = meta.path("epoch").asLong();
    send("PATCH", g + "/files/f/meta?setdefaultversionid=null", "{}");
    meta = server.json(g + "/files/f/meta");
    assertThat(meta.path("defaultversionsticky").asBoolean()).isFalse();
    assertThat(meta.path("defaultversionid").asText()).isEqualTo("v2");
    assertThat(meta.path("epoch").asLong()).isEqualTo(metaEpoch + 1);
    // "request" names the Version a POST to the Resource creates.
    JsonNode v = send("POST", g + "/files/f?setdefaultversionid=request", "{\"name\":\"new\"}");
    assertThat(server.json(g + "/files/f/meta").path("defaultversionid").asText()).isEqualTo(v.path("versionid").asText());
  }

  @Test
  void del002To004BulkDeleteWithABody() throws Exception {
    send("PUT", g, "{\"files\":{\"a\":{},\"b\":{},\"c\":{}}}");
    ok(server.send("DELETE", g + "/files", "{}"));
    assertThat(server.json(g).path("filescount").asLong()).as("{} deletes nothing").isEqualTo(3);
    long metaEpoch = epoch(g + "/files/a/meta");
    ok(server.send("DELETE", g + "/files", "{\"a\":{\"meta\":{\"epoch\":" + metaEpoch + "}},\"zz\":{},\"b\":{\"name\":5}}"));
    assertThat(names(server.json(g + "/files"))).containsExactly("c");
    ok(server.send("DELETE", g + "/files", null, Map.of()));
    assertThat(server.json(g).path("filescount").asLong()).as("no body deletes all").isEqualTo(0);
  }

  @Test
  void del003ABodyIdOtherThanItsKeyIsMismatchedId() throws Exception {
    send("PUT", g, "{\"files\":{\"a\":{\"versions\":{\"1\":{},\"2\":{}}},\"b\":{}}}");
    Snapshot before = Snapshot.of(server, "/", g, g + "/files?inline=*");
    JsonNode p = ProblemAssert.assertProblem(server.send("DELETE", g + "/files", "{\"b\":{},\"a\":{\"fileid\":\"x\"}}"),
        400, "mismatched_id", "The specified \"fileid\" value (x) for \"" + g + "/files/a\" needs to be \"a\".",
        g + "/files/a");
    assertThat(p.path("args").path("expected_id").asText()).isEqualTo("a");
    before.assertUnchanged();
    ProblemAssert.assertProblem(server.send("DELETE", g + "/files/a/versions", "{\"1\":{},\"2\":{\"versionid\":\"3\"}}"),
        400, "mismatched_id", "The specified \"versionid\" value (3) for \"" + g + "/files/a/versions/2\" needs to be"
            + " \"2\".", g + "/files/a/versions/2");
    before.assertUnchanged();
  }

  @Test
  void del005DeletingCascadesToEveryChild_andAnyErrorRejectsAll() throws Exception {
    send("PUT", g, "{\"files\":{\"a\":{\"versions\":{\"1\":{},\"2\":{}}},\"b\":{}},"
        + "\"pairs\":{\"p\":{\"versions\":{\"x\":{}}}}}");
    List<String> children = List.of(g + "/files", g + "/files/a", g + "/files/a/meta", g + "/files/a/versions/1",
        g + "/files/a/versions/2", g + "/files/b", g + "/files/b/versions/1", g + "/pairs/p", g + "/pairs/p/versions/x");
    for (String c : children) {
      assertThat(server.get(c).statusCode()).as(c).isEqualTo(200);
    }
    // one entry of a bulk delete failing its epoch check: nothing at all is deleted
    String id = g.substring("/dirs/".length());
    send("PUT", "/dirs/other" + id, "{}");
    Snapshot before = Snapshot.of(server, "/", "/dirs", "/dirs/other" + id, g + "?inline=*");
    HttpResponse<String> r = server.send("DELETE", "/dirs", "{\"other" + id + "\":{},\"" + id + "\":{\"epoch\":99}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("mismatched_epoch");
    before.assertUnchanged();

    ok(server.send("DELETE", g, null, Map.of()));
    for (String c : children) {
      assertThat(server.get(c).statusCode()).as(c).isEqualTo(404);
    }
    // re-created, the Group starts empty: nothing of the old subtree is left behind
    send("PUT", g, "{}");
    JsonNode again = server.json(g);
    assertThat(again.path("filescount").asLong()).isZero();
    assertThat(again.path("pairscount").asLong()).isZero();
    assertThat(server.get(g + "/files/a/versions/1").statusCode()).isEqualTo(404);
  }

  @Test
  void doc006WithoutDocumentsTheDocumentAttributesAreUnknown() throws Exception {
    send("PUT", g, "{}");
    Snapshot before = Snapshot.of(server, "/", g, g + "/files");
    for (String attribute : new String[] {"file", "filebase64", "fileurl"}) {
      HttpResponse<String> r = server.send("PUT", g + "/files/f", "{\"" + attribute + "\":\"aGk=\"}");
      ProblemAssert.assertProblem(r, 400, "unknown_attribute", "An unknown attribute (" + attribute
          + ") was specified for \"" + g + "/files/f/versions/1\".", g + "/files/f/versions/1");
      before.assertUnchanged();
    }
  }

  @Test
  void del006EpochFlagOnDelete() throws Exception {
    send("PUT", g, "{}");
    ok(server.send("DELETE", g + "?epoch=1", null, Map.of()));
    assertThat(server.get(g).statusCode()).isEqualTo(404);
  }

  @Test
  void del009DeletingTheLastVersionDeletesTheResource() throws Exception {
    send("PUT", g + "/files/f", "{}");
    ok(server.send("DELETE", g + "/files/f/versions/1", null, Map.of()));
    assertThat(server.get(g + "/files/f").statusCode()).isEqualTo(404);
    send("PUT", g + "/files/f2", "{\"versions\":{\"a\":{},\"b\":{}}}");
    ok(server.send("DELETE", g + "/files/f2/versions", null, Map.of()));
    assertThat(server.get(g + "/files/f2").statusCode()).isEqualTo(404);
  }

  @Test
  void id008ServerVersionIdsContinueFromTheHighestGenerated() throws Exception {
    send("PUT", g + "/files/f", "{}");
    send("PUT", g + "/files/f/versions/2", "{}");
    JsonNode v = send("POST", g + "/files/f", "{}");
    assertThat(v.path("versionid").asText()).isEqualTo("3");
    ok(server.send("DELETE", g + "/files/f/versions/3", null, Map.of()));
    assertThat(send("POST", g + "/files/f", "{}").path("versionid").asText()).isEqualTo("4");
  }

  private static List<String> names(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
