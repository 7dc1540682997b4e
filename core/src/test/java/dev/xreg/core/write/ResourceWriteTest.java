package dev.xreg.core.write;

import static dev.xreg.core.write.FilesModel.T0;
import static dev.xreg.core.write.FilesModel.XID;
import static dev.xreg.core.write.FilesModel.fails;
import static dev.xreg.core.write.FilesModel.files;
import static dev.xreg.core.write.FilesModel.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Resource Processing Algorithm end to end on one Resource: how {@link ResourceWrite}
 * routes a request to its collaborators, in which order, and what the outcome reports.
 */
class ResourceWriteTest {
  private static final ResourceType FILES = files("");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private static ResourceWrite.Outcome create(ResourceType type, String body) {
    return ResourceWrite.on(null, type, XID, "f1", Method.PUT, T0).resource(json(body), null).finish();
  }

  /** A Resource with Versions 1 (default) and 2, created at T0 and T1. */
  private static ResourceState twoVersions() {
    ResourceState one = create(FILES, "{\"description\":\"one\"}").after();
    return ResourceWrite.on(one, FILES, XID, "f1", Method.PUT, T1)
        .versions(Map.of("2", json("{\"description\":\"two\"}"))).finish().after();
  }

  @Test
  void creatingAResourceCreatesItsFirstVersionAsDefaultAndRoot_CORE_VER_007() {
    ResourceWrite.Outcome o = create(FILES, "{\"fileid\":\"f1\",\"description\":\"d\",\"file\":{\"a\":1}}");
    assertThat(o.resourceCreated()).isTrue();
    assertThat(o.createdVersions()).containsExactly("1");
    Entity v = o.after().versions().get("1");
    assertThat(v.xid()).isEqualTo(XID + "/versions/1");
    assertThat(v.text("description")).isEqualTo("d");
    assertThat(v.text("ancestorid")).isEqualTo("1");
    assertThat(v.attributes().has("fileid")).as("the Resource's ID is not a Version attribute").isFalse();
    assertThat(new String(v.document(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    Entity meta = o.after().meta();
    assertThat(meta.epoch()).isEqualTo(1);
    assertThat(meta.text("defaultversionid")).isEqualTo("1");
    assertThat(meta.attributes().path(Entity.VERSION_COUNTER).asLong()).as("CORE-ID-008").isEqualTo(1);
  }

  @Test
  void resourceLevelAttributesGoToTheDefaultVersionAndLeaveMetaAlone_CORE_META_004() {
    ResourceState before = twoVersions();
    ResourceWrite.Outcome o = ResourceWrite.on(before, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{\"description\":\"new\"}"), null).finish();
    assertThat(o.metaChanged()).isFalse();
    assertThat(o.after().meta().epoch()).isEqualTo(before.meta().epoch());
    String dv = before.meta().text("defaultversionid");
    assertThat(o.after().versions().get(dv).text("description")).isEqualTo("new");
    assertThat(o.after().versions().get(dv).epoch()).isEqualTo(before.versions().get(dv).epoch() + 1);
  }

  @Test
  void addingAVersionBumpsMetaOnceAndMovesTheNonStickyDefault_CORE_META_004_006() {
    ResourceState before = create(FILES, "{}").after();
    ResourceWrite.Outcome o = ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T1)
        .versions(Map.of("2", json("{}"))).finish();
    assertThat(o.metaChanged()).isTrue();
    assertThat(o.after().meta().epoch()).isEqualTo(2);
    assertThat(o.after().meta().modifiedat()).isEqualTo(T1);
    assertThat(o.after().defaultVersionId()).isEqualTo("2");
    assertThat(o.after().versions().get("2").text("ancestorid")).isEqualTo("1");
  }

  @Test
  void aVersionidOtherThanTheDefaultIsMismatched_CORE_ID_007() {
    ResourceState before = twoVersions();
    XRegistryException e = fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{\"versionid\":\"1\"}"), null), ErrorType.MISMATCHED_ID, XID);
    assertThat(e.args()).containsEntry("singular", "version").containsEntry("invalid_id", "1")
        .containsEntry("expected_id", "2");
    XRegistryException fileid = fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{\"fileid\":\"f2\"}"), null), ErrorType.MISMATCHED_ID, XID);
    assertThat(fileid.args()).containsEntry("singular", "file");
  }

  @Test
  void versionIdsAreUniqueIgnoringCaseAndRequestIsReserved_CORE_ID_006() {
    ResourceState before = twoVersions();
    XRegistryException e = fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2)
        .versions(Map.of("A", json("{}"), "a", json("{}"))), ErrorType.BAD_REQUEST, XID + "/versions/a");
    assertThat(e.detail()).contains("differs only in case from the existing Version \"A\"");
    fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2).version("request", json("{}"), null),
        ErrorType.MALFORMED_ID, XID);
    fails(() -> ResourceWrite.on(before, files("\"setversionid\":false"), XID, "f1", Method.PUT, T2)
        .versions(Map.of("3", json("{}"))), ErrorType.VERSIONID_NOT_ALLOWED, XID);
  }

  @Test
  void aVersionsEntryMustBeAnObject_CORE_RES_004() {
    XRegistryException e = fails(() -> ResourceWrite.on(null, FILES, XID, "f1", Method.PUT, T0)
        .resource(json("{\"versions\":{\"1\":5}}"), null), ErrorType.BAD_REQUEST, XID + "/versions/1");
    assertThat(e.detail()).endsWith("must be a Version object, not number");
  }

  @Test
  void aRejectedWriteLeavesTheCallersStateAsItWas() {
    ResourceState before = twoVersions();
    String metaBefore = before.meta().attributes().toString();
    fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{\"meta\":{\"defaultversionid\":\"9\"}}"), null).finish(), ErrorType.UNKNOWN_ID, XID);
    assertThat(before.meta().attributes().toString()).isEqualTo(metaBefore);
  }

  @Test
  void settingAnXrefDeletesTheVersionsAndKeepsABareMeta_CORE_XREF_002() {
    ResourceState before = twoVersions();
    ResourceWrite.Outcome o = ResourceWrite.on(before, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{\"meta\":{\"xref\":\"/dirs/d2/files/f9\"}}"), null).finish();
    assertThat(o.after().versions()).isEmpty();
    assertThat(o.deletedVersions()).containsExactlyInAnyOrder("1", "2");
    assertThat(o.after().meta().attributes()).hasToString("{\"xref\":\"/dirs/d2/files/f9\",\"$versioncounter\":1}");
    assertThat(o.after().meta().epoch()).isEqualTo(before.meta().epoch() + 1);
    assertThat(o.metaChanged()).isTrue();
  }

  @Test
  void removingAnXrefRebuildsADefaultVersionAboveTheTargetsEpoch_CORE_XREF_002() {
    ResourceState xref = ResourceWrite.on(null, FILES, XID, "f1", Method.PUT, T0)
        .meta(json("{\"xref\":\"/dirs/d2/files/f9\"}")).finish().after();
    assertThat(ResourceWrite.isXref(xref)).isTrue();
    fails(() -> ResourceWrite.on(xref, FILES, XID, "f1", Method.PUT, T1).versions(Map.of("1", json("{}"))),
        ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    ResourceWrite.Outcome o = ResourceWrite.on(xref, FILES, XID, "f1", Method.PATCH, T1).xrefTargetEpoch(7)
        .meta(json("{\"xref\":null,\"defaultversionid\":\"v1\"}")).finish();
    assertThat(o.after().versions()).containsOnlyKeys("v1");
    assertThat(o.after().meta().epoch()).isEqualTo(8);
    assertThat(o.after().meta().attributes().has("xref")).isFalse();
    assertThat(o.createdVersions()).containsExactly("v1");
  }

  @Test
  void aMalformedXrefIsAboutTheRequestUrl_CORE_XREF_001() {
    fails(() -> ResourceWrite.on(null, FILES, XID, "f1", Method.PUT, T0).requestPath("/dirs/d1/files/f1$details")
        .resource(json("{\"meta\":{\"xref\":\"nope\"}}"), null), ErrorType.MALFORMED_XREF, "/dirs/d1/files/f1$details");
  }

  @Test
  void onlyAnAdminWritesAReadonlyResource_CORE_META_011() {
    ResourceState ro = ResourceWrite.on(twoVersions(), FILES, XID, "f1", Method.PATCH, T2).admin(true)
        .meta(json("{\"readonly\":true}")).finish().after();
    assertThat(ResourceWrite.isReadonly(ro)).isTrue();
    XRegistryException e = fails(() -> ResourceWrite.on(ro, FILES, XID, "f1", Method.PATCH, T2)
        .resource(json("{}"), null), ErrorType.READONLY, XID);
    assertThat(e.detail()).isEqualTo(ResourceWrite.readonlyError(XID).detail());
    fails(() -> ResourceWrite.on(ro, FILES, XID, "f1", Method.PATCH, T2).deleteVersion("1"), ErrorType.READONLY, XID);
    ResourceState changed = ResourceWrite.on(ro, FILES, XID, "f1", Method.PATCH, T2).admin(true)
        .resource(json("{\"description\":\"x\"}"), null).finish().after();
    assertThat(changed.defaultVersion().text("description")).isEqualTo("x");
    ResourceState nonAdminMeta = ResourceWrite.on(twoVersions(), FILES, XID, "f1", Method.PATCH, T2)
        .meta(json("{\"readonly\":true}")).finish().after();
    assertThat(ResourceWrite.isReadonly(nonAdminMeta)).as("readonly is not the client's to set").isFalse();
  }

  @Test
  void maxversionsPrunesTheOldestNonDefault_CORE_VER_013() {
    ResourceType two = files("\"maxversions\":2");
    ResourceState s = create(two, "{}").after();
    s = ResourceWrite.on(s, two, XID, "f1", Method.PATCH, T1).meta(json("{\"defaultversionid\":\"1\"}"))
        .versions(Map.of("2", json("{}"))).finish().after();
    ResourceWrite.Outcome o = ResourceWrite.on(s, two, XID, "f1", Method.PUT, T2).versions(Map.of("3", json("{}")))
        .finish();
    assertThat(o.after().versions()).containsOnlyKeys("1", "3");
    assertThat(o.deletedVersions()).containsExactly("2");
    assertThat(o.after().versions().get("3").text("ancestorid")).as("orphan of the pruned 2 is a root").isEqualTo("3");
  }

  @Test
  void maxversionsOneReplacesTheDefault_CORE_VER_013() {
    ResourceType one = files("\"maxversions\":1");
    ResourceState s = create(one, "{}").after();
    ResourceWrite.Outcome o = ResourceWrite.on(s, one, XID, "f1", Method.PUT, T1).versions(Map.of("2", json("{}")))
        .finish();
    assertThat(o.after().versions()).containsOnlyKeys("2");
    assertThat(o.after().defaultVersionId()).isEqualTo("2");
    assertThat(o.after().versions().get("2").text("ancestorid")).isEqualTo("2");
  }

  @Test
  void theFlagIsAppliedAfterTheVersionsAreWritten_CORE_SDV_002() {
    ResourceState before = twoVersions();
    ResourceWrite.Outcome o = ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2).setDefaultVersion("1")
        .finish();
    assertThat(o.metaChanged()).as("only the flag changed meta").isTrue();
    assertThat(o.after().meta().epoch()).isEqualTo(before.meta().epoch() + 1);
    assertThat(o.after().meta().attributes().path("defaultversionsticky").asBoolean()).isTrue();
    fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2).setDefaultVersion("request")
        .versions(Map.of("3", json("{}"), "4", json("{}"))).finish(), ErrorType.TOO_MANY_VERSIONS, XID);
  }

  @Test
  void deletingTheStickyDefaultFallsBackToTheNewestAndTheLastVersionDeletesTheResource_CORE_VER_005_CORE_META_013() {
    ResourceState sticky = ResourceWrite.on(twoVersions(), FILES, XID, "f1", Method.PUT, T2).setDefaultVersion("1")
        .finish().after();
    ResourceWrite.Outcome o = ResourceWrite.on(sticky, FILES, XID, "f1", Method.PUT, T2).deleteVersion("1").finish();
    assertThat(o.after().defaultVersionId()).isEqualTo("2");
    assertThat(o.after().meta().attributes().path("defaultversionsticky").asBoolean()).isFalse();
    assertThat(o.after().versions().get("2").text("ancestorid")).isEqualTo("2");
    ResourceWrite.Outcome gone = ResourceWrite.on(o.after(), FILES, XID, "f1", Method.PUT, T2).deleteVersion("2")
        .finish();
    assertThat(gone.after()).isNull();
    fails(() -> ResourceWrite.on(o.after(), FILES, XID, "f1", Method.PUT, T2).deleteVersion("9"), ErrorType.NOT_FOUND,
        XID + "/versions/9");
  }

  @Test
  void bulkDeleteChecksEachListedEpoch_CORE_DEL_002() {
    ResourceState before = twoVersions();
    fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2)
        .deleteVersions(Map.of("1", json("{\"epoch\":99}"))), ErrorType.MISMATCHED_EPOCH, XID + "/versions/1");
    fails(() -> ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2)
        .deleteVersions(Map.of("1", json("{\"versionid\":\"2\"}"))), ErrorType.MISMATCHED_ID, XID + "/versions/1");
    ResourceWrite.Outcome o = ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2)
        .deleteVersions(Map.of("1", json("{}"), "9", json("{}"))).finish();
    assertThat(o.deletedVersions()).containsExactly("1");
    assertThat(ResourceWrite.on(before, FILES, XID, "f1", Method.PUT, T2).deleteVersions(null).finish().after())
        .isNull();
  }

  @Test
  void documentModeWritesOneVersionFromTheBody_CORE_DOC_009() {
    ObjectNode headers = json("{\"description\":\"from a header\"}");
    ResourceWrite.Outcome o = ResourceWrite.on(null, FILES, XID, "f1", Method.PUT, T0)
        .resource(json("{}"), new DocumentInput("hello".getBytes(StandardCharsets.UTF_8), "text/plain", headers))
        .finish();
    Entity v = o.after().defaultVersion();
    assertThat(new String(v.document(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(v.text("contenttype")).isEqualTo("text/plain");
    assertThat(v.text("description")).isEqualTo("from a header");
  }
}
