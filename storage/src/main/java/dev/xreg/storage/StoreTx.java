package dev.xreg.storage;

import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** The operations available inside one transaction of a {@link RegistryStore}. */
public interface StoreTx {

  Future<RegistryState> registry();

  /** Stores the registry; fails with {@link ConflictException} if its epoch is no longer {@code expectedEpoch}. */
  Future<Void> updateRegistry(RegistryState state, long expectedEpoch);

  /** The entity at {@code xid}, or null. Case-sensitive (CORE-ID-003). */
  Future<StoredEntity> find(String xid);

  /** The entity at {@code xid}, locked against concurrent writers until commit, or null. */
  Future<StoredEntity> findForUpdate(String xid);

  /** All children of {@code parentId} (null = top level) in {@code collection}, in ID order. */
  Future<List<StoredEntity>> children(Long parentId, String collection);

  /** Child counts per collection of {@code parentId} (null = top level). */
  Future<Map<String, Long>> counts(Long parentId);

  /**
   * The ID of the sibling in {@code collection} of {@code parentId} (null = top level) whose ID
   * equals {@code id} ignoring case, or null (CORE-ID-002).
   */
  Future<String> siblingIdIgnoringCase(Long parentId, String collection, String id);

  /** Inserts; fails with {@link ConflictException} if a sibling has the same ID ignoring case. */
  Future<Long> insert(Long parentId, String collection, Entity entity);

  /** Updates; fails with {@link ConflictException} if the stored epoch is no longer {@code expectedEpoch}. */
  Future<Void> update(long rowId, Entity entity, long expectedEpoch);

  /** Deletes the entity and everything below it. */
  Future<Void> delete(long rowId, String xid);
}
