package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"alpine", "library/alpine", "a/b/c", "my-org/my--app", "a.b/c_d/e__f", "0/1", "x/y-z.9"})
  void oci002_validNamesParse(String name) {
    assertThat(RepositoryName.parse(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alpine", "library/Alpine", "/alpine", "alpine/", "a//b", "a___b", "-a", "a-", "a.", "_a",
      "a..b", "a._b", "a/b~c", "a:b", "a b", "a/_/b", "_"})
  void oci002_invalidNamesAreNameInvalid(String name) {
    assertThatThrownBy(() -> RepositoryName.parse(name)).isInstanceOf(NameInvalid.class);
  }

  @Test
  void oci002_nullIsNameInvalid() {
    assertThatThrownBy(() -> RepositoryName.parse(null)).isInstanceOf(NameInvalid.class);
  }

  @Test
  void oci002_nameOfAtMost255CharactersWithEachXRegistryIdAtMost128() {
    String first = "a".repeat(127);
    String rest = "b".repeat(127);
    assertThat(RepositoryName.parse(first + "/" + rest).value()).hasSize(255);
    assertThatThrownBy(() -> RepositoryName.parse(first + "/" + rest + "c"))
        .isInstanceOf(NameInvalid.class).hasMessageContaining("at most 255");
  }

  @Test
  void oci002_firstSegmentOrRestOver128CharactersHasNoXRegistryIdSoIsRefused() {
    assertThat(RepositoryName.parse("a".repeat(128) + "/b").namespaceId()).hasSize(128);
    assertThatThrownBy(() -> RepositoryName.parse("a".repeat(129) + "/b"))
        .isInstanceOf(NameInvalid.class).hasMessageContaining("128");
    assertThatThrownBy(() -> RepositoryName.parse("a/" + "b".repeat(129)))
        .isInstanceOf(NameInvalid.class);
    assertThat(RepositoryName.parse("a".repeat(128)).imageId()).hasSize(128);
    assertThatThrownBy(() -> RepositoryName.parse("a".repeat(129))).isInstanceOf(NameInvalid.class);
  }

  @Test
  void oci002_hugeNameIsRefusedByLengthBeforeTheExpressionRuns() {
    assertThatThrownBy(() -> RepositoryName.parse("a".repeat(1_000_000) + "!"))
        .isInstanceOf(NameInvalid.class).hasMessageContaining("1000001 characters");
  }

  @Test
  void oci002_splitsFirstSegmentAndRest() {
    RepositoryName name = RepositoryName.parse("library/python/slim");
    assertThat(name.firstSegment()).isEqualTo("library");
    assertThat(name.rest()).contains("python/slim");
    RepositoryName single = RepositoryName.parse("alpine");
    assertThat(single.firstSegment()).isEqualTo("alpine");
    assertThat(single.rest()).isEmpty();
  }

  @Test
  void oci002_xRegistryViewPutsTheRestUnderTheFirstSegmentWithTilde() {
    RepositoryName name = RepositoryName.parse("ns/a/b");
    assertThat(name.namespaceId()).isEqualTo("ns");
    assertThat(name.imageId()).isEqualTo("a~b");
    RepositoryName two = RepositoryName.parse("library/alpine");
    assertThat(two.namespaceId()).isEqualTo("library");
    assertThat(two.imageId()).isEqualTo("alpine");
  }

  @Test
  void oci002_singleSegmentNamesLiveInNamespaceUnderscore() {
    RepositoryName name = RepositoryName.parse("alpine");
    assertThat(name.namespaceId()).isEqualTo("_");
    assertThat(name.imageId()).isEqualTo("alpine");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alpine", "library/alpine", "ns/a/b/c", "a.b/c-d/e__f"})
  void oci002_xRegistryMappingRoundTrips(String value) {
    RepositoryName name = RepositoryName.parse(value);
    assertThat(RepositoryName.fromXRegistry(name.namespaceId(), name.imageId())).contains(name);
  }

  @Test
  void oci002_fromXRegistryRefusesPathsNoRepositoryMapsTo() {
    // a/b is shown at namespaces/a/images/b only, never at namespaces/_/images/a~b
    assertThat(RepositoryName.fromXRegistry("_", "a~b")).isEmpty();
    assertThat(RepositoryName.fromXRegistry("Library", "alpine")).isEmpty();
    assertThat(RepositoryName.fromXRegistry("ns", "a~~b")).isEmpty();
    assertThat(RepositoryName.fromXRegistry("ns", "")).isEmpty();
    assertThat(RepositoryName.fromXRegistry("_", "_")).isEmpty();
    assertThat(RepositoryName.fromXRegistry("ns", "a~b")).contains(RepositoryName.parse("ns/a/b"));
  }

  @Test
  void oci002_equalityAndOrderFollowTheName() {
    assertThat(RepositoryName.parse("a/b")).isEqualTo(RepositoryName.parse("a/b")).hasSameHashCodeAs(RepositoryName.parse("a/b"));
    assertThat(RepositoryName.parse("a/b")).isLessThan(RepositoryName.parse("a/c"));
  }
}
