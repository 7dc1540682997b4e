package dev.xreg.storage.engine;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Snapshot}s streamed reads hold open between their chunk commands, by ID. Bounded
 * three ways, because each one holds a database connection and an open transaction: at most
 * {@code max} at once (one more is refused as {@link FailureKind#BUSY}), closed after
 * {@code idle} without a command (a client that went away without the HTTP side noticing), and
 * closed after {@code lifetime} whatever happens. Used on the storage verticle's event loop only.
 */
public final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
  /** A stream asks for its next chunk as soon as the client drained the last one; a minute of silence means it is gone. */
  public static final Duration IDLE = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final RegistryStore store;
  private final int max;
  private final Duration idle;
  private final Duration lifetime;
  private final Map<String, Held> open = new HashMap<>();
  /** Slots taken by snapshots being opened, so concurrent opens cannot exceed {@code max}. */
  private int opening;

  public Snapshots(Vertx vertx, RegistryStore store, int max, Duration idle, Duration lifetime) {
    this.vertx = vertx;
    this.store = store;
    this.max = max;
    this.idle = idle;
    this.lifetime = lifetime;
  }

  /** Opens a snapshot; its ID is what later commands name it by. */
  public Future<String> open(String subject) {
    if (open.size() + opening >= max) {
      return Future.failedFuture(new EngineFailure(FailureKind.BUSY, subject, max
          + " streamed documents are being read (XREG_MAX_SNAPSHOTS); try again when one finished", null));
    }
    opening++;
    return store.openSnapshot().transform(ar -> {
      opening--;
      if (ar.failed()) {
        return Future.failedFuture(ar.cause());
      }
      String id = UUID.randomUUID().toString();
      Held held = new Held(ar.result());
      open.put(id, held);
      held.lifetimeTimer = vertx.setTimer(lifetime.toMillis(), t -> expire(id, "lifetime"));
      held.idleTimer = vertx.setTimer(idle.toMillis(), t -> expire(id, "idle"));
      return Future.succeededFuture(id);
    });
  }

  /** The open snapshot {@code id}, its idle time restarted; fails BUSY when it expired or never existed. */
  public Future<Snapshot> get(String id, String subject) {
    Held held = open.get(id);
    if (held == null) {
      return Future.failedFuture(new EngineFailure(FailureKind.BUSY, subject,
          "the snapshot this read belongs to has ended (it ran longer than allowed or was idle)", null));
    }
    vertx.cancelTimer(held.idleTimer);
    held.idleTimer = vertx.setTimer(idle.toMillis(), t -> expire(id, "idle"));
    return Future.succeededFuture(held.snapshot);
  }

  /** Closes {@code id}; a snapshot that already ended is no error. */
  public Future<Void> close(String id) {
    Held held = open.remove(id);
    if (held == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(held.idleTimer);
    vertx.cancelTimer(held.lifetimeTimer);
    return held.snapshot.close();
  }

  /** How many snapshots are open (for tests and metrics). */
  public int size() {
    return open.size();
  }

  private void expire(String id, String reason) {
    if (open.containsKey(id)) {
      LOG.info("event=snapshot_expired reason={} id={}", reason, id);
      close(id).onFailure(err -> LOG.warn("event=snapshot_close_failed id={} error={}", id, err.toString()));
    }
  }

  private static final class Held {
    final Snapshot snapshot;
    long idleTimer;
    long lifetimeTimer;

    Held(Snapshot snapshot) {
      this.snapshot = snapshot;
    }
  }
}
