package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagPageTest {
  static final List<String> TAGS = List.of("v2", "latest", "V1", "1.0", "v10", "_x", "a-b", "a.b");

  @Test
  void oci021_allTagsInGoSortStringsOrder() {
    // Byte order: digits < uppercase < '_' < lowercase; '-' < '.'
    TagPage page = TagPage.of(TAGS, null, null);
    assertThat(page.items()).containsExactly("1.0", "V1", "_x", "a-b", "a.b", "latest", "v10", "v2");
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void oci022_nLimitsThePageAndDueLinkPointsAfterItsLastItem() {
    TagPage page = TagPage.of(TAGS, 3, null);
    assertThat(page.items()).containsExactly("1.0", "V1", "_x");
    assertThat(page.hasNext()).isTrue();
    assertThat(page.nextLast()).isEqualTo("_x");
  }

  @Test
  void oci022_followingTheLinksVisitsEveryTagOnce() {
    List<String> seen = new java.util.ArrayList<>();
    String last = null;
    int pages = 0;
    do {
      TagPage page = TagPage.of(TAGS, 3, last);
      seen.addAll(page.items());
      last = page.nextLast();
      pages++;
    } while (last != null);
    assertThat(seen).containsExactly("1.0", "V1", "_x", "a-b", "a.b", "latest", "v10", "v2");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void oci022_nZeroIsAnEmptyListWithoutLink() {
    TagPage page = TagPage.of(TAGS, 0, null);
    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(TagPage.of(List.of(), 0, null).hasNext()).isFalse();
  }

  @Test
  void oci022_lastIsExclusive() {
    assertThat(TagPage.of(TAGS, 2, "a-b").items()).containsExactly("a.b", "latest");
    assertThat(TagPage.of(TAGS, null, "latest").items()).doesNotContain("latest").containsExactly("v10", "v2");
  }

  @Test
  void oci022_lastNeedNotBeAnExistingTag() {
    assertThat(TagPage.of(TAGS, null, "b").items()).containsExactly("latest", "v10", "v2");
    assertThat(TagPage.of(TAGS, 5, "zzz").items()).isEmpty();
  }

  @Test
  void oci022_exactlyNRemainingMeansNoLink() {
    TagPage page = TagPage.of(TAGS, 3, "a.b");
    assertThat(page.items()).containsExactly("latest", "v10", "v2");
    assertThat(page.hasNext()).isFalse();
    assertThat(TagPage.of(TAGS, 100, null).items()).hasSize(8);
  }

  @Test
  void oci022_pageFromAStoreWindowOfNPlusOne() {
    TagPage page = TagPage.fromSortedTail(List.of("b", "c", "d"), 2);
    assertThat(page.items()).containsExactly("b", "c");
    assertThat(page.nextLast()).isEqualTo("c");
    assertThat(TagPage.fromSortedTail(List.of("b", "c"), 2).hasNext()).isFalse();
  }

  @Test
  void oci022_negativeNIsRefused() {
    assertThatThrownBy(() -> TagPage.of(TAGS, -1, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oci032_catalogPagesRepositoryNamesTheSameWay() {
    List<String> repos = List.of("library/alpine", "alpine", "a/b", "a-b", "a/b/c");
    TagPage page = TagPage.of(repos, 2, "a-b");
    assertThat(page.items()).containsExactly("a/b", "a/b/c");
    assertThat(page.nextLast()).isEqualTo("a/b/c");
  }
}
