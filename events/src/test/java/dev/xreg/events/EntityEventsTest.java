package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.xreg.storage.feed.Change;
import dev.xreg.storage.feed.ChangeSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The shapes of events.md ("Entity Events", "Sample xRegistry Interactions") from change-feed rows. */
class EntityEventsTest {
  private static final String SOURCE = "https://example.com/reg";
  private static final Instant AT = Instant.parse("2025-09-01T12:01:02Z");

  private static Change c(String xid, char op, String... changed) {
    return new Change(0, xid, 1L, op, Arrays.asList(changed));
  }

  private static List<XRegistryEvent> events(Change... changes) {
    return EntityEvents.of(new ChangeSet("42", AT, List.of(changes)), SOURCE);
  }

  @Test
  void anotherApisRowIsItsEventAfterTheEntityEventsWithTheRequestsCorrelationId() {
    Change oci = new Change(0, "library/app:v1", null, 'C', null, "io.xreg.oci.tag.pushed",
        "{\"repository\":\"library/app\",\"tag\":\"v1\"}");
    List<XRegistryEvent> ev = EntityEvents.of(new ChangeSet("42", AT, "corr", List.of(oci, c("/dirs/d1", 'C'))),
        SOURCE);
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject, XRegistryEvent::id).containsExactly(
        tuple("io.xregistry.group.created", "/dirs/d1", "42-0"),
        tuple("io.xregistry.registry.updated", "/", "42-1"),
        tuple("io.xreg.oci.tag.pushed", "library/app:v1", "42-2"));
    assertThat(ev).allMatch(e -> e.correlationId().equals("corr"));
    var json = ev.get(2).toJson();
    assertThat(json.getJsonObject("data").getString("tag")).isEqualTo("v1");
    assertThat(json.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(json.getString("xregcorrelationid")).isEqualTo("corr");
  }

