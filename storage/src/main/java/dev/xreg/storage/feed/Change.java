package dev.xreg.storage.feed;

import java.util.List;

/**
 * One row of the change feed: an entity created ({@code C}), updated ({@code U}) or deleted
 * ({@code D}) by a committed transaction. {@code changed} lists the names an update changed
 * (see {@link ChangedAttributes}); it is empty for creates and deletes.
 */
public record Change(long seq, String xid, Long epoch, char operation, List<String> changed) {
  public static final char CREATED = 'C';
  public static final char UPDATED = 'U';
  public static final char DELETED = 'D';

  public Change {
    changed = changed == null ? List.of() : List.copyOf(changed);
  }
}
