package dev.xreg.storage.feed;

import java.time.Instant;
import java.util.List;

/**
 * The changes of one committed transaction, in the order it made them: one request's worth of
 * events (their {@code xregcorrelationid}). {@code tx} is its position in the feed (the
 * PostgreSQL transaction ID, unique for the database's lifetime); {@code at} is its time.
 */
public record ChangeSet(String tx, Instant at, List<Change> changes) {
  public ChangeSet {
    changes = List.copyOf(changes);
  }

  /** The position as a number, for comparing positions. */
  public long position() {
    return Long.parseLong(tx);
  }
}
