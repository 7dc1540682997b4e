package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist 3.11 in {@code versionmode: manual} (model.md "versionmode"): ancestor
 * chaining of new Versions (CORE-VER-010), deleted ancestors (CORE-VER-011),
 * {@code singleversionroot} (CORE-VER-012) and which Version pruning picks (CORE-VER-013).
 */
class VersionTreeIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","resources":{
        "files":{"singular":"file","hasdocument":false},
        "roots":{"singular":"root","hasdocument":false,"singleversionroot":true},
        "threes":{"singular":"three","hasdocument":false,"maxversions":3},
        "tworoots":{"singular":"tworoot","hasdocument":false,"maxversions":2,"singleversionroot":true}}}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);
  private String g;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/dirs/t");
  }

  private static String ancestor(String version) throws Exception {
    return server.json(version).get("ancestorid").asText();
  }

  private static List<String> versionIds(String resource) throws Exception {
    List<String> ids = new ArrayList<>();
    server.json(resource + "/versions").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  @Test
  void ver010NewVersionsChainOntoTheNewestInAscendingVersionidOrder() throws Exception {
    String f = g + "/files/f";
    server.ok("PUT", f + "/versions/m", "{}");
    assertThat(ancestor(f + "/versions/m")).as("the first Version is a root").isEqualTo("m");
    // listed out of order and with mixed case: processed as a, B, c (case-insensitive ascending)
    server.ok("POST", f + "/versions", "{\"c\":{},\"a\":{},\"B\":{}}");
    assertThat(ancestor(f + "/versions/a")).as("first new one onto the newest existing").isEqualTo("m");
    assertThat(ancestor(f + "/versions/B")).as("each new one becomes the newest").isEqualTo("a");
    assertThat(ancestor(f + "/versions/c")).isEqualTo("B");
    // an explicit ancestorid is kept, even one pointing to itself
    server.ok("POST", f + "/versions", "{\"d\":{\"ancestorid\":\"m\"},\"e\":{\"ancestorid\":\"e\"}}");
    assertThat(ancestor(f + "/versions/d")).isEqualTo("m");
    assertThat(ancestor(f + "/versions/e")).isEqualTo("e");
  }

  @Test
  void ver011DeletingAnAncestorMakesItsChildrenRoots() throws Exception {
    String f = g + "/files/f";
    server.ok("POST", f + "/versions", "{\"v1\":{}}");
    server.ok("POST", f + "/versions", "{\"v2\":{},\"v3\":{\"ancestorid\":\"v1\"}}");
    long epochBefore = server.json(f + "/versions/v3").get("epoch").asLong();
    server.ok("DELETE", f + "/versions/v1", null);
    assertThat(ancestor(f + "/versions/v2")).isEqualTo("v2");
    assertThat(ancestor(f + "/versions/v3")).isEqualTo("v3");
    assertThat(server.json(f + "/versions/v3").get("epoch").asLong()).as("a server-side change is an update")
        .isEqualTo(epochBefore + 1);
  }

  @Test
  void ver012SingleVersionRootRefusesASecondRoot() throws Exception {
    String r = g + "/roots/r";
    server.ok("PUT", r + "/versions/v1", "{}");
    server.ok("PUT", r + "/versions/v2", "{}"); // chains onto v1: still one root
    Snapshot unchanged = Snapshot.of(server, "/", g, r + "/meta", r + "/versions");
    String title = "The operation would result in multiple root Versions for \"" + r
        + "\", which is not allowed for \"roots\".";
    assertProblem(server.send("PUT", r + "/versions/v3", "{\"ancestorid\":\"v3\"}"), 400, "multiple_roots", title, r);
    unchanged.assertUnchanged();
    assertProblem(server.send("PATCH", r + "/versions/v2", "{\"ancestorid\":\"v2\"}"), 400, "multiple_roots", title,
        r);
    unchanged.assertUnchanged();
    // deleting the root would leave v2 as the only root: allowed
    server.ok("DELETE", r + "/versions/v1", null);
    assertThat(ancestor(r + "/versions/v2")).isEqualTo("v2");
  }

  @Test
  void ver013ManualPruningDeletesTheOldestRootNotTheOldestVersion() throws Exception {
    String t = g + "/threes/t";
    server.ok("PUT", t + "/versions/r1", "{}");
    server.ok("PUT", t + "/versions/c1", "{\"ancestorid\":\"r1\"}");
    server.ok("PUT", t + "/versions/r2", "{\"ancestorid\":\"r2\"}");
    server.ok("PATCH", t + "/meta", "{\"defaultversionid\":\"r1\",\"defaultversionsticky\":true}");
    // a fourth Version: the oldest non-default root is r2; c1 is older but not a root
    server.ok("PUT", t + "/versions/n", "{\"ancestorid\":\"c1\"}");
    assertThat(versionIds(t)).containsExactlyInAnyOrder("r1", "c1", "n");
    assertThat(server.json(t + "/meta").get("defaultversionid").asText()).isEqualTo("r1");
  }

  @Test
  void ver012And013PruningThatWouldLeaveTwoRootsIsRefused() throws Exception {
    // primer 11.20: pruning the root v1 would make both v2 and v3 roots
    String t = g + "/tworoots/t";
    server.ok("PUT", t + "/versions/v1", "{}");
    server.ok("PUT", t + "/versions/v2", "{\"ancestorid\":\"v1\"}");
    Snapshot unchanged = Snapshot.of(server, "/", g, t + "/meta", t + "/versions");
    assertProblem(server.send("PUT", t + "/versions/v3", "{\"ancestorid\":\"v1\"}"), 400, "multiple_roots",
        "The operation would result in multiple root Versions for \"" + t
            + "\", which is not allowed for \"tworoots\".", t);
    unchanged.assertUnchanged();
    // chained onto v2 instead, pruning v1 leaves v2 as the one root
    JsonNode v3 = server.ok("PUT", t + "/versions/v3", "{\"ancestorid\":\"v2\"}");
    assertThat(v3.get("ancestorid").asText()).isEqualTo("v2");
    assertThat(versionIds(t)).containsExactlyInAnyOrder("v2", "v3");
    assertThat(ancestor(t + "/versions/v2")).isEqualTo("v2");
  }
}
