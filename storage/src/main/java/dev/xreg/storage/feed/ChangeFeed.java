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

  /** The position of the newest transaction readers may see now ("0" if none), to follow from. */
  Future<String> head();
}
