package dev.xreg.storage.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The generation rules every node cache of engine answers follows (issue 15: the xRegistry read
 * cache, the OCI/App Registry content cache), kept in one place so both stay correct together.
 *
 * <p>Every invalidation starts a new generation ({@link #next}). A read takes a {@link #ticket}
 * before its command is sent, and its answer may be stored ({@link #offer}) only if no
 * invalidation came in meanwhile: an answer read before a write committed is never stored after
 * that write's invalidation. Offers and the generation step are ordered by a read-write lock held
 * only around those few memory operations (never around I/O), so an offer either lands before the
 * step (and the invalidation that follows drops it, if in scope) or is refused.
 *
 * <p>A refused key (its answer came from an older generation, or two answers of it in one
 * generation differed: another node's commit whose notice has not arrived yet) is marked until
 * the next generation, so an answer the node already sent can only be followed by a newer one.
 * Beyond {@link #MAX_REFUSED} marks in one generation nothing more is stored until the next.
 * While other nodes' changes cannot be heard ({@link Invalidations#notificationsUp()} false)
 * nothing is stored.
 *
 * @param <K> the cache's key
 */
public final class CacheGenerations<K> {
  static final int MAX_REFUSED = 10_000;

  private final Invalidations invalidations;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicLong generation = new AtomicLong();
  private final Set<K> refused = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public CacheGenerations(Invalidations invalidations) {
    this.invalidations = invalidations;
  }

  /** Taken before a read is sent to the engine; its answer is offered with it. */
  public long ticket() {
    return generation.get();
  }

  /**
   * Runs {@code store} (the cache's own atomic update of {@code key}) if an answer read with
   * {@code ticket} may still be stored; marks the key refused if the generation moved since.
   */
  public void offer(K key, long ticket, Runnable store) {
    lock.readLock().lock();
    try {
      if (!invalidations.notificationsUp() || closed) {
        return;
      }
      if (generation.get() != ticket) {
        refuse(key);
        return;
      }
      store.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether {@code key} may not be stored in this generation. */
  public boolean isRefused(K key) {
    return refused.contains(key);
  }

  /** Nothing more is stored for {@code key} in this generation. */
  public void refuse(K key) {
    if (refused.size() >= MAX_REFUSED) {
      closed = true;
    } else {
      refused.add(key);
    }
  }

  /**
   * Starts a new generation and returns it: entries stored from it on were read after the change
   * that caused it, so the invalidation that follows keeps them and drops the older ones.
   */
  public long next() {
    lock.writeLock().lock();
    try {
      long g = generation.incrementAndGet();
      refused.clear();
      closed = false;
      return g;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
