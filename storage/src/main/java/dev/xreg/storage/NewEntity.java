package dev.xreg.storage;

import dev.xreg.core.entity.Entity;

/**
 * An entity to insert under {@code parentId} (null = the top level) in {@code collection}.
 * {@code defaultVersion}, on a Resource's meta row only, is the default Version inserted with it:
 * the row is written with that Version's filterable values (V13's copies) already in place, so
 * the Version's own insert leaves it alone instead of updating every meta row a second time
 * (issue 15, I1). Null when not known; the V13 trigger then fills them.
 */
public record NewEntity(Long parentId, String collection, Entity entity, Entity defaultVersion) {
  public NewEntity(Long parentId, String collection, Entity entity) {
    this(parentId, collection, entity, null);
  }
}
