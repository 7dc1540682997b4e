package dev.xreg.storage;

import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The operations available inside one transaction of a {@link RegistryStore}. */
public interface StoreTx {

  Future<RegistryState> registry();

  /**
   * As {@link #registry()}, for a read that will next ask {@link #findResource(String, String)}
   * for {@code metaXid} and {@code versionId}: a store that has to load the registry row may read
   * those rows in the same statement and answer that call from them (issue 15, R1-miss: one round
   * trip instead of two). The rows are kept for one such call with exactly these arguments.
   */
  default Future<RegistryState> registryAndResource(String metaXid, String versionId) {
    return registry();
  }

  /** Stores the registry; fails with {@link ConflictException} if its epoch is no longer {@code expectedEpoch}. */
  Future<Void> updateRegistry(RegistryState state, long expectedEpoch);

  /**
   * Moves the Registry's epoch one up and its {@code modifiedat} to {@code now} (never back) because
   * its collections changed (CORE-COM-007), whatever the epoch is now: an atomic increment that
   * waits for a concurrent one instead of failing, so writers of unrelated Groups never conflict
   * on the Registry row. Returns the new epoch. Callers take it last, to hold the row lock briefly.
   */
  Future<Long> touchRegistry(java.time.Instant now);

  /** The entity at {@code xid}, or null. Case-sensitive (CORE-ID-003). */
  Future<StoredEntity> find(String xid);

  /**
   * The meta row at {@code metaXid} ({@code <resource xid>/meta}) with the Version
   * {@code versionId} of it (null: the default Version the meta names) and its number of
   * Versions, in one statement; null when the meta row does not exist. For an xref Resource the
   * Version is its own (none): following the xref is the caller's business.
   */
  Future<ResourceRows> findResource(String metaXid, String versionId);

  /** The entity at {@code xid}, locked against concurrent writers until commit, or null. */
  Future<StoredEntity> findForUpdate(String xid);

  /**
   * The entity at {@code xid} as {@link #find} reads it and the one at {@code lockedXid} as
   * {@link #findForUpdate} reads it (only that one is locked), in one statement: a Resource
   * write's Group and meta row in one round trip (issue 15, W1/W2). By xid; a missing one is absent.
   */
  Future<Map<String, StoredEntity>> findAndLock(String xid, String lockedXid);

  /** The entities at {@code xids} that exist, by xid; one indexed query however many. */
  Future<Map<String, StoredEntity>> findAll(Collection<String> xids);

  /**
   * The meta rows of the Resources whose {@code xref} is one of {@code targetXids} (Resource
   * xids), by target; targets without sources are absent. One index probe per target, all in
   * one round trip (spec.md "Cross Referencing Resources": a write to a target reaches them).
   */
  Future<Map<String, List<StoredEntity>>> xrefSources(Collection<String> targetXids);

  /** One page of a collection in keyset order (see {@link PageQuery}); one indexed query. */
  Future<Page> page(PageQuery query);

  /** How many entities the whole set of {@code query} holds (its filter applies; position and limit do not). */
  Future<Long> count(PageQuery query);

  /** Whether the entity in row {@code rowId} satisfies {@code predicate} . */
  Future<Boolean> matches(long rowId, EntityPredicate predicate);

  /**
   * Up to {@code limit} entities of {@code level} (across all parents) with a row ID above
   * {@code afterRowId}, in row order, that satisfy {@code predicate} (null = all): a keyset scan, so a caller can stream a whole type page by page, or ask for the
   * first entity that breaks a rule with {@code limit} 1.
   */
  Future<List<StoredEntity>> scan(EntityLevel level, long afterRowId, int limit, EntityPredicate predicate);

  /**
   * All children of {@code parentId} (null = top level) in {@code collection}, in ID order.
   * Unbounded: only for sets bounded by the model (the Versions of one Resource); collections
   * a client reads go through {@link #page}.
   */
  Future<List<StoredEntity>> children(Long parentId, String collection);

  /**
   * The children in {@code collection} of each of {@code parentIds}, in one query: parent row
   * -> children in ID order. Like {@link #children(Long, String)}, only for sets bounded by the model.
   */
  Future<Map<Long, List<StoredEntity>>> childrenOf(Collection<Long> parentIds, String collection);

  /**
   * Like {@link #children(Long, String)}, only those satisfying {@code filter}
   * {@code e}): the members of an inlined collection in a filtered response.
   */
  Future<List<StoredEntity>> children(Long parentId, String collection, EntityPredicate filter);

  /** Whether the Registry entity satisfies {@code predicate}. */
  Future<Boolean> registryMatches(EntityPredicate predicate);

  /**
   * The xid of the entity whose {@code shortself} code is {@code code} (a Resource's, not its
   * meta's), or null: one probe of the {@code entity_shortid} index (migration V3).
   */
  Future<String> xidOfShortSelf(String code);

  /** Child counts per collection of {@code parentId} (null = top level). */
  Future<Map<String, Long>> counts(Long parentId);

  /** Child counts per collection of each of {@code parentIds}, in one query: parent row -> collection -> count. */
  Future<Map<Long, Map<String, Long>>> countsOf(Collection<Long> parentIds);

  /**
   * Inserts many entities in one statement (bulk load, imports) and records them in the change
   * feed; returns the new row IDs by xid. Fails with {@link ConflictException} on a duplicate ID.
   */
  Future<Map<String, Long>> insertAll(List<NewEntity> entities);

  /**
   * The ID of the sibling in {@code collection} of {@code parentId} (null = top level) whose ID
   * equals {@code id} ignoring case, or null (CORE-ID-002).
   */
  Future<String> siblingIdIgnoringCase(Long parentId, String collection, String id);

  /**
   * For many IDs at once: the IDs in {@code collection} of {@code parentId} (null = top level)
   * that equal one of {@code ids} ignoring case, keyed by their lower case (CORE-ID-002).
   */
  Future<Map<String, String>> siblingIdsIgnoringCase(Long parentId, String collection, Collection<String> ids);

  /**
   * Inserts; fails with {@link ConflictException} if a sibling has the same ID ignoring case or
   * the parent was deleted by a concurrent transaction (the retried request sees it missing).
   */
  Future<Long> insert(Long parentId, String collection, Entity entity);

  /** Updates; fails with {@link ConflictException} if the stored epoch is no longer {@code expectedEpoch}. */
  Future<Void> update(long rowId, Entity entity, long expectedEpoch);

  /**
   * Keeps the next place in this transaction's change feed for an {@link #update(long, Entity,
   * long, FeedSlot)} made later: a caller may then write other rows first (e.g. a Resource's
   * Versions before its meta row) while the feed still lists the update before them. The slot
   * must be filled before the transaction ends or writes in bulk ({@link #insertAll}).
   */
  FeedSlot reserveFeedSlot();

  /** As {@link #update(long, Entity, long)}, its change-feed row in {@code slot} from {@link #reserveFeedSlot}. */
  Future<Void> update(long rowId, Entity entity, long expectedEpoch, FeedSlot slot);

  /** A place in a transaction's change feed kept by {@link #reserveFeedSlot}; opaque to callers. */
  interface FeedSlot {
  }

  /** Deletes the entity and everything below it. */
  Future<Void> delete(long rowId, String xid);
}
