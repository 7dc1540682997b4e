package dev.xreg.storage;

import java.util.List;
import java.util.Objects;

/**
 * One page of one collection: the children of {@code parentId} (null = the top level) in
 * {@code collection}, in keyset order, strictly after the position {@code after}, at most
 * {@code limit} of them. Never an OFFSET: the position is the sort key of the last entity
 * seen, so pages stay stable while entities are added or removed between requests.
 *
 * <p>Order is the {@link EntitySort} (when given) then the entity ID in byte order ({@code COLLATE "C"}),
 * both in the sort's direction; the ID alone (ascending) otherwise (PAGE-016, CORE-SRT-003).
 * {@code after} holds one value per ordering term: {@code [id]}, or {@code [sortValue, id]}.
 *
 * @param filter a condition the entities must meet (e.g. the {@code ?filter} flag), or null
 * @param sort a primary sort key, or null for ID order
 * @param after the keyset position to continue from, or an empty list for the first page
 */
public record PageQuery(Long parentId, String collection, EntityPredicate filter, EntitySort sort, List<Object> after,
    int limit) {

  public PageQuery {
    Objects.requireNonNull(collection, "collection");
    after = after == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(after));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    int terms = sort == null ? 1 : 2;
    if (!after.isEmpty() && after.size() != terms) {
      throw new IllegalArgumentException("a keyset position needs " + terms + " values, got " + after);
    }
  }

  /** The first page of a collection in ID order. */
  public static PageQuery first(Long parentId, String collection, int limit) {
    return new PageQuery(parentId, collection, null, null, List.of(), limit);
  }

  public PageQuery after(List<Object> position) {
    return new PageQuery(parentId, collection, filter, sort, position, limit);
  }
}
