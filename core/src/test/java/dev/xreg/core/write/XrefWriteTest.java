package dev.xreg.core.write;

import static dev.xreg.core.write.FilesModel.T0;
import static dev.xreg.core.write.FilesModel.XID;
import static dev.xreg.core.write.FilesModel.fails;
import static dev.xreg.core.write.FilesModel.files;
import static dev.xreg.core.write.FilesModel.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import org.junit.jupiter.api.Test;

/** The write side of cross references (spec.md "Cross Referencing Resources", CORE-XREF-001/002). */
class XrefWriteTest {
  private static final ResourceType FILES = files("");
  private static final String TARGET = "/dirs/d2/files/f9";
  private static final Entity NORMAL_META = meta("{\"defaultversionid\":\"1\",\"$versioncounter\":3}", 4);
  private static final Entity XREF_META = meta("{\"xref\":\"" + TARGET + "\",\"$versioncounter\":3}", 4);

  private static Entity meta(String attributes, long epoch) {
    return new Entity(XID + "/meta", "f1", epoch, T0, T0, json(attributes), null);
  }

  private static XrefWrite normal() {
    return new XrefWrite(FILES, XID, "f1", false);
  }

  private static XrefWrite wasXref() {
    return new XrefWrite(FILES, XID, "f1", true);
  }

  @Test
  void anXrefInMetaMakesTheResourceAnXref_CORE_XREF_001() {
    XrefWrite x = normal();
    assertThat(x.decide(json("{\"xref\":\"" + TARGET + "\"}"), Method.PATCH, NORMAL_META)).isTrue();
    assertThat(x.after()).isEqualTo(TARGET);
    assertThat(x.converting()).isFalse();
  }

  @Test
  void aNonStringXrefIsMalformedAboutTheRequestUrl_CORE_XREF_001() {
    XrefWrite x = normal();
    x.requestPath("/dirs/d1/files/f1/meta");
    XRegistryException e = fails(() -> x.decide(json("{\"xref\":5}"), Method.PUT, NORMAL_META),
        ErrorType.MALFORMED_XREF, "/dirs/d1/files/f1/meta");
    assertThat(e.args()).containsEntry("xref", "5").containsEntry("error_detail",
        "it must be a string, the xid of a Resource");
  }

  @Test
  void anXrefToAnotherResourceTypeIsMalformed_CORE_XREF_001() {
    fails(() -> normal().decide(json("{\"xref\":\"/dirs/d2/others/o1\"}"), Method.PUT, NORMAL_META),
        ErrorType.MALFORMED_XREF, XID);
  }

  @Test
  void theStoredXrefStaysUnlessMetaIsReplacedOrNullsIt_CORE_XREF_002() {
    XrefWrite kept = wasXref();
    assertThat(kept.decide(null, Method.PUT, XREF_META)).as("no meta body").isTrue();
    assertThat(kept.after()).isEqualTo(TARGET);
    XrefWrite patched = wasXref();
    assertThat(patched.decide(json("{}"), Method.PATCH, XREF_META)).as("PATCH without xref").isTrue();

    XrefWrite replaced = wasXref();
    assertThat(replaced.decide(json("{}"), Method.PUT, XREF_META)).as("PUT of meta without xref").isFalse();
    assertThat(replaced.converting()).isTrue();
    XrefWrite nulled = wasXref();
    assertThat(nulled.decide(json("{\"xref\":null}"), Method.PATCH, XREF_META)).isFalse();
    assertThat(nulled.converting()).isTrue();

    XrefWrite stillNormal = normal();
    assertThat(stillNormal.decide(json("{\"xref\":null}"), Method.PATCH, NORMAL_META)).isFalse();
    assertThat(stillNormal.converting()).as("nothing to convert").isFalse();
  }

