package dev.xreg.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadSlotsTest {

  @Test
  void aClientGetsAtMostMaxSlotsAndGetsThemBackOnRelease() {
    UploadSlots slots = new UploadSlots(2);
    assertThat(slots.acquire("a")).isTrue();
    assertThat(slots.acquire("a")).isTrue();
    assertThat(slots.acquire("a")).isFalse();
    assertThat(slots.acquire("b")).isTrue();
    assertThat(slots.inFlight("a")).isEqualTo(2);
    slots.release("a");
    assertThat(slots.acquire("a")).isTrue();
    slots.release("a");
    slots.release("a");
    assertThat(slots.inFlight("a")).isZero();
    // a release too many does not go negative or grant extra slots
    slots.release("a");
    assertThat(slots.acquire("a")).isTrue();
    assertThat(slots.acquire("a")).isTrue();
    assertThat(slots.acquire("a")).isFalse();
  }
}
