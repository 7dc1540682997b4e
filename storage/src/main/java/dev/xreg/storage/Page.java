package dev.xreg.storage;

import java.util.List;

/**
 * The result of a {@link PageQuery}: at most {@code limit} entities in order, whether more
 * follow, and the keyset position of the last one (to continue from; empty when no items).
 */
public record Page(List<StoredEntity> items, boolean more, List<Object> lastPosition) {
  public Page {
    items = List.copyOf(items);
    lastPosition = lastPosition == null ? List.of() : java.util.Collections.unmodifiableList(
        new java.util.ArrayList<>(lastPosition));
  }
}
