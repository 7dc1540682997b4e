package dev.xreg.storage.feed;

import io.vertx.core.Future;
import java.util.List;

/**
 * The committed changes, read as an outbox: whole transactions in position order, only those
 * no still-running transaction can precede, so a reader that remembers the last position it
 * handled neither skips nor repeats a change.
 *
 * <p>Why positions are transaction IDs and not the row sequence: a sequence value is taken
 * when a row is written, not when it commits, so a reader following {@code seq} can pass a
 * row whose transaction commits later and never see it. Every transaction ID below the oldest
 * one still running ({@code pg_snapshot_xmin}) belongs to a finished transaction, so the rows
 * of those are final; the feed only ever hands out such transactions.
 */
public interface ChangeFeed {

  /** Published on the local event bus after a transaction commits: a hint to read the feed now. */
  String COMMITTED_ADDRESS = "xreg.feed.committed";

  /** Up to {@code max} transactions after position {@code after} (null: from the start), oldest first. */
  Future<List<ChangeSet>> after(String after, int max);

  /**
   * The rows after position {@code after} that readers may see now, counting at most {@code cap}
   * (a backlog's size for the pending-events gauge, without scanning all of a huge one).
   */
  Future<Long> countAfter(String after, int cap);

  /** The position of the newest transaction readers may see now ("0" if none), to follow from. */
  Future<String> head();

  /**
   * Deletes up to {@code batch} of the oldest rows that every subscription has passed (their
   * transaction is before each subscription's position, dead-lettered ones included) and that
   * are older than {@code retention} (the window a stream may resume in), in one transaction,
   * while holding an advisory lock so one node trims at a time. Records the newest trimmed
   * transaction ({@link #trimmedThrough()}). Answers the rows deleted; 0 when another node holds
   * the lock.
   */
  Future<Integer> trim(java.time.Duration retention, int batch);

  /**
   * The newest position whose rows trimming deleted, wholly or in part ("0" if none): a reader
   * resuming at or before it would miss changes.
   */
  Future<String> trimmedThrough();
}
