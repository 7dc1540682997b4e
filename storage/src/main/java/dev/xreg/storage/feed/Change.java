package dev.xreg.storage.feed;

import java.util.List;

/**
 * One row of the change feed: an entity created ({@code C}), updated ({@code U}) or deleted
 * ({@code D}) by a committed transaction. {@code changed} lists the names an update changed
 * (see {@link ChangedAttributes}); it is empty for creates and deletes. A row of another API's
 * change (written by {@code PgOutbox}) has its CloudEvents {@code type} and {@code data} instead.
 */
public record Change(long seq, String xid, Long epoch, char operation, List<String> changed, String type,
    String data) {
  public static final char CREATED = 'C';
  public static final char UPDATED = 'U';
  public static final char DELETED = 'D';

  public Change {
    changed = changed == null ? List.of() : List.copyOf(changed);
  }

  /** An xRegistry entity's row. */
  public Change(long seq, String xid, Long epoch, char operation, List<String> changed) {
    this(seq, xid, epoch, operation, changed, null, null);
  }

  /** Another API's row (OCI, App Registry) carries its event's type, subject ({@code xid}) and data (JSON). */
  public boolean apiEvent() {
    return type != null;
  }
}
