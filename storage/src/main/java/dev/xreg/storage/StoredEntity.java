package dev.xreg.storage;

import dev.xreg.core.entity.Entity;

/** An entity with its storage identity: its row and its parent's row (null at the top). */
public record StoredEntity(long rowId, Long parentId, Entity entity) {
}
