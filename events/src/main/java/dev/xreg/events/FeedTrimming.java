package dev.xreg.events;

import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.feed.TrimFeed;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the change-feed rows nobody needs any more: every subscription has passed them and
 * they are older than {@code XREG_EVENTS_RETENTION_SECONDS}, the window in which a stream may
 * resume with {@code Last-Event-ID}. Runs every {@code XREG_EVENTS_TRIM_INTERVAL_SECONDS} on
 * each node; the store's advisory lock lets one node at a time delete. Each batch is its own
 * short transaction of at most {@link #BATCH} rows, so trimming a large backlog never holds
 * locks long or bloats one transaction; a run stops after {@link #MAX_BATCHES} and the next run
 * goes on.
 */
final class FeedTrimming {
  private static final Logger LOG = LoggerFactory.getLogger(FeedTrimming.class);
  static final int BATCH = 5_000;
  static final int MAX_BATCHES = 100;

  private final Vertx vertx;
  private final EngineClient engine;
  private final EventsOptions options;
  private boolean running;
  private long timer = -1;

  FeedTrimming(Vertx vertx, EngineClient engine, EventsOptions options) {
    this.vertx = vertx;
    this.engine = engine;
    this.options = options;
  }

  void start() {
    timer = vertx.setPeriodic(options.trimIntervalSeconds() * 1000, id -> run());
  }

  /**
   * No more runs. The timer is set on whatever context the engine came up on, which an
   * undeploy need not clean up (an embedding application mounts the router in its own
   * verticle), so the API's stop hook cancels it. A batch in flight finishes (its own short
   * transaction).
   */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void run() {
    if (running) {
      return;
    }
    running = true;
    batch(0, 0);
  }

  private void batch(int n, long deleted) {
    engine.send(new TrimFeed(Duration.ofSeconds(options.retentionSeconds()), BATCH)).onComplete(ar -> {
      if (ar.succeeded() && ar.result() == BATCH && n + 1 < MAX_BATCHES) {
        batch(n + 1, deleted + BATCH);
        return;
      }
      running = false;
      if (ar.failed()) {
        LOG.warn("event=events_trim_failed cause={}", ar.cause().toString());
      } else if (deleted + ar.result() > 0) {
        LOG.info("event=events_feed_trimmed rows={} batches={}", deleted + ar.result(), n + 1);
      }
    });
  }
}
