package dev.xreg.storage.oci;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xreg.storage.engine.CacheGenerations;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;

/**
 * A node cache of the engine's answers about OCI repositories (issue 15, O3 and C1): manifests by
 * digest or tag, App Registry packages by name. Bounded in bytes (Caffeine), keyed by repository
 * and a key within it, and emptied of a repository's entries when a write changes that
 * repository ({@link RepositoryChanges}): on this node before the write is answered, on other
 * nodes when its notice arrives. While other nodes' changes cannot be heard
 * ({@link Invalidations#notificationsUp()} false), nothing is answered from memory nor stored.
 *
 * <p>The rules are the xRegistry read cache's, in {@link CacheGenerations}: a read takes a
 * {@link #ticket} before it goes to the database and its answer is kept only if no change
 * arrived meanwhile; and two answers of one key in one generation that differ (another node's
 * commit whose notice is still on its way) leave neither in the cache until the next change, so a
 * node never answers from memory with a state older than one it already sent. Errors (not found)
 * are never stored: content that appears needs no invalidation.
 *
 * <p>Access control is not its business: the server's guard decides whether the caller may read
 * the repository before the API asks the cache.
 *
 * @param <V> the answer
 */
public final class ContentCache<V> implements Invalidations.Listener {
  /** By engine and kind: the server verticles of one registry share one cache of each kind. */
  private static final Map<Object, Map<Kind, ContentCache<?>>> BY_ENGINE = new WeakHashMap<>();
  /** What an entry costs besides its answer: the key, the entry, Caffeine's node. */
  private static final long ENTRY_OVERHEAD = 160;

  /**
   * Every content cache a node may have, each bounded by {@code XREG_CONTENT_CACHE_MAX_BYTES}:
   * the start-up check of the caches against the heap sums them, so a new one is counted there
   * as soon as it exists (the server's switch over these fails to compile until it is).
   */
  public enum Kind {
    /** OCI manifests by digest or tag. */
    OCI_MANIFESTS,
    /** App Registry packages by name. */
    CNR_PACKAGES,
    /** Small App Registry package blobs. */
    CNR_BLOBS
  }

  private record Key(String repository, String key) {
  }

  private record Entry<V>(V value, long generation) {
  }

  private final Cache<Key, Entry<V>> cache;
  private final Invalidations invalidations;
  private final ToLongFunction<V> weigher;
  private final BiPredicate<V, V> same;
  private final CacheGenerations<Key> generations;

  /**
   * @param maxBytes      the bound, positive
   * @param invalidations where changes are heard (registered here)
   * @param weigher       about the bytes an answer holds in memory
   * @param same          whether two answers are the same state (e.g. the same manifest digest)
   */
  public ContentCache(long maxBytes, Invalidations invalidations, ToLongFunction<V> weigher, BiPredicate<V, V> same) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a content cache needs a positive size, not " + maxBytes);
    }
    this.invalidations = invalidations;
    this.generations = new CacheGenerations<>(invalidations);
    this.weigher = weigher;
    this.same = same;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, Entry<V> e) -> (int) Math.min(Integer.MAX_VALUE,
            ENTRY_OVERHEAD + 2L * (k.repository().length() + k.key().length()) + weigher.applyAsLong(e.value())))
        // maintenance on the calling thread, not the common pool: short memory work
        .executor(Runnable::run)
        .build();
    invalidations.register(this);
  }

  /**
   * The cache of this kind in front of {@code engine} (the handle the server verticles share),
   * made by {@code create} on first use; null when {@code maxBytes} is 0 (no cache).
   */
  @SuppressWarnings("unchecked")
  public static <V> ContentCache<V> shared(Object engine, Kind kind, long maxBytes,
      java.util.function.Supplier<ContentCache<V>> create) {
    if (maxBytes <= 0) {
      return null;
    }
    synchronized (BY_ENGINE) {
      return (ContentCache<V>) BY_ENGINE.computeIfAbsent(engine, e -> new ConcurrentHashMap<>())
          .computeIfAbsent(kind, k -> create.get());
    }
  }

  /** Taken before a read is sent to the engine; its answer is offered with it. */
  public long ticket() {
    return generations.ticket();
  }

  /** The stored answer, or null (also while other nodes' changes cannot be heard). */
  public V lookup(String repository, String key) {
    if (!invalidations.notificationsUp()) {
      return null;
    }
    Entry<V> e = cache.getIfPresent(new Key(repository, key));
    return e == null ? null : e.value();
  }

  /** Keeps {@code value} for the key unless a change arrived since {@code ticket} (see the class comment). */
  public void offer(String repository, String key, V value, long ticket) {
    Key k = new Key(repository, key);
    generations.offer(k, ticket, () -> cache.asMap().compute(k, (kk, old) -> {
      if (generations.isRefused(kk)) {
        return old;
      }
      if (old != null && old.generation() == ticket && !same.test(old.value(), value)) {
        generations.refuse(kk);
        return null;
      }
      return new Entry<>(value, ticket);
    }));
  }

  @Override
  public void invalidate(Changed changed) {
    Set<String> repositories = new java.util.HashSet<>();
    boolean everything = changed.everything();
    for (String xid : changed.xids()) {
      String r = RepositoryChanges.repository(xid);
      if (r != null) {
        repositories.add(r);
      } else if (!xid.startsWith("/")) {
        everything = true; // not a name this cache knows how to scope: drop more, never less
      }
    }
    if (!everything && repositories.isEmpty()) {
      return; // xRegistry entities only: no content of ours changed
    }
    long g = generations.next();
    boolean all = everything;
    // entries offered from generation g on were read after the change committed: they stay
    for (Key k : cache.asMap().keySet()) {
      if (all || repositories.contains(k.repository())) {
        cache.asMap().computeIfPresent(k, (kk, e) -> e.generation() < g ? null : e);
      }
    }
  }

  /** Entries stored (for tests). */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
