package dev.xreg.core.write;

import static dev.xreg.core.write.FilesModel.T0;
import static dev.xreg.core.write.FilesModel.XID;
import static dev.xreg.core.write.FilesModel.fails;
import static dev.xreg.core.write.FilesModel.files;
import static dev.xreg.core.write.FilesModel.json;
import static dev.xreg.core.write.FilesModel.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ancestorid} per versionmode (spec.md "ancestorid Attribute", model.md versionmode, CORE-VER-007..012). */
class VersionLineageTest {
  private static final Instant NOW = T0.plusSeconds(3600);
  private static final ResourceType MANUAL = files("");

  private static ResourceVersions stored(Entity... versions) {
    Map<String, Entity> byId = new LinkedHashMap<>();
    for (Entity v : versions) {
      byId.put(v.id(), v);
    }
    return new ResourceVersions(byId, NOW);
  }

  private static String ancestor(ResourceVersions versions, String vid) {
    return versions.get(vid).text("ancestorid");
  }

  /** Writes a new Version the way ResourceWrite does: lineage first, then into the working set. */
  private static void create(VersionLineage lineage, ResourceVersions versions, String vid, String body) {
    ObjectNode attrs = Json.object();
    lineage.written(vid, json(body), null, attrs);
    Instant at = T0.plusSeconds(100);
    versions.written(new Entity(XID + "/versions/" + vid, vid, 1, at, at, attrs, null), true);
  }

  @Test
  void aWriteTakesTheGivenAncestorRequestMeansItselfAndAbsentKeepsTheStoredOne_CORE_VER_007() {
    VersionLineage lineage = new VersionLineage(MANUAL, XID, stored());
    ObjectNode given = Json.object();
    lineage.written("2", json("{\"ancestorid\":\"1\"}"), null, given);
    assertThat(given.path("ancestorid").asText()).isEqualTo("1");
    ObjectNode self = Json.object();
    lineage.written("2", json("{\"ancestorid\":\"request\"}"), null, self);
    assertThat(self.path("ancestorid").asText()).isEqualTo("2");
    ObjectNode kept = Json.object();
    lineage.written("2", json("{}"), version("2", 0, "{\"ancestorid\":\"1\"}"), kept);
    assertThat(kept.path("ancestorid").asText()).isEqualTo("1");
    ObjectNode pending = Json.object();
    lineage.written("3", json("{\"ancestorid\":null}"), null, pending);
    assertThat(pending.has("ancestorid")).as("assigned at the end").isFalse();
  }

  @Test
  void newVersionsWithoutAnAncestorChainOntoTheNewestInIdOrder_CORE_VER_010() {
    ResourceVersions versions = stored(version("1", 0, "{\"ancestorid\":\"1\"}"));
    VersionLineage lineage = new VersionLineage(MANUAL, XID, versions);
    create(lineage, versions, "b", "{}");
    create(lineage, versions, "a", "{}");
    lineage.assign();
    assertThat(ancestor(versions, "a")).isEqualTo("1");
    assertThat(ancestor(versions, "b")).isEqualTo("a");
  }

  @Test
  void theFirstVersionIsItsOwnRoot_CORE_VER_007() {
    ResourceVersions versions = stored();
    VersionLineage lineage = new VersionLineage(MANUAL, XID, versions);
    create(lineage, versions, "1", "{}");
    lineage.assign();
    assertThat(ancestor(versions, "1")).isEqualTo("1");
  }

  @Test
  void anUnknownAncestorIsUnknownId_CORE_VER_007() {
    ResourceVersions versions = stored(version("1", 0, "{\"ancestorid\":\"1\"}"));
    VersionLineage lineage = new VersionLineage(MANUAL, XID, versions);
    create(lineage, versions, "2", "{\"ancestorid\":\"9\"}");
    XRegistryException e = fails(lineage::assign, ErrorType.UNKNOWN_ID, XID + "/versions/2");
    assertThat(e.args()).containsEntry("singular", "version").containsEntry("id", "9");
    assertThat(e.detail()).isEqualTo("ancestorid \"9\" names no Version of " + XID);
  }