  @Test
  void settingAnXrefAllowsOnlyXrefTheIdsAndEchoedIdentity_CORE_XREF_002() {
    normal().rejectExtraAttributes(json("{\"fileid\":\"f1\",\"self\":\"x\",\"xid\":\"x\",\"meta\":{}}"), null,
        json("{\"xref\":\"" + TARGET + "\",\"fileid\":\"f1\",\"metaurl\":\"u\",\"epoch\":4}"), NORMAL_META, false);

    XRegistryException body = fails(() -> normal().rejectExtraAttributes(json("{\"description\":\"d\"}"), null,
        json("{\"xref\":\"" + TARGET + "\"}"), NORMAL_META, false), ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    assertThat(body.args()).containsEntry("name", "description").containsEntry("singular", "file");
    assertThat(body.detail()).contains("remove \"description\"");

    XRegistryException inMeta = fails(() -> normal().rejectExtraAttributes(json("{}"), null,
        json("{\"xref\":\"" + TARGET + "\",\"compatibility\":\"none\"}"), NORMAL_META, false),
        ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    assertThat(inMeta.args()).containsEntry("name", "compatibility");
  }

  @Test
  void aDocumentModeWriteCannotSetAnXref_CORE_XREF_002() {
    DocumentInput doc = new DocumentInput(new byte[0], null, Json.object());
    XRegistryException e = fails(() -> normal().rejectExtraAttributes(json("{}"), doc,
        json("{\"xref\":\"" + TARGET + "\"}"), NORMAL_META, false), ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    assertThat(e.args()).containsEntry("name", "file");
  }

  /** The epoch check needs a normal Resource to check against: not on create, not on an xref already. */
  @Test
  void metaEpochIsCheckedOnlyWhenANormalResourceBecomesAnXref_CORE_XREF_002() {
    String xrefWithEpoch = "{\"xref\":\"" + TARGET + "\",\"epoch\":3}";
    fails(() -> normal().rejectExtraAttributes(json("{}"), null, json(xrefWithEpoch), NORMAL_META, false),
        ErrorType.MISMATCHED_EPOCH, XID + "/meta");
    XRegistryException onCreate = fails(() -> normal().rejectExtraAttributes(json("{}"), null, json(xrefWithEpoch),
        NORMAL_META, true), ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    assertThat(onCreate.args()).containsEntry("name", "epoch");
    fails(() -> wasXref().rejectExtraAttributes(json("{}"), null, json(xrefWithEpoch), XREF_META, false),
        ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
  }

  @Test
  void aMetaIdOtherThanTheResourcesIsMismatched_CORE_ID_007() {
    XRegistryException e = fails(() -> normal().rejectExtraAttributes(json("{}"), null,
        json("{\"xref\":\"" + TARGET + "\",\"fileid\":\"f2\"}"), NORMAL_META, false),
        ErrorType.MISMATCHED_ID, XID + "/meta");
    assertThat(e.args()).containsEntry("singular", "file").containsEntry("invalid_id", "f2")
        .containsEntry("expected_id", "f1");
  }

  @Test
  void theVersionsOfAnXrefAreWrittenAtItsTarget_CORE_XREF_002() {
    normal().rejectVersionWrite(NORMAL_META);
    XRegistryException e = fails(() -> wasXref().rejectVersionWrite(XREF_META), ErrorType.EXTRA_XREF_ATTRIBUTE, XID);
    assertThat(e.args()).containsEntry("name", "versions");
    assertThat(e.detail()).contains("are those of " + TARGET);
  }

  @Test
  void anXrefsMetaKeepsOnlyTheXrefAndTheVersionCounter_CORE_XREF_002() {
    XrefWrite x = normal();
    x.decide(json("{\"xref\":\"" + TARGET + "\"}"), Method.PATCH, NORMAL_META);
    java.time.Instant now = T0.plusSeconds(60);
    Entity updated = x.xrefMeta(NORMAL_META, false, now);
    assertThat(updated.attributes()).isEqualTo(json("{\"xref\":\"" + TARGET + "\",\"$versioncounter\":3}"));
    assertThat(updated.epoch()).isEqualTo(5);
    assertThat(updated.createdat()).isEqualTo(T0);
    assertThat(updated.modifiedat()).isEqualTo(now);
    Entity created = x.xrefMeta(NORMAL_META, true, now);
    assertThat(created.epoch()).isEqualTo(1);
    assertThat(created.createdat()).isEqualTo(now);
  }

  @Test
  void convertingBackNeverLowersTheEpochAClientSawThroughTheXref_CORE_XREF_002() {
    XrefWrite x = wasXref();
    x.targetEpoch(9);
    assertThat(x.convertedEpoch(4)).isEqualTo(10);
    assertThat(x.convertedEpoch(12)).isEqualTo(13);
    assertThat(wasXref().convertedEpoch(4)).as("a dangling xref: target epoch 0").isEqualTo(5);
  }
}
