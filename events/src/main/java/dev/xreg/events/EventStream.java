package dev.xreg.events;

import dev.xreg.api.Caller;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.feed.ChangeFeed;
import dev.xreg.storage.feed.ChangeSet;
import dev.xreg.storage.feed.FeedHead;
import dev.xreg.storage.feed.ReadFeed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /-/events} client: the change feed from a position on, as Server-Sent Events
 * (one structured CloudEvent per {@code data:} line, its feed position as {@code id:}). It
 * reads a bounded batch of transactions, writes their events, and reads on only once the
 * response's write queue has room (back-pressure); at the end of the feed it waits for the
 * local commit hint or the poll interval (commits of other nodes), whichever comes first.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  /** Transactions per feed read: bounds what one read puts in the write queue. */
  static final int BATCH = 64;
  /** An idle stream sends a comment this often, so proxies keep it and a gone client is noticed. */
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final EngineClient engine;
  private final HttpServerResponse response;
  private final String source;
  private final String subjectPrefix;
  /** The stream's client: it sees only events about what it may read. */
  private final Caller reader;
  private final long pollMillis;
  private String after;
  /** Events of transaction {@code skipTx} up to index {@code skipIndex} were seen before a reconnect. */
  private long skipTx = -1;
  private int skipIndex = -1;
  private boolean closed;
  private long timer = -1;
  private MessageConsumer<Object> hint;
  private long lastWrite = System.currentTimeMillis();

  EventStream(Vertx vertx, EngineClient engine, HttpServerResponse response, String source, String subjectPrefix,
      long pollMillis, Caller reader) {
    this.vertx = vertx;
    this.reader = reader;
    this.engine = engine;
    this.response = response;
    this.source = source;
    this.subjectPrefix = subjectPrefix == null ? "" : subjectPrefix;
    this.pollMillis = pollMillis;
  }

  /** Starts after {@code resume} (a {@code Last-Event-ID}), or at the newest change if null. */
  void start(EventPosition resume) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> stop());
    response.exceptionHandler(err -> stop());
    Future<String> from;
    if (resume != null) {
      skipTx = resume.tx();
      skipIndex = resume.index();
      from = Future.succeededFuture(resume.readAfter());
    } else {
      from = engine.send(new FeedHead());
    }
    from.onSuccess(position -> {
      after = position;
      // the headers go out now, so a client knows it is subscribed before the first change
      response.write(": xreg events after " + position + "\n\n");
      read();
    }).onFailure(err -> {
      LOG.warn("event=events_stream_start_failed cause={}", err.toString());
      response.setStatusCode(503).end();
    });
  }

  private void read() {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      response.drainHandler(v -> read());
      return;
    }
    engine.send(new ReadFeed(after, BATCH)).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("event=events_feed_read_failed cause={}", ar.cause().toString());
        waitForChanges();
        return;
      }
      List<ChangeSet> sets = ar.result();
      write(sets, 0, 0, null, () -> {
        if (sets.size() == BATCH) {
          read();
        } else {
          waitForChanges();
        }
      });
    });
  }

  /**
   * Writes the events of {@code sets} from set {@code s}, event {@code i} on; whenever the
   * write queue is full it waits for the drain, so even one huge transaction (an import)
   * never sits whole in the connection's buffer.
   */
  private void write(List<ChangeSet> sets, int s, int i, List<XRegistryEvent> built, Runnable then) {
    for (; s < sets.size(); s++, i = 0, built = null) {
      ChangeSet set = sets.get(s);
      List<XRegistryEvent> events = built != null ? built : EntityEvents.of(set, source);
      boolean resumed = set.position() == skipTx;
      for (; i < events.size(); i++) {
        if (closed) {
          return;
        }
        if (response.writeQueueFull()) {
          int atSet = s;
          int atEvent = i;
          response.drainHandler(v -> write(sets, atSet, atEvent, events, then));
          return;
        }
        XRegistryEvent e = events.get(i);
        if (resumed && i <= skipIndex || !e.subject().startsWith(subjectPrefix)
            || !EventVisibility.visible(e, reader)) {
          continue;
        }
        response.write("id: " + e.id() + "\ndata: " + e.toJson().encode() + "\n\n");
        lastWrite = System.currentTimeMillis();
      }
      after = set.tx();
    }
    then.run();
  }

  private void waitForChanges() {
    if (closed) {
      return;
    }
    if (System.currentTimeMillis() - lastWrite >= KEEP_ALIVE_MS) {
      response.write(":\n\n");
      lastWrite = System.currentTimeMillis();
    }
    hint = vertx.eventBus().consumer(ChangeFeed.COMMITTED_ADDRESS, msg -> wake());
    timer = vertx.setTimer(pollMillis, id -> {
      timer = -1;
      wake();
    });
  }

  private void wake() {
    cancelWait();
    read();
  }

  private void cancelWait() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (hint != null) {
      hint.unregister();
      hint = null;
    }
  }

  private void stop() {
    closed = true;
    cancelWait();
  }
}
