package dev.xreg.xregistry.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xreg.storage.engine.CacheGenerations;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node-local cache of rendered xRegistry GET answers (issue 15), bounded by weight in bytes
 * ({@code XREG_CACHE_MAX_BYTES}), one per Vert.x instance, told of every committed change by
 * {@link Invalidations}.
 *
 * <p><b>Generations</b> ({@link CacheGenerations}). Every invalidation starts a new generation. A
 * read takes a {@link #ticket} (the generation) before its command is sent, and {@link #offer}s
 * its answer only if no invalidation came in meanwhile: an answer read before a write committed
 * is never stored after that write's invalidation. Entries are filed in their {@link InvalidationScope} bucket before they
 * become visible, and dropped only if older than the invalidation, so one started after it
 * survives.
 *
 * <p><b>Never older than served.</b> Two reads of one key in one generation may have seen
 * different states (another node's commit whose notice has not arrived yet); which is newer is
 * unknown. So the second answer that differs removes the entry and marks the key refused
 * until the next generation, as does any answer refused because the generation moved: an
 * answer this node already sent can then only be followed by a newer one (PostgreSQL's
 * committed state only moves forward), never by a slower, older read landing in the cache.
 */
public final class ReadCache implements Invalidations.Listener {
  /** By engine: every server verticle of one registry shares one cache; two registries embedded in one Vert.x do not. */
  private static final Map<Object, ReadCache> BY_ENGINE = new WeakHashMap<>();

  private final Cache<CacheKey, CachedReply> cache;
  private final Invalidations invalidations;
  private final long maxEntryWeight;
  private final CacheGenerations<CacheKey> generations;
  /** Bucket name to the keys filed in it, kept equal to the cache's entries (see {@link #file}). */
  private final Map<String, Set<CacheKey>> buckets = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /** A cache of at most {@code maxBytes}, invalidated through {@code invalidations} (registered here). */
  public ReadCache(long maxBytes, Invalidations invalidations) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a read cache needs a positive size, not " + maxBytes);
    }
    this.invalidations = invalidations;
    this.generations = new CacheGenerations<>(invalidations);
    this.maxEntryWeight = Math.max(1, maxBytes / 16);
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey k, CachedReply v) -> k.weight() + v.weight())
        // maintenance on the thread that wrote, not the common pool: it is short memory work
        .executor(Runnable::run)
        // called inside the eviction's atomic step, so the index never loses a live key
        .evictionListener((CacheKey k, CachedReply v, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          evictions.increment();
          if (k != null && v != null) {
            unfile(k, v.bucket());
          }
        })
        .build();
    invalidations.register(this);
  }

  /**
   * The cache of the xRegistry API in front of {@code engine} (the handle the server verticles
   * share) on {@code vertx}, null when {@code maxBytes} is 0 (no cache at all).
   */
  public static ReadCache shared(Vertx vertx, Object engine, long maxBytes) {
    if (maxBytes <= 0) {
      return null;
    }
    synchronized (BY_ENGINE) {
      return BY_ENGINE.computeIfAbsent(engine, e -> new ReadCache(maxBytes, Invalidations.of(vertx)));
    }
  }

  /** Taken before a read is sent to the engine; its answer is offered with it. */
  public long ticket() {
    return generations.ticket();
  }

  /** The stored answer for {@code key}, or null (also while other nodes' changes cannot be heard). */
  public CachedReply lookup(CacheKey key) {
    CachedReply found = invalidations.notificationsUp() ? cache.getIfPresent(key) : null;
    (found == null ? misses : hits).increment();
    return found;
  }

  /** Stores {@code reply} for {@code key} unless a change arrived since {@code ticket} (see the class comment). */
  public void offer(CacheKey key, CachedReply reply, long ticket) {
    if (key.weight() + reply.weight() > maxEntryWeight) {
      return;
    }
    generations.offer(key, ticket, () -> cache.asMap().compute(key, (k, old) -> {
      if (generations.isRefused(k)) {
        return old;
      }
      if (old != null && old.generation() == ticket && !old.sameAs(reply)) {
        generations.refuse(k);
        unfile(k, old.bucket());
        return null;
      }
      if (old != null && !old.bucket().equals(reply.bucket())) {
        unfile(k, old.bucket());
      }
      file(k, reply.bucket());
      return reply.at(ticket);
    }));
  }

  @Override
  public void invalidate(Changed changed) {
    long g = generations.next();
    boolean everything = changed.everything();
    java.util.List<String> named = new java.util.ArrayList<>();
    for (String xid : changed.xids()) {
      String b = InvalidationScope.bucketOfChange(xid);
      everything |= b.equals(InvalidationScope.ROOT);
      named.add(b);
    }
    if (everything) {
      cache.asMap().keySet().forEach(k -> drop(k, null, g));
      return;
    }
    dropBucket(InvalidationScope.EVERY_CHANGE, g);
    Set<String> dropped = new java.util.HashSet<>();
    for (String b : named) {
      for (String a : InvalidationScope.selfAndAncestors(b)) {
        if (dropped.add(a)) {
          dropBucket(a, g);
        }
      }
      if (InvalidationScope.hasDescendantBuckets(b)) {
        for (String name : buckets.keySet()) {
          if (InvalidationScope.isDescendant(name, b) && dropped.add(name)) {
            dropBucket(name, g);
          }
        }
      }
    }
  }

  /** Hits since start. */
  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Entries removed to stay within the size bound. */
  public long evictions() {
    return evictions.sum();
  }

  /** The weight of what is stored, about its bytes in memory. */
  public long bytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  /** Entries stored (for tests). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private void dropBucket(String name, long g) {
    Set<CacheKey> keys = buckets.get(name);
    if (keys != null) {
      for (CacheKey k : keys) {
        drop(k, name, g);
      }
    }
  }

  /** Removes {@code key}'s entry if it was stored before generation {@code g} began; its filing with it. */
  private void drop(CacheKey key, String bucket, long g) {
    cache.asMap().compute(key, (k, v) -> {
      if (v != null && v.generation() >= g) {
        return v;
      }
      if (bucket != null) {
        unfile(k, bucket);
      }
      if (v != null) {
        unfile(k, v.bucket());
      }
      return null;
    });
  }

  private void file(CacheKey key, String bucket) {
    buckets.compute(bucket, (b, keys) -> {
      Set<CacheKey> s = keys == null ? ConcurrentHashMap.newKeySet() : keys;
      s.add(key);
      return s;
    });
  }

  private void unfile(CacheKey key, String bucket) {
    buckets.computeIfPresent(bucket, (b, keys) -> {
      keys.remove(key);
      return keys.isEmpty() ? null : keys;
    });
  }
}
