package dev.xreg.storage;

import dev.xreg.core.entity.Entity;

/** An entity to insert under {@code parentId} (null = the top level) in {@code collection}. */
public record NewEntity(Long parentId, String collection, Entity entity) {
}
