package dev.xreg.storage.pg;

import dev.xreg.storage.engine.Invalidations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what other nodes on the same database commit (issue 15): {@code LISTEN} on
 * {@link ChangeNotice#CHANNEL} with a {@link PgSubscriber} on a connection of its own, and passes
 * each notice to {@link Invalidations}, skipping this node's own (applied when they committed).
 * While the connection is down, notices are lost, so {@link Invalidations#notifications} is told
 * and caches stop answering from memory; a new subscriber connects after a pause, and once its
 * {@code LISTEN} is in place caches are emptied and used again. (The subscriber's own reconnect
 * policy is not used: it would reconnect without saying that the connection was ever gone.)
 *
 * <p>Notices are sent after their transaction commits ({@link ChangeNoticeSender}), so one can be
 * lost even while this connection is up; the node also tails the change feed
 * ({@link ChangeFeedTail}) every {@code feedPollMs}, which bounds the staleness a lost notice
 * can cause.
 */
public final class ChangeNotifications {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifications.class);
  private static final long MIN_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 5_000;

  private final Vertx vertx;
  private final PgConnectOptions connect;
  private final Invalidations invalidations;
  private final ChangeFeedTail tail;
  private PgSubscriber subscriber;
  private long pause = MIN_PAUSE_MS;
  private boolean stopped;

  /** @param feed the pool the change-feed tail queries; @param feedPollMs its interval */
  public ChangeNotifications(Vertx vertx, PgConnectOptions connect, io.vertx.sqlclient.Pool feed, long feedPollMs) {
    this.vertx = vertx;
    this.connect = new PgConnectOptions(connect);
    this.connect.setMetricsName("xreg-change-listener");
    this.invalidations = Invalidations.of(vertx);
    this.tail = new ChangeFeedTail(vertx, feed, invalidations, feedPollMs);
  }

  /** Starts listening and tailing; caches stay bypassed until the first {@code LISTEN} succeeds. */
  public void start() {
    tail.start();
    listen();
  }

  private void listen() {
    if (stopped) {
      return;
    }
    PgSubscriber s = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(retries -> -1L);
    subscriber = s;
    String own = invalidations.origin();
    s.channel(ChangeNotice.CHANNEL)
        .handler(payload -> {
          if (!own.equals(ChangeNotice.origin(payload))) {
            invalidations.committed(ChangeNotice.parse(payload));
          }
        })
        .subscribeHandler(v -> {
          pause = MIN_PAUSE_MS;
          LOG.info("event=change_notifications_listening channel={}", ChangeNotice.CHANNEL);
          invalidations.notifications(true);
        });
    s.closeHandler(v -> lost("connection closed"));
    s.connect().onFailure(err -> lost(String.valueOf(err)));
  }

  private void lost(String cause) {
    invalidations.notifications(false);
    if (stopped) {
      return;
    }
    LOG.warn("event=change_notifications_lost cause={} retry_ms={}", cause, pause);
    long wait = pause;
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
    vertx.setTimer(wait, id -> listen());
  }

  public Future<Void> stop() {
    stopped = true;
    tail.stop();
    invalidations.notifications(false);
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}
