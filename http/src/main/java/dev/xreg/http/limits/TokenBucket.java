package dev.xreg.http.limits;

/**
 * A token bucket: it holds at most {@code burst} tokens, refills at {@code ratePerSecond}, and
 * each request takes one. Time is passed in (nanoseconds from any fixed origin), so the bucket
 * is a pure function of the times it is asked at and tests need no clock. Not thread-safe: its
 * owner ({@link RateLimiter}) serialises access.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
    }
    this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /**
   * Takes a token at {@code nowNanos}: 0 when one was there, else how many nanoseconds until one
   * will be (nothing is taken then, so a refused client does not dig itself deeper).
   */
  public long take(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /** Puts back a token taken at {@code nowNanos} or before (never beyond the burst). */
  public void giveBack(long nowNanos) {
    refill(nowNanos);
    tokens = Math.min(burst, tokens + 1);
  }

  /** Whether the bucket is full at {@code nowNanos}: forgetting it then loses nothing. */
  public boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * ratePerNano);
      lastNanos = nowNanos;
    }
  }
}
