package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry delays: exponential from XREG_EVENTS_FIRST_RETRY_MS, capped, each between half and all of its step. */
class DeliveryBackoffTest {

  @Test
  void delaysDoubleWithJitterUpToTheCap() {
    EventsOptions o = EventsOptions.from(Map.of("XREG_EVENTS_FIRST_RETRY_MS", "1000", "XREG_EVENTS_MAX_RETRY_MS",
        "10000"));
    for (int i = 0; i < 200; i++) {
      assertThat(Delivery.backoff(o, 1)).isBetween(500L, 1000L);
      assertThat(Delivery.backoff(o, 2)).isBetween(1000L, 2000L);
      assertThat(Delivery.backoff(o, 4)).isBetween(4000L, 8000L);
      assertThat(Delivery.backoff(o, 5)).isBetween(5000L, 10000L);
      assertThat(Delivery.backoff(o, 60)).isBetween(5000L, 10000L);
    }
  }

  @Test
  void settingsAreCheckedAtStart() {
    EventsOptions o = EventsOptions.from(Map.of("XREG_EVENTS_ALLOWED_SINKS", " 127.0.0.1/32, hooks.internal ,",
        "XREG_EVENTS_MAX_ATTEMPTS", "3"));
    assertThat(o.allowedSinks()).containsExactly("127.0.0.1/32", "hooks.internal");
    assertThat(o.maxAttempts()).isEqualTo(3);
    assertThat(EventsOptions.from(Map.of()).maxAttempts()).isEqualTo(EventsOptions.DEFAULT_MAX_ATTEMPTS);
    assertThatThrownBy(() -> EventsOptions.from(Map.of("XREG_EVENTS_MAX_ATTEMPTS", "0")))
        .hasMessageContaining("XREG_EVENTS_MAX_ATTEMPTS");
    assertThatThrownBy(() -> EventsOptions.from(Map.of("XREG_EVENTS_POLL_MS", "soon")))
        .hasMessageContaining("XREG_EVENTS_POLL_MS");
    assertThat(EventsOptions.from(Map.of()).concurrency()).as("one at a time by default").isEqualTo(1);
    assertThat(EventsOptions.from(Map.of("XREG_EVENTS_CONCURRENCY", "8")).concurrency()).isEqualTo(8);
    assertThatThrownBy(() -> EventsOptions.from(Map.of("XREG_EVENTS_CONCURRENCY", "65")))
        .hasMessageContaining("XREG_EVENTS_CONCURRENCY").hasMessageContaining("at most 64");
    assertThatThrownBy(() -> EventsOptions.from(Map.of("XREG_EVENTS_MAX_AGE_SECONDS", "0")))
        .hasMessageContaining("XREG_EVENTS_MAX_AGE_SECONDS");
  }
}
