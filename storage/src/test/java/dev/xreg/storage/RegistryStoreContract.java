package dev.xreg.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Sort;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.xregistry.RequestExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the storage SPI ({@link RegistryStore}, {@link StoreTx}) that every
 * implementation passes, in the style of the vertx-sql-client test suites: subclass it and
 * provide a fresh, empty, migrated store per test. Tests block the JUnit thread on futures
 * (never an event loop) with a bound on every wait.
 */
public abstract class RegistryStoreContract {
  private static final long WAIT_SECONDS = 60;
  protected static Vertx vertx;
  protected RegistryStore store;

  /** A new store on empty storage of its own, not yet migrated. */
  protected abstract RegistryStore openEmptyStore(Vertx vertx);

  /** Another store on the same storage as the last {@link #openEmptyStore} (a second node). */
  protected abstract RegistryStore openSecondNode(Vertx vertx);

  /** Releases the storage of the last {@link #openEmptyStore}. */
  protected abstract void dropStorage(Vertx vertx);

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore(vertx);
    await(store.migrate());
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    dropStorage(vertx);
  }

  // ----------------------------------------------------------------------------- migrate

  @Test
  void migrateIsIdempotentAndSafeWithManyNodes() throws Exception {
    RegistryStore second = openSecondNode(vertx);
    RegistryStore third = openSecondNode(vertx);
    try {
      await(Future.all(store.migrate(), second.migrate(), third.migrate()));
      RegistryState r = tx(RegistryStoreContract::registryOf);
      assertThat(r.epoch()).isEqualTo(1);
      // every node signs cursors with the same secret, so a cursor from one is valid on all
      assertThat(store.cursorSecret()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second.cursorSecret())
          .isEqualTo(third.cursorSecret());
    } finally {
      await(second.close());
      await(third.close());
    }
  }

  @Test
  void registryUpdateIsConditionalOnItsEpoch() throws Exception {
    RegistryState r = tx(RegistryStoreContract::registryOf);
    RegistryState next = new RegistryState(r.registryid(), r.epoch() + 1, r.createdat(), Timestamps.now(),
        r.attributes(), r.model(), r.capabilities());
    await(store.inTransaction(tx -> tx.updateRegistry(next, r.epoch())));
    assertThat(tx(RegistryStoreContract::registryOf).epoch()).isEqualTo(2);
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.updateRegistry(next, r.epoch()))))
        .hasCauseInstanceOf(ConflictException.class);
  }

  @Test
  void readSeesCommittedDataWithoutATransaction() throws Exception {
    RegistryState r = tx(RegistryStoreContract::registryOf);
    RegistryState next = new RegistryState(r.registryid(), r.epoch() + 1, r.createdat(), Timestamps.now(),
        r.attributes(), r.model(), r.capabilities());
    await(store.inTransaction(tx -> tx.updateRegistry(next, r.epoch())));
    assertThat(await(store.read(StoreTx::registry)).epoch()).isEqualTo(r.epoch() + 1);
  }

  /**
   * Issue 13 item 6: the bump of the Registry because its collections changed is an increment,
   * not a compare with an epoch read earlier, so concurrent bumps all land: none fails, none is lost.
   */
  @Test
  void concurrentRegistryTouchesAllLand() throws Exception {
    long start = tx(RegistryStoreContract::registryOf).epoch();
    int n = 24;
    List<Future<Long>> touches = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      touches.add(store.inTransaction(tx -> tx.touchRegistry(Timestamps.now())));
    }
    await(Future.all(touches));
    assertThat(touches).extracting(Future::result).doesNotHaveDuplicates();
    assertThat(tx(RegistryStoreContract::registryOf).epoch()).isEqualTo(start + n);
  }

  /** A snapshot reads the registry as of its opening, whatever commits meanwhile (issue 13 item 3, export). */
  @Test
  void aSnapshotKeepsSeeingTheStateItWasOpenedOn() throws Exception {
    insert(null, "dirs", group("d1"));
    Snapshot snapshot = await(store.openSnapshot());
    try {
      insert(null, "dirs", group("d2"));
      assertThat(await(snapshot.<List<StoredEntity>>read(tx -> tx.children(null, "dirs")))).hasSize(1);
      assertThat(await(snapshot.<StoredEntity>read(tx -> tx.find("/dirs/d2")))).isNull();
      assertThat(await(store.<List<StoredEntity>>read(tx -> tx.children(null, "dirs")))).hasSize(2);
    } finally {
      await(snapshot.close());
    }
    await(snapshot.close()); // idempotent
    assertThatThrownBy(() -> await(snapshot.read(tx -> tx.find("/dirs/d1")))).hasMessageContaining("closed");
  }

  @Test
  void aSnapshotReadsNothingButReads() throws Exception {
    Snapshot snapshot = await(store.openSnapshot());
    try {
      assertThatThrownBy(() -> await(snapshot.read(tx -> tx.insert(null, "dirs", group("d9")))))
          .hasMessageContaining("read-only");
    } finally {
      await(snapshot.close());
    }
    assertThat(await(store.<StoredEntity>read(tx -> tx.find("/dirs/d9")))).isNull();
  }

  // ----------------------------------------------------------------------------- entities

  @Test
  void insertedEntitiesAreFoundByXidCaseSensitively() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    Entity f = entity("/dirs/d1/files/F1/meta", "F1", 1);
    long m = insert(g, "files", f);
    StoredEntity found = tx(tx -> tx.find("/dirs/d1/files/F1/meta"));
    assertThat(found.rowId()).isEqualTo(m);
    assertThat(found.parentId()).isEqualTo(g);
    assertThat(found.entity().id()).isEqualTo("F1");
    assertThat(found.entity().attributes()).isEqualTo(f.attributes());
    assertThat(found.entity().createdat()).isEqualTo(f.createdat());
    assertThat(found.entity().document()).isEqualTo(f.document());
    assertThat((Object) tx(tx -> tx.find("/dirs/d1/files/f1/meta"))).isNull();
    assertThat((Object) tx(tx -> tx.find("/nope"))).isNull();
    assertThat(tx(tx -> tx.findForUpdate("/dirs/d1")).rowId()).isEqualTo(g);
    Map<String, StoredEntity> all = tx(tx -> tx.findAll(List.of("/dirs/d1", "/dirs/d1/files/F1/meta", "/x")));
    assertThat(all).containsOnlyKeys("/dirs/d1", "/dirs/d1/files/F1/meta");
  }

  /** CORE-XREF-007: a write to an xref target finds the Resources that xref it (meta.xref = its xid). */
  @Test
  void xrefSourcesAreFoundByTheirTarget() throws Exception {
    long d1 = insert(null, "dirs", group("d1"));
    long d2 = insert(null, "dirs", group("d2"));
    insert(d1, "files", entity("/dirs/d1/files/target/meta", "target", 1));
    insert(d1, "files", xref("/dirs/d1/files/a/meta", "a", "/dirs/d1/files/target"));
    insert(d2, "files", xref("/dirs/d2/files/b/meta", "b", "/dirs/d1/files/target"));
    insert(d2, "files", xref("/dirs/d2/files/c/meta", "c", "/dirs/d2/files/elsewhere"));
    // case-sensitive like every xid (CORE-ID-003); targets without sources are absent
    Map<String, List<StoredEntity>> found = tx(tx -> tx.xrefSources(List.of("/dirs/d1/files/target",
        "/dirs/d2/files/elsewhere", "/dirs/d1/files/TARGET", "/dirs/none")));
    assertThat(found).containsOnlyKeys("/dirs/d1/files/target", "/dirs/d2/files/elsewhere");
    assertThat(found.get("/dirs/d1/files/target")).extracting(e -> e.entity().xid())
        .containsExactly("/dirs/d1/files/a/meta", "/dirs/d2/files/b/meta");
    assertThat(found.get("/dirs/d1/files/target").get(1).parentId()).isEqualTo(d2);
    assertThat(found.get("/dirs/d2/files/elsewhere")).extracting(e -> e.entity().id()).containsExactly("c");
    Map<String, List<StoredEntity>> none = tx(tx -> tx.xrefSources(List.of()));
    assertThat(none).isEmpty();
  }

  private static Entity xref(String metaXid, String id, String target) {
    Entity e = entity(metaXid, id, 1);
    ObjectNode attrs = Json.object();
    attrs.put("xref", target);
    return new Entity(e.xid(), e.id(), e.epoch(), e.createdat(), e.modifiedat(), attrs, null);
  }

  @Test
  void siblingIdsAreUniqueIgnoringCaseButNotAcrossParents() throws Exception {
    long d1 = insert(null, "dirs", group("d1"));
    long d2 = insert(null, "dirs", group("d2"));
    insert(d1, "files", entity("/dirs/d1/files/foo/meta", "foo", 1));
    insert(d2, "files", entity("/dirs/d2/files/FOO/meta", "FOO", 1));
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> await(store.inTransaction(tx -> {
      attempts.incrementAndGet();
      return tx.insert(d1, "files", entity("/dirs/d1/files/FOO/meta", "FOO", 1));
    }))).hasCauseInstanceOf(ConflictException.class);
    // a conflict is retried (a concurrent writer may have got there first), then escapes
    assertThat(attempts.get()).isGreaterThan(1);
    assertThat(countsOf(d1)).containsEntry("files", 1L);
  }

  @Test
  void updateIsConditionalOnTheStoredEpoch() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    Entity v2 = group("d1").touched(Timestamps.now());
    await(store.inTransaction(tx -> tx.update(g, v2, 1)));
    assertThat(tx(tx -> tx.find("/dirs/d1")).entity().epoch()).isEqualTo(2);
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.update(g, v2.touched(Timestamps.now()), 1))))
        .hasCauseInstanceOf(ConflictException.class);
    assertThat(tx(tx -> tx.find("/dirs/d1")).entity().epoch()).isEqualTo(2);
  }

  @Test
  void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    // Each failed attempt of a writer is caused by another writer's commit inside its window, and
    // every writer commits once: a writer fails at most writers-1 times. Stores retry at least 8 times.
    int writers = 8;
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      // read without a lock, write conditionally: a lost race is a ConflictException, retried whole
      all.add(store.inTransaction(tx -> tx.find("/dirs/d1").compose(cur ->
          tx.update(g, cur.entity().touched(Timestamps.now()), cur.entity().epoch()))));
    }
    await(Future.all(all));
    assertThat(tx(tx -> tx.find("/dirs/d1")).entity().epoch()).isEqualTo(1 + writers);
  }

  @Test
  void deleteRemovesTheWholeSubtree() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    long m = insert(g, "files", entity("/dirs/d1/files/f/meta", "f", 1));
    insert(m, "versions", entity("/dirs/d1/files/f/versions/1", "1", 1));
    long other = insert(null, "dirs", group("d2"));
    await(store.inTransaction(tx -> tx.delete(g, "/dirs/d1")));
    assertThat(findAll(List.of("/dirs/d1", "/dirs/d1/files/f/meta", "/dirs/d1/files/f/versions/1")))
        .isEmpty();
    assertThat(tx(tx -> tx.find("/dirs/d2")).rowId()).isEqualTo(other);
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.delete(g, "/dirs/d1"))))
        .hasCauseInstanceOf(ConflictException.class);
  }

  @Test
  void aFailedUnitOfWorkLeavesNothingBehind() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.insert(null, "dirs", group("d1"))
        .compose(id -> tx.insert(id, "files", entity("/dirs/d1/files/f/meta", "f", 1)))
        .compose(id -> Future.failedFuture(boom))))).hasCause(boom);
    assertThat((Object) tx(tx -> tx.find("/dirs/d1"))).isNull();
    assertThat(countsOf(null)).isEmpty();
  }

  @Test
  void aConflictRetriesTheWholeUnitAndKeepsOnlyTheLastAttempt() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    long id = await(store.inTransaction(tx -> tx.insert(null, "dirs", group("d1")).compose(row ->
        attempts.incrementAndGet() == 1 ? Future.failedFuture(new ConflictException("first attempt loses"))
            : Future.succeededFuture(row))));
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(countsOf(null)).containsEntry("dirs", 1L);
    assertThat(tx(tx -> tx.find("/dirs/d1")).rowId()).isEqualTo(id);
  }

  // ----------------------------------------------------------------------------- collections

  @Test
  void childrenAndCountsPerCollection() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    long h = insert(null, "dirs", group("d2"));
    for (String id : List.of("b", "a", "C")) {
      insert(g, "files", entity("/dirs/d1/files/" + id + "/meta", id, 1));
    }
    insert(g, "schemas", entity("/dirs/d1/schemas/s/meta", "s", 1));
    assertThat(children(g, "files")).extracting(e -> e.entity().id()).containsExactly("C", "a", "b");
    assertThat(countsOf(g)).containsOnly(Map.entry("files", 3L), Map.entry("schemas", 1L));
    assertThat(countsOf(null)).containsOnly(Map.entry("dirs", 2L));
    Map<Long, Map<String, Long>> batched = tx(tx -> tx.countsOf(List.of(g, h)));
    assertThat(batched.get(g)).containsOnly(Map.entry("files", 3L), Map.entry("schemas", 1L));
    assertThat(batched.get(h)).isNull();
  }

  @Test
  void pagesWalkACollectionInIdOrderByKeyset() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add("f" + i);
      insert(g, "files", entity("/dirs/d1/files/f" + i + "/meta", "f" + i, 1));
    }
    PageQuery q = PageQuery.first(g, "files", 3);
    List<String> seen = new ArrayList<>();
    Page p;
    int pages = 0;
    do {
      PageQuery current = q;
      p = tx(tx -> tx.page(current));
      assertThat(p.items().size()).isLessThanOrEqualTo(3);
      p.items().forEach(e -> seen.add(e.entity().id()));
      if (pages == 0) {
        // added before and after the position, removed ahead: no duplicate, no skip of survivors
        insert(g, "files", entity("/dirs/d1/files/a/meta", "a", 1));
        insert(g, "files", entity("/dirs/d1/files/f55/meta", "f55", 1));
        StoredEntity f8 = tx(tx -> tx.find("/dirs/d1/files/f8/meta"));
        await(store.inTransaction(tx -> tx.delete(f8.rowId(), "/dirs/d1/files/f8/meta")));
      }
      q = q.after(p.lastPosition());
      pages++;
    } while (p.more() && pages < 20);
    assertThat(seen).containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f55", "f6", "f7", "f9");
    assertThat(count(PageQuery.first(g, "files", 1))).isEqualTo(11);
    Page empty = tx(tx -> tx.page(PageQuery.first(g, "nothing", 5)));
    assertThat(empty.items()).isEmpty();
    assertThat(empty.more()).isFalse();
  }

  @Test
  void pagesTakeAFilterAndASortInCoreTerms() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    String[][] rows = {{"a", "x"}, {"b", "z"}, {"c", "y"}, {"d", "y"}, {"e", null}, {"f", "z"}};
    for (String[] r : rows) {
      Entity e = entity("/dirs/d1/files/" + r[0] + "/meta", r[0], 1);
      if (r[1] != null) {
        e.attributes().put("name", r[1]);
      }
      e.attributes().put("size", r[0].charAt(0) - 'a');
      insert(g, "files", e);
    }
    // the rows are Resource metas: "meta." addresses their own attributes (not a default Version's)
    EntityScope files = EntityScope.of(EntityPath.parse("/dirs/d1/files", FILES_MODEL));
    EntityPredicate bigEnough = EntityPredicate.of(Filter.parse(List.of("meta.size>=1"), "/dirs/d1/files"), files);
    EntitySort byNameDesc = new EntitySort(Sort.parse("meta.name=desc", true, "/dirs/d1/files"), files);
    PageQuery q = new PageQuery(g, "files", bigEnough, byNameDesc, List.of(), 2);
    List<String> seen = new ArrayList<>();
    Page p;
    int pages = 0;
    do {
      PageQuery current = q;
      p = tx(tx -> tx.page(current));
      p.items().forEach(e -> seen.add(e.entity().id()));
      q = q.after(p.lastPosition());
      pages++;
    } while (p.more() && pages < 10);
    // name descending, ties by ID descending, missing name lowest; "a" filtered out
    assertThat(seen).containsExactly("f", "b", "d", "c", "e");
    assertThat(count(new PageQuery(g, "files", bigEnough, null, List.of(), 1))).isEqualTo(5);
  }

  @Test
  void scanWalksOneModelLevelAcrossAllParentsByKeyset() throws Exception {
    long d1 = insert(null, "dirs", group("d1"));
    long d2 = insert(null, "dirs", group("d2"));
    insert(null, "folders", entity("/folders/x", "x", 1));
    List<String> versions = new ArrayList<>();
    for (long g : List.of(d1, d2)) {
      String gid = g == d1 ? "d1" : "d2";
      for (String f : List.of("a", "b")) {
        long meta = insert(g, "files", entity("/dirs/" + gid + "/files/" + f + "/meta", f, 1));
        for (String v : List.of("1", "2")) {
          Entity e = entity("/dirs/" + gid + "/files/" + f + "/versions/" + v, v, 1);
          e.attributes().put("n", versions.size());
          insert(meta, "versions", e);
          versions.add(e.xid());
        }
      }
      long other = insert(g, "blobs", entity("/dirs/" + gid + "/blobs/z/meta", "z", 1));
      insert(other, "versions", entity("/dirs/" + gid + "/blobs/z/versions/1", "1", 1));
    }
    // streamed 3 at a time: every Version of dirs/files and nothing else, in row order
    List<String> seen = new ArrayList<>();
    long after = 0;
    List<StoredEntity> page;
    do {
      long from = after;
      List<StoredEntity> got = tx(tx -> tx.scan(EntityLevel.versionsOf("dirs", "files"), from, 3, null));
      page = got;
      page.forEach(e -> seen.add(e.entity().xid()));
      after = page.isEmpty() ? after : page.get(page.size() - 1).rowId();
    } while (page.size() == 3);
    assertThat(seen).containsExactlyElementsOf(versions);
    assertThat(scanXids(EntityLevel.resourcesOf("dirs", "files"), 10, null)).containsExactly("/dirs/d1/files/a/meta", "/dirs/d1/files/b/meta",
            "/dirs/d2/files/a/meta", "/dirs/d2/files/b/meta");
    assertThat(scanXids(EntityLevel.groupsOf("dirs"), 10, null)).containsExactly("/dirs/d1", "/dirs/d2");
    // with a predicate and limit 1: the first entity that matches
    EntityScope versionsScope = EntityScope.of(EntityPath.parse("/dirs/d1/files/a/versions", FILES_MODEL));
    EntityPredicate big = EntityPredicate.of(Filter.parse(List.of("n>=5"), "/"), versionsScope);
    assertThat(scanXids(EntityLevel.versionsOf("dirs", "files"), 1, big)).containsExactly(versions.get(5));
  }

  @Test
  void insertAllLoadsManyInOneStatementAndAllOrNothing() throws Exception {
    long g = insert(null, "dirs", group("d1"));
    List<NewEntity> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(new NewEntity(g, "files", entity("/dirs/d1/files/r" + i + "/meta", "r" + i, 1)));
    }
    Map<String, Long> ids = await(store.inTransaction(tx -> tx.insertAll(batch)));
    assertThat(ids).hasSize(500);
    assertThat(tx(tx -> tx.find("/dirs/d1/files/r7/meta")).rowId()).isEqualTo(ids.get("/dirs/d1/files/r7/meta"));
    List<NewEntity> clash = List.of(new NewEntity(g, "files", entity("/dirs/d1/files/new/meta", "new", 1)),
        new NewEntity(g, "files", entity("/dirs/d1/files/R7/meta", "R7", 1)));
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.insertAll(clash))))
        .hasCauseInstanceOf(ConflictException.class);
    assertThat((Object) tx(tx -> tx.find("/dirs/d1/files/new/meta"))).isNull();
    assertThat(countsOf(g)).containsEntry("files", 500L);
  }

  @Test
  void siblingIdsIgnoringCaseFindsEachClashAmongItsSiblingsOnly() throws Exception {
    long d1 = insert(null, "dirs", group("d1"));
    long d2 = insert(null, "dirs", group("d2"));
    insert(d1, "files", entity("/dirs/d1/files/Alpha/meta", "Alpha", 1));
    insert(d1, "files", entity("/dirs/d1/files/beta/meta", "beta", 1));
    insert(d2, "files", entity("/dirs/d2/files/gamma/meta", "gamma", 1));

    Map<String, String> found = tx(tx -> tx.siblingIdsIgnoringCase(d1, "files", List.of("ALPHA", "Beta", "gamma", "new")));

    assertThat(found).containsOnly(Map.entry("alpha", "Alpha"), Map.entry("beta", "beta"));
    Map<String, String> groups = tx(tx -> tx.siblingIdsIgnoringCase(null, "dirs", List.of("D2")));
    assertThat(groups).containsOnly(Map.entry("d2", "d2"));
    Map<String, String> none = tx(tx -> tx.siblingIdsIgnoringCase(d1, "files", List.of()));
    assertThat(none).isEmpty();
  }

  // ----------------------------------------------------------------------------- helpers

  protected <T> T tx(java.util.function.Function<StoreTx, Future<T>> work) throws Exception {
    return await(store.inTransaction(work));
  }

  private Map<String, Long> countsOf(Long parent) throws Exception {
    return tx(tx -> tx.counts(parent));
  }

  private Map<String, StoredEntity> findAll(List<String> xids) throws Exception {
    return tx(tx -> tx.findAll(xids));
  }

  private List<String> scanXids(EntityLevel level, int limit, EntityPredicate p) throws Exception {
    List<StoredEntity> hits = tx(tx -> tx.scan(level, 0L, limit, p));
    return hits.stream().map(e -> e.entity().xid()).toList();
  }

  private List<StoredEntity> children(Long parent, String collection) throws Exception {
    return tx(tx -> tx.children(parent, collection));
  }

  private long count(PageQuery q) throws Exception {
    return tx(tx -> tx.count(q));
  }

  protected long insert(Long parent, String collection, Entity e) throws Exception {
    return await(store.inTransaction(tx -> tx.insert(parent, collection, e)));
  }

  // ----------------------------------------------------------------------------- request execution

  /**
   * CORE-GEN-001: a write whose reply cannot be rendered is rolled back, not committed and then
   * answered with an error. No HTTP request makes the serializer fail, so one is injected.
   */
  @Test
  void aWriteWhoseReplyFailsToRenderIsRolledBack_CORE_GEN_001() throws Exception {
    RequestExecutor normal = new RequestExecutor(store);
    RequestExecutor failing = new RequestExecutor(store, new StorageOptions().setMaxPageSize(100), reply -> {
      throw new IllegalStateException("rendering failed");
    });
    await(normal.execute(request("PUT", "/modelsource",
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}")));
    long registryEpoch = tx(RegistryStoreContract::registryOf).epoch();

    assertThatThrownBy(() -> await(failing.execute(request("PUT", "/dirs/d1/files/f1$details", "{\"name\":\"f\"}"))))
        .hasMessageContaining("rendering failed");
    StoredEntity group = tx(t -> t.find("/dirs/d1"));
    StoredEntity resource = tx(t -> t.find("/dirs/d1/files/f1/meta"));
    assertThat(group).as("the implicitly created Group is gone too").isNull();
    assertThat(resource).isNull();
    assertThat(tx(RegistryStoreContract::registryOf).epoch()).isEqualTo(registryEpoch);

    // the same write with a renderable reply commits; reads are never render-checked in storage
    await(normal.execute(request("PUT", "/dirs/d1/files/f1$details", "{\"name\":\"f\"}")));
    assertThat(await(failing.execute(request("GET", "/dirs/d1/files/f1$details", null)))).isNotNull();
    assertThat(tx(RegistryStoreContract::registryOf).epoch()).isEqualTo(registryEpoch + 1);
  }

  private static RegistryRequest request(String method, String path, String body) {
    Target target = path.equals("/modelsource") ? Target.MODEL_SOURCE : Target.ENTITY;
    return new RegistryRequest(target, Operation.ofMethod(method), path, Map.of(),
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
  }

  /** A model with the Group type and Resource type the entity rows above use. */
  private static final Model FILES_MODEL = Model.parse(Json.parseTrusted(
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));

  private static Future<RegistryState> registryOf(StoreTx tx) {
    return tx.registry();
  }

  protected static Entity group(String id) {
    return entity("/dirs/" + id, id, 1);
  }

  protected static Entity entity(String xid, String id, long epoch) {
    Instant now = Timestamps.now();
    ObjectNode attrs = Json.object();
    attrs.put("description", "entity " + id);
    return new Entity(xid, id, epoch, now, now, attrs, new byte[] {1, 2, 3});
  }

  protected static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ExecutionException(e.getCause().toString(), e.getCause());
    }
  }
}
