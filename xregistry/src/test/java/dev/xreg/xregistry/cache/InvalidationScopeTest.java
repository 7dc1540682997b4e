package dev.xreg.xregistry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 15: where an answer is filed, and which files a change drops. */
class InvalidationScopeTest {
  @Test
  void answersBelowAResourceShareItsBucket() {
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1$details")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1/meta")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1/versions/v1$details")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1/versions/")).isEqualTo("/dirs/d1/files/f1");
  }

  @Test
  void shallowerPathsAreTheirOwnBucketAndRegistryDocumentsAreTheRoots() {
    assertThat(InvalidationScope.bucketOf("/")).isEqualTo("/");
    assertThat(InvalidationScope.bucketOf("/dirs")).isEqualTo("/dirs");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/")).isEqualTo("/dirs/d1");
    assertThat(InvalidationScope.bucketOf("/model")).isEqualTo("/");
    assertThat(InvalidationScope.bucketOf("/capabilities")).isEqualTo("/");
  }

  @Test
  void spellingsOfOnePathShareABucket() {
    assertThat(InvalidationScope.bucketOf("/Dirs/D1/files/F%31")).isEqualTo("/dirs/d1/files/f1");
    // an encoded "$" is the same $details suffix (a client that encoded it read a stale answer)
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1%24details")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOf("/dirs/d1/files/f1/versions/2%24details")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOfChange("/dirs/d1/files/F1/versions/2")).isEqualTo("/dirs/d1/files/f1");
    assertThat(InvalidationScope.bucketOfChange("/")).isEqualTo("/");
  }

  @Test
  void aChangeDropsItsAncestorsAndDescendants() {
    assertThat(InvalidationScope.selfAndAncestors("/dirs/d1/files/f1"))
        .containsExactly("/dirs/d1/files/f1", "/dirs/d1/files", "/dirs/d1", "/dirs", "/");
    assertThat(InvalidationScope.hasDescendantBuckets("/dirs/d1")).isTrue();
    assertThat(InvalidationScope.hasDescendantBuckets("/dirs/d1/files/f1")).isFalse();
    assertThat(InvalidationScope.isDescendant("/dirs/d1/files/f1", "/dirs/d1")).isTrue();
    assertThat(InvalidationScope.isDescendant("/dirs/d10/files/f1", "/dirs/d1")).isFalse();
    assertThat(InvalidationScope.isDescendant("/dirs/d1", "/dirs/d1")).isFalse();
  }
}
