package dev.xreg.http.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bucket is a function of the times it is asked at: no clock, no sleeps. */
class TokenBucketTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aFullBucketLetsTheBurstThroughThenSaysHowLongToWait() {
    TokenBucket bucket = new TokenBucket(2, 3, 0);
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    // empty; at 2/s the next token is half a second away
    assertThat(bucket.take(0)).isEqualTo(SECOND / 2);
    // a refused request takes nothing: the wait only shrinks as time passes
    assertThat(bucket.take(SECOND / 4)).isEqualTo(SECOND / 4);
    assertThat(bucket.take(SECOND / 2)).isZero();
    assertThat(bucket.take(SECOND / 2)).isEqualTo(SECOND / 2);
  }

  @Test
  void refillStopsAtTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 2, 0);
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.isFull(0)).isFalse();
    // an hour idle still gives only two
    long later = TimeUnit.HOURS.toNanos(1);
    assertThat(bucket.isFull(later)).isTrue();
    assertThat(bucket.take(later)).isZero();
    assertThat(bucket.take(later)).isZero();
    assertThat(bucket.take(later)).isPositive();
  }

  @Test
  void aSlowRateAsksForLongWaits() {
    TokenBucket bucket = new TokenBucket(0.1, 1, 0);
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isEqualTo(10 * SECOND);
  }

  @Test
  void timeGoingBackwardsGivesNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, 5 * SECOND);
    assertThat(bucket.take(5 * SECOND)).isZero();
    assertThat(bucket.take(0)).isEqualTo(SECOND);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