  @Test
  void creatingATreeCreatesEachEntityAndUpdatesTheRegistryCollection() {
    List<XRegistryEvent> ev = events(
        c("/dirs/d1", 'C'), c("/dirs/d1/files/f1/meta", 'C'), c("/dirs/d1/files/f1/versions/v1", 'C'),
        c("/dirs/d1", 'U', "epoch", "modifiedat", "$x"), c("/", 'U', "epoch", "modifiedat"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject, XRegistryEvent::changed).containsExactly(
        tuple("io.xregistry.group.created", "/dirs/d1", null),
        tuple("io.xregistry.resource.created", "/dirs/d1/files/f1", null),
        tuple("io.xregistry.version.created", "/dirs/d1/files/f1/versions/v1", null),
        tuple("io.xregistry.registry.updated", "/", List.of("dirs", "dirscount", "epoch", "modifiedat")));
    assertThat(ev).extracting(XRegistryEvent::id).containsExactly("42-0", "42-1", "42-2", "42-3");
    assertThat(ev).allMatch(e -> e.correlationId().equals("42") && e.time().equals(AT) && e.source().equals(SOURCE));
  }

  @Test
  void aMetaUpdateIsTheResourcesWithMetaPrefixesAndADeprecationEvent() {
    List<XRegistryEvent> ev = events(c("/dirs/d1/files/f1/meta", 'U', "compatibilityauthority", "deprecated",
        "deprecated.effective", "deprecated.reason", "epoch", "modifiedat"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject, XRegistryEvent::changed).containsExactly(
        tuple("io.xregistry.resource.updated", "/dirs/d1/files/f1",
            List.of("meta.compatibilityauthority", "meta.deprecated", "meta.epoch", "meta.modifiedat")),
        tuple("io.xregistry.resource.deprecation", "/dirs/d1/files/f1", List.of("effective", "reason")));
  }

  @Test
  void aNewVersionUpdatesItsResourceWithVersionsAndCount() {
    List<XRegistryEvent> ev = events(c("/dirs/d1/files/f1/meta", 'U', "defaultversionid", "epoch", "modifiedat"),
        c("/dirs/d1/files/f1/versions/v2", 'C'));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::changed).containsExactly(
        tuple("io.xregistry.resource.updated", List.of("meta.defaultversionid", "meta.epoch", "meta.modifiedat",
            "versions", "versionscount")),
        tuple("io.xregistry.version.created", null));
  }

  @Test
  void aMovedDefaultVersionAddsTheOldAndNewDefaultsAttributesUnprefixed() {
    List<XRegistryEvent> ev = events(c("/dirs/d1/files/f1/meta", 'U', "$resource.name", "$resource.versionid",
        "defaultversionid", "epoch"), c("/dirs/d1/files/f1/versions/v2", 'C'));
    assertThat(ev.get(0).changed()).containsExactly("meta.defaultversionid", "meta.epoch", "name", "versionid",
        "versions", "versionscount");
  }

  @Test
  void theDefaultVersionsUpdateIsAlsoItsResources() {
    List<XRegistryEvent> ev = events(c("/dirs/d1/files/f1/versions/v1", 'U', "$default", "epoch", "modifiedat", "name"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject, XRegistryEvent::changed).containsExactly(
        tuple("io.xregistry.version.updated", "/dirs/d1/files/f1/versions/v1", List.of("epoch", "modifiedat", "name")),
        tuple("io.xregistry.resource.updated", "/dirs/d1/files/f1", List.of("epoch", "modifiedat", "name")));
  }

  @Test
  void deletedWinsOverCreatedWinsOverUpdatedPerSubject() {
    List<XRegistryEvent> ev = events(c("/dirs/d1", 'C'), c("/dirs/d1", 'U', "name"), c("/dirs/d2", 'U', "name"),
        c("/dirs/d2", 'D'), c("/", 'U', "epoch", "modifiedat"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject).containsExactly(
        tuple("io.xregistry.group.created", "/dirs/d1"), tuple("io.xregistry.group.deleted", "/dirs/d2"),
        tuple("io.xregistry.registry.updated", "/"));
    assertThat(ev.get(2).changed()).containsExactly("dirs", "dirscount", "epoch", "modifiedat");
  }

  @Test
  void deletingAResourceDeletesEachVersionAndUpdatesTheGroup() {
    List<XRegistryEvent> ev = events(c("/dirs/d1/files/f1/meta", 'D'), c("/dirs/d1/files/f1/versions/v1", 'D'),
        c("/dirs/d1/files/f1/versions/v2", 'D'), c("/dirs/d1", 'U', "epoch", "modifiedat"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject).containsExactly(
        tuple("io.xregistry.resource.deleted", "/dirs/d1/files/f1"),
        tuple("io.xregistry.version.deleted", "/dirs/d1/files/f1/versions/v1"),
        tuple("io.xregistry.version.deleted", "/dirs/d1/files/f1/versions/v2"),
        tuple("io.xregistry.group.updated", "/dirs/d1"));
    assertThat(ev.get(3).changed()).containsExactly("epoch", "files", "filescount", "modifiedat");
  }

  @Test
  void aModelSourceAndCapabilitiesUpdateAddTheirEvents() {
    List<XRegistryEvent> ev = events(c("/", 'U', "capabilities", "capabilities.pagination", "epoch", "model",
        "modelsource", "modifiedat"));
    assertThat(ev).extracting(XRegistryEvent::type, XRegistryEvent::subject, XRegistryEvent::changed).containsExactly(
        tuple("io.xregistry.registry.updated", "/",
            List.of("capabilities", "epoch", "model", "modelsource", "modifiedat")),
        tuple("io.xregistry.model.updated", "/model", null),
        tuple("io.xregistry.modelsource.updated", "/modelsource", null),
        tuple("io.xregistry.capabilities.updated", "/capabilities", List.of("pagination")));
  }

  @Test
  void rowsOfOtherApisMakeNoXRegistryEvent() {
    assertThat(events(c("/dirs/d1/files/f1/other/x", 'C'), c("/a/b/c", 'C'))).isEmpty();
  }

  @Test
  void structuredJsonHasTheCloudEventsAttributes() {
    JsonObject json = events(c("/dirs/d1", 'U', "epoch", "modifiedat", "name")).get(0).toJson();
    assertThat(json.getString("specversion")).isEqualTo("1.0");
    assertThat(json.getString("type")).isEqualTo("io.xregistry.group.updated");
    assertThat(json.getString("source")).isEqualTo(SOURCE);
    assertThat(json.getString("subject")).isEqualTo("/dirs/d1");
    assertThat(json.getString("id")).isEqualTo("42-0");
    assertThat(json.getString("time")).isEqualTo("2025-09-01T12:01:02Z");
    assertThat(json.getString("xregcorrelationid")).isEqualTo("42");
    assertThat(json.getJsonObject("data").getJsonArray("changed").getList()).containsExactly("epoch", "modifiedat", "name");
    assertThat(events(c("/dirs/d1", 'C')).get(0).toJson().containsKey("data")).isFalse();
  }

  @Test
  void positionsParseBackFromIds() {
    assertThat(EventPosition.parse("42-3")).isEqualTo(new EventPosition(42, 3));
    assertThat(EventPosition.parse("42")).isEqualTo(new EventPosition(42, Integer.MAX_VALUE));
    assertThat(EventPosition.parse("x-1")).isNull();
    assertThat(EventPosition.parse("42-3").readAfter()).isEqualTo("41");
  }
}
