package dev.xreg.storage.xregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The App Registry view's comparison of a package with its Resource (issue 17, docs/cnr.md "xRegistry view"). */
class PackageChangesTest {
  private static final RepositoryName NAME = RepositoryName.parse("acme/web");
  private static final String XID = "/namespaces/acme/packages/web";
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final ResourceType PACKAGES = Model.parse(Model.builtInSource("cnr")).group("namespaces")
      .orElseThrow().resource("packages").orElseThrow();

  private static ReleaseVersion release(String name, String digest) {
    return new ReleaseVersion(name, digest, "application/vnd.oci.image.index.v1+json",
        ("{\"index\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), NOW.minusSeconds(60),
        List.of(new ReleaseVersion.Content("helm", "sha256:c-" + name, 100, "sha256:b-" + name, "sha256:m-" + name,
            "{\"maintainer\":\"ops\"}")));
  }

  private static PackageVersions pkg(Map<String, String> channels, String highest, ReleaseVersion... releases) {
    return new PackageVersions(NAME, List.of(releases), channels, highest);
  }

  private static Entity version(String id, String digest) {
    ObjectNode a = Json.object();
    a.put("digest", digest);
    return new Entity(XID + "/versions/" + id, id, 1, NOW, NOW, a, null);
  }

  private static Entity meta(String defaultVersion, ObjectNode channels) {
    ObjectNode a = Json.object();
    a.put("defaultversionid", defaultVersion);
    if (channels != null) {
      a.set("channels", channels);
    }
    return new Entity(XID + "/meta", "web", 1, NOW, NOW, a, null);
  }

  @Test
  void aNewPackageWritesEveryReleaseAndTheHighestAsDefault() {
    PackageChanges c = PackageChanges.of(pkg(Map.of("stable", "1.2.0"), "1.10.0", release("1.2.0", "sha256:a"),
        release("1.10.0", "sha256:b")), null, List.of());
    assertThat(c.written()).extracting(ReleaseVersion::release).containsExactly("1.2.0", "1.10.0");
    assertThat(c.deleted()).isEmpty();
    assertThat(c.channelsMoved()).isTrue();
    assertThat(c.defaultMoved()).isTrue();

    ResourceState after = c.apply(ResourceWrite.on(null, PACKAGES, XID, "web", Method.PATCH, NOW), NOW).finish()
        .after();
    assertThat(after.meta().text("defaultversionid")).isEqualTo("1.10.0");
    assertThat(after.meta().attributes().path("defaultversionsticky").asBoolean()).isTrue();
    assertThat(after.meta().attributes().path("channels").path("stable").asText()).isEqualTo("1.2.0");
    Entity v = after.versions().get("1.2.0");
    assertThat(new String(v.document(), StandardCharsets.UTF_8)).isEqualTo("{\"index\":\"1.2.0\"}");
    assertThat(v.attributes().path("mediatypes").path("helm").path("digest").asText()).isEqualTo("sha256:c-1.2.0");
    assertThat(v.attributes().path("mediatypes").path("helm").path("metadata").path("maintainer").asText())
        .isEqualTo("ops");
    assertThat(v.createdat()).isEqualTo(NOW.minusSeconds(60));
  }

  @Test
  void anUnchangedPackageChangesNothing() {
    ObjectNode channels = Json.object().put("stable", "1.0.0");
    PackageChanges c = PackageChanges.of(pkg(Map.of("stable", "1.0.0"), "1.0.0", release("1.0.0", "sha256:a")),
        meta("1.0.0", channels), List.of(version("1.0.0", "sha256:a")));
    assertThat(c.none()).isTrue();
  }

  @Test
  void onlyMovedReleasesAreWrittenAndMissingOnesDeleted() {
    PackageChanges c = PackageChanges.of(pkg(Map.of(), "2.0.0", release("1.0.0", "sha256:same"),
            release("2.0.0", "sha256:new")), meta("3.0.0", null),
        List.of(version("1.0.0", "sha256:same"), version("2.0.0", "sha256:old"), version("3.0.0", "sha256:x")));
    assertThat(c.written()).extracting(ReleaseVersion::release).containsExactly("2.0.0");
    assertThat(c.deleted()).containsExactly("3.0.0");
    assertThat(c.channelsMoved()).isFalse();
    assertThat(c.defaultMoved()).isTrue();
  }

  @Test
  void aChannelMoveChangesOnlyMeta() {
    PackageChanges c = PackageChanges.of(pkg(Map.of("stable", "2.0.0"), "2.0.0", release("1.0.0", "sha256:a"),
            release("2.0.0", "sha256:b")), meta("2.0.0", Json.object().put("stable", "1.0.0")),
        List.of(version("1.0.0", "sha256:a"), version("2.0.0", "sha256:b")));
    assertThat(c.written()).isEmpty();
    assertThat(c.deleted()).isEmpty();
    assertThat(c.channelsMoved()).isTrue();
    assertThat(c.defaultMoved()).isFalse();
    assertThat(c.none()).isFalse();
  }

  @Test
  void thePackageGoneDeletesEveryVersion() {
    PackageChanges c = PackageChanges.of(PackageVersions.gone(NAME), meta("1.0.0", null),
        List.of(version("1.0.0", "sha256:a"), version("0.9.0", "sha256:b")));
    assertThat(c.deleted()).containsExactly("0.9.0", "1.0.0");
    assertThat(c.defaultMoved()).isFalse();
  }

  @Test
  void releasesDifferingOnlyByCaseAreRefused() {
    assertThatThrownBy(() -> PackageChanges.of(pkg(Map.of(), "1.0.0-rc1", release("1.0.0-RC1", "sha256:a"),
        release("1.0.0-rc1", "sha256:b")), null, List.of()))
        .isInstanceOfSatisfying(EngineFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID))
        .hasMessageContaining("differs only in case");
  }
}
