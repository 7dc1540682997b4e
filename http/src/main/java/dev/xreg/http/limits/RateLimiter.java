package dev.xreg.http.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per client, in a map bounded in size: when it is full, buckets that
 * refilled (idle clients) are dropped first, then the least recently used one. A dropped bucket
 * comes back full, which is what an idle client's bucket is anyway; so the bound costs at worst
 * a little extra allowance for the oldest client when more than {@code maxClients} are active.
 */
public final class RateLimiter {
  private static final int EVICTION_SCAN = 64;
  private final double ratePerSecond;
  private final int burst;
  private final int maxClients;
  private final LongSupplier clock;
  private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  /**
   * @param clock nanoseconds from a fixed origin ({@code System::nanoTime} in the server)
   */
  public RateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier clock) {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.maxClients = maxClients;
    this.clock = clock;
    new TokenBucket(ratePerSecond, burst, 0); // refuse a bad rate or burst now, not at the first request
  }

  /** Takes a token for {@code client}: 0 when allowed, else nanoseconds until it would be. */
  public synchronized long take(String client) {
    long now = clock.getAsLong();
    TokenBucket bucket = buckets.get(client);
    if (bucket == null) {
      if (buckets.size() >= maxClients) {
        evict(now);
      }
      bucket = new TokenBucket(ratePerSecond, burst, now);
      buckets.put(client, bucket);
    }
    return bucket.take(now);
  }

  /**
   * Gives back a token {@link #take} took for {@code client} (a charge that turned out not to be
   * owed); nothing if its bucket was forgotten meanwhile, since a new one starts full anyway.
   */
  public synchronized void giveBack(String client) {
    TokenBucket bucket = buckets.get(client);
    if (bucket != null) {
      bucket.giveBack(clock.getAsLong());
    }
  }

  /** How many clients have a bucket (for tests and for the bound). */
  public synchronized int clients() {
    return buckets.size();
  }

  /**
   * Drops the full buckets among the least recently used few (so a new client costs a bounded
   * scan however many are tracked), and the least recently used one if none of those was full.
   */
  private void evict(long now) {
    boolean dropped = false;
    int looked = 0;
    for (Iterator<Map.Entry<String, TokenBucket>> it = buckets.entrySet().iterator();
        it.hasNext() && looked++ < EVICTION_SCAN;) {
      if (it.next().getValue().isFull(now)) {
        it.remove();
        dropped = true;
      }
    }
    if (!dropped) {
      Iterator<String> oldest = buckets.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }
}
