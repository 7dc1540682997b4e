package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.engine.LocalCodec;
import dev.xreg.storage.feed.TrimFeed;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trimming timer runs until its API's stop hook, and not after it. */
class FeedTrimmingTest {
  private static final String ENGINE = "test.trim.engine";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void stopEndsTheRuns() throws Exception {
    AtomicInteger trims = new AtomicInteger();
    EngineClient engine = new EngineClient(vertx, ENGINE, 5_000);
    vertx.eventBus().consumer(ENGINE, msg -> {
      if (msg.body() instanceof TrimFeed) {
        trims.incrementAndGet();
      }
      msg.reply(0, LocalCodec.DELIVERY);
    });
    FeedTrimming trimming = new FeedTrimming(vertx, engine,
        EventsOptions.from(Map.of("XREG_EVENTS_TRIM_INTERVAL_SECONDS", "1")));
    vertx.runOnContext(v -> trimming.start());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (trims.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(trims.get()).as("runs every interval while started").isGreaterThanOrEqualTo(2);

    vertx.runOnContext(v -> trimming.stop());
    Thread.sleep(200); // the stop has run; a batch already sent may still be answered
    int atStop = trims.get();
    Thread.sleep(2_500);
    assertThat(trims.get()).as("no run after stop (interval 1 s, waited 2.5 s)").isEqualTo(atStop);
  }
}
