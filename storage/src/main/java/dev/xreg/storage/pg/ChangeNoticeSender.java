package dev.xreg.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ChangeNotice} payloads to other nodes after their write transactions have
 * committed (issue 15, W1/W2/L1), outside any write transaction. A {@code pg_notify} inside a
 * write transaction makes PostgreSQL take a database-wide lock at pre-commit and hold it until
 * the commit record is flushed, so notifying commits cannot share a WAL flush: every write waited
 * for the fsync of the one before it. Here the notices of many writes go out together:
 * {@link #send} only queues (it never waits, so the writer's reply does not either); one
 * statement is in flight at a time, and whatever queued meanwhile goes out as the next one.
 *
 * <p>A notice may be lost (the node dies between its COMMIT and the notice, the connection is
 * down): other nodes then learn of the change from the change-feed tail in
 * {@link ChangeNotifications}, within its poll interval. So a notice need not be durable, and
 * the connection runs with {@code synchronous_commit = off}: its own commit waits for no flush.
 */
public final class ChangeNoticeSender {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNoticeSender.class);
  /** Every queued payload on {@link ChangeNotice#CHANNEL} in one statement ($2: the payloads). */
  static final String SEND = "SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p";
  /** Payloads per statement: each is below 8000 bytes, so one statement stays below a few MB. */
  static final int MAX_BATCH = 256;
  /** Queued payloads kept while no connection is up; beyond, the oldest go (the feed tail covers them). */
  static final int MAX_QUEUED = 10_000;
  private static final long MIN_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 5_000;

  private final Function<List<String>, Future<Void>> publish;
  private final java.util.function.Supplier<Future<Void>> closer;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean sending;
  private long dropped;
  /** Set by {@link #close}: a statement cut short by it is not a lost notice worth a warning. */
  private volatile boolean closed;

  /** @param publish sends one batch of payloads; the next batch waits for its future */
  ChangeNoticeSender(Function<List<String>, Future<Void>> publish, java.util.function.Supplier<Future<Void>> closer) {
    this.publish = publish;
    this.closer = closer;
  }

  /** A sender on a connection of its own to {@code connect}, opened on first use and reopened after a failure. */
  public static ChangeNoticeSender connectingTo(Vertx vertx, PgConnectOptions connect) {
    NoticeConnection conn = new NoticeConnection(vertx, connect);
    return new ChangeNoticeSender(conn::publish, conn::close);
  }

  /** Closes the connection; notices still queued are not sent (other nodes' feed tails cover them). */
  public Future<Void> close() {
    closed = true;
    synchronized (this) {
      queue.clear();
    }
    return closer.get();
  }

  /** Queues {@code payload} for other nodes and returns at once; called from any thread. */
  public void send(String payload) {
    synchronized (this) {
      if (queue.size() >= MAX_QUEUED) {
        queue.pollFirst();
        dropped++;
      }
      queue.addLast(payload);
      if (sending) {
        return;
      }
      sending = true;
    }
    next();
  }

  /** Payloads queued and not yet handed to a statement (tests). */
  synchronized int queued() {
    return queue.size();
  }

  /** Payloads dropped because the queue was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Hands everything queued (up to {@link #MAX_BATCH}) to one statement; when it ends, the rest to the next. */
  private void next() {
    List<String> batch;
    synchronized (this) {
      if (queue.isEmpty()) {
        sending = false;
        return;
      }
      batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.pollFirst());
      }
    }
    Future<Void> sent;
    try {
      sent = publish.apply(batch);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(ar -> {
      if (ar.failed() && !closed) {
        // lost: the feed tail of every other node reports these changes within its poll interval
        LOG.warn("event=change_notices_lost count={} cause={}", batch.size(), String.valueOf(ar.cause()));
      }
      next();
    });
  }

  /**
   * The sender's connection: opened when the first batch goes out, with
   * {@code synchronous_commit = off}; after a failure it is closed and the next batch waits for a
   * pause (doubling up to 5 s) before reconnecting, so a database outage is not hammered.
   */
  private static final class NoticeConnection {
    private final Vertx vertx;
    private final PgConnectOptions connect;
    private Future<PgConnection> conn;
    private long pause = MIN_PAUSE_MS;
    private long notBefore;
    private boolean closed;

    NoticeConnection(Vertx vertx, PgConnectOptions connect) {
      this.vertx = vertx;
      this.connect = new PgConnectOptions(connect).addProperty("application_name", "xreg-change-notices");
      this.connect.setMetricsName("xreg-change-notices");
    }

    Future<Void> publish(List<String> batch) {
      Future<PgConnection> used = connection();
      return used.compose(c -> c.preparedQuery(SEND)
              .execute(Tuple.tuple().addString(ChangeNotice.CHANNEL).addArrayOfString(batch.toArray(new String[0]))))
          .<Void>mapEmpty()
          .onSuccess(v -> succeeded())
          .onFailure(err -> reset(used));
    }

    private synchronized Future<PgConnection> connection() {
      if (conn != null) {
        return conn;
      }
      long wait = notBefore - System.currentTimeMillis();
      Future<Void> paused = wait <= 0 ? Future.succeededFuture()
          : Future.future(p -> vertx.setTimer(wait, id -> p.complete()));
      Future<PgConnection> opened = paused.compose(v -> PgConnection.connect(vertx, connect))
          .compose(c -> c.query("SET synchronous_commit = off").execute().map(c)
              .onFailure(err -> c.close()));
      conn = opened;
      opened.onSuccess(c -> c.closeHandler(v -> reset(opened)));
      return opened;
    }

    synchronized Future<Void> close() {
      Future<PgConnection> old = conn;
      closed = true;
      conn = Future.failedFuture(new IllegalStateException("change notices closed"));
      return old == null ? Future.succeededFuture() : old.transform(ar -> ar.succeeded() ? ar.result().close()
          : Future.succeededFuture());
    }

    private synchronized void succeeded() {
      pause = MIN_PAUSE_MS;
    }

    /** Forgets the connection {@code failed} (unless it is already replaced) and closes it. */
    private synchronized void reset(Future<PgConnection> failed) {
      if (closed || conn != failed) {
        return;
      }
      Future<PgConnection> old = conn;
      conn = null;
      notBefore = System.currentTimeMillis() + pause;
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
      if (old != null) {
        old.onSuccess(PgConnection::close);
      }
    }
  }
}
