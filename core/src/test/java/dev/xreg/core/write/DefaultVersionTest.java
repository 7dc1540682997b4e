package dev.xreg.core.write;

import static dev.xreg.core.write.FilesModel.T0;
import static dev.xreg.core.write.FilesModel.XID;
import static dev.xreg.core.write.FilesModel.fails;
import static dev.xreg.core.write.FilesModel.files;
import static dev.xreg.core.write.FilesModel.json;
import static dev.xreg.core.write.FilesModel.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default Version: meta's defaultversionid/defaultversionsticky (CORE-META-005..010/013)
 * and the {@code ?setdefaultversionid} flag (CORE-SDV-001..003).
 */
class DefaultVersionTest {
  private static final ResourceType FILES = files("");

  /** Versions 1 and 2 (2 is the newest: a leaf created later), plus {@code created} written by this request. */
  private static ResourceVersions versions(String... created) {
    Map<String, Entity> byId = new LinkedHashMap<>();
    byId.put("1", version("1", 0, "{\"ancestorid\":\"1\"}"));
    byId.put("2", version("2", 1, "{\"ancestorid\":\"1\"}"));
    ResourceVersions vs = new ResourceVersions(byId, T0);
    for (String id : created) {
      vs.written(version(id, 10, "{\"ancestorid\":\"2\"}"), true);
    }
    return vs;
  }

  private static ObjectNode fromMeta(Method method, String stored, String body, List<String> created) {
    ObjectNode written = json(stored);
    new DefaultVersion(FILES, XID).fromMeta(json(body), method, json(stored), written, created);
    return written;
  }

  @Test
  void aPatchNamingAVersionMakesItStickyAndNullUnsticks_CORE_META_005() {
    assertThat(fromMeta(Method.PATCH, "{}", "{\"defaultversionid\":\"1\"}", List.of())
        .path("defaultversionsticky").asBoolean()).isTrue();
    assertThat(fromMeta(Method.PATCH, "{\"defaultversionsticky\":true}", "{\"defaultversionid\":null}", List.of())
        .path("defaultversionsticky").asBoolean()).isFalse();
    assertThat(fromMeta(Method.PATCH, "{\"defaultversionsticky\":true,\"defaultversionid\":\"1\"}", "{}", List.of()))
        .as("a patch keeps both").isEqualTo(json("{\"defaultversionsticky\":true,\"defaultversionid\":\"1\"}"));
    assertThat(fromMeta(Method.PUT, "{\"defaultversionsticky\":true}", "{\"defaultversionid\":\"1\"}", List.of())
        .path("defaultversionsticky").asBoolean()).as("PUT without sticky resets it").isFalse();
  }

  @Test
  void turningStickyOnWithoutAnIdPinsTheNewest_CORE_META_006() {
    ObjectNode a = fromMeta(Method.PATCH, "{\"defaultversionsticky\":false,\"defaultversionid\":\"1\"}",
        "{\"defaultversionsticky\":true}", List.of());
    assertThat(a.has("defaultversionid")).isFalse();
    new DefaultVersion(FILES, XID).choose(a, versions(), false);
    assertThat(a.path("defaultversionid").asText()).isEqualTo("2");
    assertThat(a.path("defaultversionsticky").asBoolean()).isTrue();
  }

  @Test
  void stickyIsRefusedWithMaxversionsOne_CORE_META_010() {
    ObjectNode body = json("{\"defaultversionsticky\":true}");
    fails(() -> new DefaultVersion(files("\"maxversions\":1"), XID).fromMeta(body, Method.PUT, json("{}"), json("{}"),
        List.of()), ErrorType.SETDEFAULTVERSIONSTICKY_FALSE, XID);
    assertThat(fromMeta(Method.PUT, "{}", "{\"defaultversionsticky\":null}", List.of())
        .path("defaultversionsticky").asBoolean()).as("null is false").isFalse();
  }

  @Test
  void requestInMetaNamesTheCreatedVersion_CORE_META_005() {
    assertThat(fromMeta(Method.PATCH, "{}", "{\"defaultversionid\":\"request\"}", List.of("3", "4"))
        .path("defaultversionid").asText()).isEqualTo("3");
    fails(() -> fromMeta(Method.PATCH, "{}", "{\"defaultversionid\":\"request\"}", List.of()),
        ErrorType.DEFAULTVERSIONID_REQUEST, XID);
  }