  @Test
  void aCycleIsRejected_CORE_VER_008() {
    ResourceVersions versions = stored(version("1", 0, "{\"ancestorid\":\"2\"}"),
        version("2", 1, "{\"ancestorid\":\"1\"}"));
    XRegistryException e = fails(new VersionLineage(MANUAL, XID, versions)::assign,
        ErrorType.ANCESTOR_CIRCULAR_REFERENCE, XID);
    assertThat(e.args()).containsEntry("list", "1,2");
  }

  @Test
  void chainedModesKeepOneChainInVersionOrderAndBumpEachChangedVersionOnce_CORE_VER_009_010() {
    ResourceVersions versions = stored(version("1.10.0", 0, "{\"ancestorid\":\"1.10.0\"}"),
        version("1.2.0", 1, "{\"ancestorid\":\"1.10.0\"}"));
    VersionLineage lineage = new VersionLineage(files("\"versionmode\":\"semver\""), XID, versions);
    lineage.assign();
    assertThat(ancestor(versions, "1.2.0")).isEqualTo("1.2.0");
    assertThat(ancestor(versions, "1.10.0")).isEqualTo("1.2.0");
    assertThat(versions.get("1.10.0").epoch()).isEqualTo(2);
    assertThat(versions.get("1.10.0").modifiedat()).isEqualTo(NOW);
    lineage.assign();
    versions.changed(versions.get("1.2.0"));
    versions.changed(versions.get("1.2.0"));
    assertThat(versions.get("1.2.0").epoch()).as("one update bumps an epoch once (CORE-COM-004)").isEqualTo(2);
    assertThat(versions.get("1.10.0").epoch()).isEqualTo(2);
  }

  @Test
  void manualModeIsNeverRechained_CORE_VER_010() {
    ResourceVersions versions = stored(version("1", 0, "{\"ancestorid\":\"1\"}"), version("2", 1, "{\"ancestorid\":\"2\"}"));
    new VersionLineage(MANUAL, XID, versions).rechain();
    assertThat(ancestor(versions, "2")).isEqualTo("2");
  }

  @Test
  void theOrphanOfADeletedVersionBecomesARootAndIsBumped_CORE_VER_011() {
    ResourceVersions versions = stored(version("1", 0, "{\"ancestorid\":\"1\"}"), version("2", 1, "{\"ancestorid\":\"1\"}"),
        version("3", 2, "{\"ancestorid\":\"2\"}"));
    VersionLineage lineage = new VersionLineage(MANUAL, XID, versions);
    versions.remove("1");
    lineage.removed("1");
    assertThat(ancestor(versions, "2")).isEqualTo("2");
    assertThat(versions.get("2").epoch()).isEqualTo(2);
    assertThat(ancestor(versions, "3")).isEqualTo("2");
    assertThat(versions.get("3").epoch()).isEqualTo(1);
  }

  @Test
  void singleVersionRootAllowsOneRoot_CORE_VER_012() {
    ResourceType single = files("\"singleversionroot\":true");
    new VersionLineage(single, XID, stored(version("1", 0, "{\"ancestorid\":\"1\"}"),
        version("2", 1, "{\"ancestorid\":\"1\"}"))).checkSingleRoot();
    ResourceVersions twoRoots = stored(version("b", 0, "{\"ancestorid\":\"b\"}"), version("a", 1, "{\"ancestorid\":\"a\"}"));
    XRegistryException e = fails(new VersionLineage(single, XID, twoRoots)::checkSingleRoot, ErrorType.MULTIPLE_ROOTS,
        XID);
    assertThat(e.args()).containsEntry("plural", "files");
    assertThat(e.detail()).startsWith("the Versions a, b would all be roots");
    new VersionLineage(MANUAL, XID, twoRoots).checkSingleRoot();
  }
}
