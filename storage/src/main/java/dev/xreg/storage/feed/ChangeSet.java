package dev.xreg.storage.feed;

import java.time.Instant;
import java.util.List;

/**
 * The changes of one committed transaction, in the order it made them: one request's worth of
 * events. {@code tx} is its position in the feed (the PostgreSQL transaction ID, unique for the
 * database's lifetime); {@code at} is its time; {@code correlationId} the request's
 * {@code xregcorrelationid}, the one its reply carried (the transaction ID for rows written
 * without one).
 */
public record ChangeSet(String tx, Instant at, String correlationId, List<Change> changes) {
  public ChangeSet {
    changes = List.copyOf(changes);
    correlationId = correlationId == null ? tx : correlationId;
  }

  /** A transaction without a correlation ID of its own (it is then {@code tx}). */
  public ChangeSet(String tx, Instant at, List<Change> changes) {
    this(tx, at, null, changes);
  }

  /** The position as a number, for comparing positions. */
  public long position() {
    return Long.parseLong(tx);
  }
}