  @Test
  void aNonStickyDefaultIsAlwaysTheNewest_CORE_META_007() {
    ObjectNode a = json("{\"defaultversionsticky\":false,\"defaultversionid\":\"nope\"}");
    assertThat(new DefaultVersion(FILES, XID).choose(a, versions(), true)).isFalse();
    assertThat(a.path("defaultversionid").asText()).isEqualTo("2");
  }

  @Test
  void aStickyDefaultStays_CORE_META_009() {
    ObjectNode a = json("{\"defaultversionsticky\":true,\"defaultversionid\":\"1\"}");
    new DefaultVersion(FILES, XID).choose(a, versions("3"), false);
    assertThat(a.path("defaultversionid").asText()).isEqualTo("1");
  }

  @Test
  void aNamedStickyDefaultThatDoesNotExistIsUnknownId_CORE_META_008() {
    ObjectNode a = json("{\"defaultversionsticky\":true,\"defaultversionid\":\"9\"}");
    XRegistryException e = fails(() -> new DefaultVersion(FILES, XID).choose(a, versions(), true), ErrorType.UNKNOWN_ID,
        XID);
    assertThat(e.args()).containsEntry("singular", "version").containsEntry("id", "9");
    assertThat(e.detail()).isEqualTo("defaultversionid \"9\" names no Version of " + XID);
  }

  @Test
  void aDeletedStickyDefaultFallsBackToTheNewest_CORE_META_013() {
    ObjectNode a = json("{\"defaultversionsticky\":true,\"defaultversionid\":\"9\"}");
    new DefaultVersion(FILES, XID).choose(a, versions(), false);
    assertThat(a).isEqualTo(json("{\"defaultversionsticky\":false,\"defaultversionid\":\"2\"}"));
  }

  @Test
  void theFlagPinsAVersionAndReportsAChange_CORE_SDV_001() {
    DefaultVersion d = new DefaultVersion(FILES, XID);
    d.flag("1");
    ObjectNode a = json("{\"defaultversionsticky\":false,\"defaultversionid\":\"2\"}");
    assertThat(d.choose(a, versions(), false)).isTrue();
    assertThat(a).isEqualTo(json("{\"defaultversionsticky\":true,\"defaultversionid\":\"1\"}"));
    assertThat(d.choose(a, versions(), false)).as("already so: no change").isFalse();
    d.flag("9");
    fails(() -> d.choose(a, versions(), false), ErrorType.UNKNOWN_ID, XID);
  }

  @Test
  void theFlagNullUnsticksAndRequestNamesTheOneCreatedVersion_CORE_SDV_002() {
    DefaultVersion unstick = new DefaultVersion(FILES, XID);
    unstick.flag("null");
    ObjectNode a = json("{\"defaultversionsticky\":true,\"defaultversionid\":\"1\"}");
    assertThat(unstick.choose(a, versions(), false)).isTrue();
    assertThat(a).isEqualTo(json("{\"defaultversionsticky\":false,\"defaultversionid\":\"2\"}"));

    DefaultVersion request = new DefaultVersion(FILES, XID);
    request.flag("request");
    ObjectNode b = json("{\"defaultversionsticky\":false}");
    request.choose(b, versions("3"), false);
    assertThat(b).isEqualTo(json("{\"defaultversionsticky\":true,\"defaultversionid\":\"3\"}"));
    fails(() -> request.choose(json("{}"), versions("3", "4"), false), ErrorType.TOO_MANY_VERSIONS, XID);
    fails(() -> request.choose(json("{}"), versions(), false), ErrorType.DEFAULTVERSIONID_REQUEST, XID);
  }

  @Test
  void withoutVersionsNothingIsChosen() {
    DefaultVersion d = new DefaultVersion(FILES, XID);
    d.flag("1");
    ObjectNode a = json("{\"defaultversionsticky\":false}");
    assertThat(d.choose(a, new ResourceVersions(Map.of(), T0), false)).isFalse();
    assertThat(a).isEqualTo(json("{\"defaultversionsticky\":false}"));
  }
}
