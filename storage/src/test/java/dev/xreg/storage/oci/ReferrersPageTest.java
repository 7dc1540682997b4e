package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.content.Descriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrersPageTest {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String SBOM = "application/spdx+json";
  static final String SIG = "application/vnd.dev.sig";

  static Descriptor ref(char hex, String artifactType, String note) {
    return new Descriptor(MANIFEST, "sha256:" + String.valueOf(hex).repeat(64), 10, artifactType,
        Map.of("note", note), List.of());
  }

  static List<String> digests(ReferrersPage page) {
    return page.referrers().stream().map(d -> d.digest().substring(7, 8)).toList();
  }

  @Test
  void oci023_bothSourcesMergeInDigestOrderAndTheStoredDescriptorWinsADuplicate() {
    ReferrersPage page = ReferrersPage.merge(List.of(ref('c', SBOM, "stored"), ref('a', SIG, "stored")),
        List.of(ref('b', SBOM, "tag"), ref('c', SBOM, "tag")), null, 10, null);
    assertThat(digests(page)).containsExactly("a", "b", "c");
    assertThat(page.referrers().get(2).annotations()).containsEntry("note", "stored");
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void oci023_theFilterAppliesToTheTagIndexToo() {
    ReferrersPage page = ReferrersPage.merge(List.of(ref('a', SIG, "stored")),
        List.of(ref('b', SBOM, "tag"), ref('d', SIG, "tag")), SIG, 10, null);
    assertThat(digests(page)).containsExactly("a", "d");
  }

  @Test
  void oci023_aFullPageNamesItsLastDigestAndTheNextStartsAfterIt() {
    List<Descriptor> stored = List.of(ref('a', SBOM, "s"), ref('c', SBOM, "s"), ref('e', SBOM, "s"));
    List<Descriptor> tagged = List.of(ref('b', SBOM, "t"), ref('d', SBOM, "t"));
    ReferrersPage first = ReferrersPage.merge(stored, tagged, null, 2, null);
    assertThat(digests(first)).containsExactly("a", "b");
    assertThat(first.nextLast()).isEqualTo("sha256:" + "b".repeat(64));
    ReferrersPage second = ReferrersPage.merge(stored, tagged, null, 2, first.nextLast());
    assertThat(digests(second)).containsExactly("c", "d");
    ReferrersPage third = ReferrersPage.merge(stored, tagged, null, 2, second.nextLast());
    assertThat(digests(third)).containsExactly("e");
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void oci023_zeroIsAnEmptyPageWithoutANext() {
    ReferrersPage page = ReferrersPage.merge(List.of(ref('a', SBOM, "s")), List.of(), null, 0, null);
    assertThat(page.referrers()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }
}
