package dev.xreg.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.flag.Inline;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 6, streaming: what the streaming serializer leaves open, and what it never does. */
class SerializerHolesTest {
  private static final Model MODEL = Model.parse(Json.parseTrusted(
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
  private static final Instant T = Instant.parse("2026-11-25T00:00:00Z");
  private static final String BASE = "http://h";

  private static RegistryState registry() {
    return new RegistryState("reg", 1, T, T, Json.object(), MODEL, Json.object());
  }

  @Test
  void anInlinedCollectionThatWasNotLoadedBecomesAHoleWithItsPointer() {
    Rendering docView = new Rendering(Inline.all(), true, false);
    View root = new View.RegistryView(registry(), Map.of("dirs", 3L), null);
    ObjectNode out = Serializer.streaming(BASE, docView).toJson(root);

    Hole hole = Serializer.holeOf(out.get("dirs"));
    assertThat(hole).isNotNull();
    assertThat(hole.collectionXid()).isEqualTo("/dirs");
    assertThat(hole.pointer()).isEqualTo("/dirs");
    assertThat(hole.pointerOf("d~1/x")).as("RFC 6901 escaping").isEqualTo("/dirs/d~01~1x");
    assertThat(hole.inline().has("files")).as("what to inline inside each Group").isTrue();
    assertThat(out.get("dirsurl").asText()).as("doc view points into the response").isEqualTo("#/dirs");
    assertThat(out.get("dirscount").asLong()).isEqualTo(3);
  }

  @Test
  void aNestedEntityRenderedAtAPointerLeavesItsOwnHolesRelativeToIt() {
    GroupType dirs = MODEL.group("dirs").orElseThrow();
    Entity d1 = new Entity("/dirs/d1", "d1", 1, T, T, Json.object(), null);
    View group = new View.GroupView(dirs, "/dirs/d1", d1, Map.of("files", 2L), null);
    Serializer s = Serializer.streaming(BASE, new Rendering(Inline.all(), true, false));

    ObjectNode out = s.toJson(group, Inline.all().child("dirs"), "/dirs/d1");

    assertThat(out.get("self").asText()).isEqualTo("#/dirs/d1");
    Hole files = Serializer.holeOf(out.get("files"));
    assertThat(files.collectionXid()).isEqualTo("/dirs/d1/files");
    assertThat(files.pointer()).isEqualTo("/dirs/d1/files");
  }

  @Test
  void loadedCollectionsAndTheOrdinarySerializerHaveNoHoles() {
    Rendering all = new Rendering(Inline.all(), false, false);
    View notLoaded = new View.RegistryView(registry(), Map.of("dirs", 0L), null);
    View loaded = new View.RegistryView(registry(), Map.of("dirs", 0L), Map.of("dirs", List.of()));

    assertThat(new Serializer(BASE, all).toJson(notLoaded).has("dirs")).isFalse();
    assertThat(Serializer.holeOf(Serializer.streaming(BASE, all).toJson(loaded).get("dirs"))).isNull();
    assertThat(Serializer.streaming(BASE, all).toJson(loaded).get("dirs").isObject()).isTrue();
  }
}
