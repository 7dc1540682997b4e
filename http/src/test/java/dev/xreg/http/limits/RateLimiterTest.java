package dev.xreg.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets per client, bounded in number, on an injected clock. */
class RateLimiterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private final AtomicLong now = new AtomicLong();

  @Test
  void eachClientHasItsOwnBucket() {
    RateLimiter limiter = new RateLimiter(1, 2, 100, now::get);
    assertThat(limiter.take("a")).isZero();
    assertThat(limiter.take("a")).isZero();
    assertThat(limiter.take("a")).isEqualTo(SECOND);
    assertThat(limiter.take("b")).isZero();
    now.addAndGet(SECOND);
    assertThat(limiter.take("a")).isZero();
    assertThat(limiter.take("a")).isPositive();
  }

  @Test
  void aTokenGivenBackCanBeTakenAgainButNeverBeyondTheBurst() {
    RateLimiter limiter = new RateLimiter(1, 2, 100, now::get);
    assertThat(limiter.take("login:a")).isZero();
    assertThat(limiter.take("login:a")).isZero();
    assertThat(limiter.take("login:a")).isPositive();
    limiter.giveBack("login:a"); // the credentials proved good: that charge was not owed
    assertThat(limiter.take("login:a")).isZero();
    assertThat(limiter.take("login:a")).isPositive();
    limiter.giveBack("login:a");
    limiter.giveBack("login:a");
    limiter.giveBack("login:a"); // more than was taken: the bucket stays at its burst
    assertThat(limiter.take("login:a")).isZero();
    assertThat(limiter.take("login:a")).isZero();
    assertThat(limiter.take("login:a")).isPositive();
    limiter.giveBack("nobody"); // no bucket: nothing created
    assertThat(limiter.clients()).isEqualTo(1);
  }

  @Test
  void theNumberOfBucketsIsBoundedAndIdleOnesGoFirst() {
    RateLimiter limiter = new RateLimiter(1, 1, 3, now::get);
    limiter.take("busy");
    limiter.take("idle1");
    limiter.take("idle2");
    now.addAndGet(2 * SECOND); // all three refilled
    limiter.take("busy"); // busy is empty again
    limiter.take("new");
    assertThat(limiter.clients()).isLessThanOrEqualTo(3);
    // the busy client's empty bucket was kept: it is still limited
    assertThat(limiter.take("busy")).isPositive();
  }

  @Test
  void whenNoBucketIsIdleTheLeastRecentlyUsedGoes() {
    RateLimiter limiter = new RateLimiter(1, 1, 2, now::get);
    limiter.take("old");
    limiter.take("recent");
    limiter.take("new");
    assertThat(limiter.clients()).isEqualTo(2);
    // "recent" was kept (still empty); "old" was forgotten and starts full
    assertThat(limiter.take("recent")).isPositive();
    assertThat(limiter.take("old")).isZero();
  }

  @Test
  void manyClientsNeverGrowTheMapPastTheBound() {
    RateLimiter limiter = new RateLimiter(5, 5, 50, now::get);
    for (int i = 0; i < 1_000; i++) {
      limiter.take("client-" + i);
      assertThat(limiter.clients()).isLessThanOrEqualTo(50);
    }
  }
}
