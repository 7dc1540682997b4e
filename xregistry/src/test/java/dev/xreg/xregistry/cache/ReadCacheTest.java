package dev.xreg.xregistry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 15: the cache's rules on one thread, step by step (the races they close, in order). */
class ReadCacheTest {
  private final Invalidations invalidations = new Invalidations();
  private ReadCache cache;

  @BeforeEach
  void listening() {
    cache = new ReadCache(1 << 20, invalidations);
    invalidations.notifications(true);
  }

  private static CacheKey key(String path) {
    return new CacheKey(path, null, null, "IDENTITY", "http://127.0.0.1:1");
  }

  private static CachedReply reply(String path, String body) {
    return new CachedReply(List.of(Map.entry("ETag", "\"" + body + "\"")), body.getBytes(StandardCharsets.UTF_8),
        "\"" + body + "\"", InvalidationScope.bucketOf(path), 0);
  }

  private void store(String path, String body) {
    cache.offer(key(path), reply(path, body), cache.ticket());
  }

  private String cached(String path) {
    CachedReply r = cache.lookup(key(path));
    return r == null ? null : new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aStoredAnswerIsServedAndCounted() {
    store("/dirs/d1/files/f1", "v1");
    assertThat(cached("/dirs/d1/files/f1")).isEqualTo("v1");
    assertThat(cached("/dirs/d1/files/f2")).isNull();
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.bytes()).isPositive();
  }

  @Test
  void aChangeDropsItsResourceItsAncestorsAndXrefsButNotItsSiblings() {
    for (String p : List.of("/", "/dirs", "/dirs/d1", "/dirs/d1/files", "/dirs/d1/files/f1",
        "/dirs/d1/files/f1/versions/v1", "/dirs/d1/files/f2", "/dirs/d2", "/model")) {
      store(p, "old " + p);
    }
    cache.offer(key("/dirs/d2/files/x"), new CachedReply(List.of(), new byte[] {1}, null,
        InvalidationScope.EVERY_CHANGE, 0), cache.ticket());
    invalidations.committed(Changed.of(Set.of("/dirs/d1/files/f1/meta")));
    for (String gone : List.of("/", "/dirs", "/dirs/d1", "/dirs/d1/files", "/dirs/d1/files/f1",
        "/dirs/d1/files/f1/versions/v1", "/model", "/dirs/d2/files/x")) {
      assertThat(cache.lookup(key(gone))).as(gone).isNull();
    }
    assertThat(cached("/dirs/d1/files/f2")).isEqualTo("old /dirs/d1/files/f2");
    assertThat(cached("/dirs/d2")).isEqualTo("old /dirs/d2");
  }

  @Test
  void aGroupChangeDropsEverythingBelowIt() {
    store("/dirs/d1/files/f1", "a");
    store("/dirs/d10/files/f1", "b");
    invalidations.committed(Changed.of(Set.of("/dirs/d1")));
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    assertThat(cached("/dirs/d10/files/f1")).isEqualTo("b");
  }

  @Test
  void aRegistryChangeOrAnUnknownOneDropsEverything() {
    store("/dirs/d1/files/f1", "a");
    invalidations.committed(Changed.of(Set.of("/")));
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    store("/dirs/d1/files/f1", "a");
    invalidations.committed(Changed.EVERYTHING);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aReadThatStartedBeforeAChangeIsNotStoredAfterIt() {
    long ticket = cache.ticket();
    invalidations.committed(Changed.of(Set.of("/dirs/d9")));
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "old"), ticket);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
  }

  @Test
  void afterARefusedReadOlderReadsOfTheSameGenerationStayOut() {
    // a read saw another node's newer state, but an unrelated change arrived meanwhile: refused
    long before = cache.ticket();
    invalidations.committed(Changed.of(Set.of("/dirs/d9")));
    long during = cache.ticket();
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "new"), before);
    // a slower read of the same generation with the older state must not land after it
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "old"), during);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    // the next generation stores again
    invalidations.committed(Changed.of(Set.of("/dirs/d9")));
    store("/dirs/d1/files/f1", "new");
    assertThat(cached("/dirs/d1/files/f1")).isEqualTo("new");
  }

  @Test
  void twoDifferentAnswersInOneGenerationLeaveNeither() {
    long t = cache.ticket();
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "new"), t);
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "old"), t);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    cache.offer(key("/dirs/d1/files/f1"), reply("/dirs/d1/files/f1", "new"), t);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
  }

  @Test
  void anEntryStoredAfterAChangeBeganSurvivesIt() {
    store("/dirs/d1/files/f1", "old");
    invalidations.committed(Changed.of(Set.of("/dirs/d1/files/f1")));
    store("/dirs/d1/files/f1", "new");
    assertThat(cached("/dirs/d1/files/f1")).isEqualTo("new");
    invalidations.committed(Changed.of(Set.of("/dirs/d1/files/f1")));
    assertThat(cached("/dirs/d1/files/f1")).isNull();
  }

  @Test
  void nothingIsServedOrStoredWhileNotificationsAreDown() {
    store("/dirs/d1/files/f1", "a");
    invalidations.notifications(false);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    store("/dirs/d1/files/f1", "a");
    invalidations.notifications(true);
    assertThat(cached("/dirs/d1/files/f1")).isNull();
    store("/dirs/d1/files/f1", "a");
    assertThat(cached("/dirs/d1/files/f1")).isEqualTo("a");
  }

  @Test
  void theSizeBoundEvictsAndCounts() {
    ReadCache small = new ReadCache(64 * 1024, invalidations);
    for (int i = 0; i < 200; i++) {
      String p = "/dirs/d1/files/f" + i;
      small.offer(key(p), new CachedReply(List.of(), new byte[2_000], null, InvalidationScope.bucketOf(p), 0),
          small.ticket());
    }
    assertThat(small.size()).isLessThan(200);
    assertThat(small.evictions()).isPositive();
    assertThat(small.bytes()).isLessThanOrEqualTo(64 * 1024);
  }
}
