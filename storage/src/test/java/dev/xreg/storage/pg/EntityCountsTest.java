package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.NewEntity;
import dev.xreg.storage.PageQuery;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Collection sizes kept by the writes (V8, issue 15): after inserts one by one and in bulk,
 * deletes that cascade through a tree, rolled-back transactions and concurrent writers, the
 * store's counts are what counting the rows gives, and no size outlives its parent.
 */
class EntityCountsTest extends OnFreshSchema {

  @Test
  void countsFollowInsertsAndDeletesThatCascadeThroughTheTree() throws Exception {
    long d1 = group("d1");
    long d2 = group("d2");
    List<Long> metas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      metas.add(resourceWithVersions(d1, "f" + i, 2));
    }
    resourceWithVersions(d2, "only", 1);

    assertThat(counts(null)).isEqualTo(Map.of("dirs", 2L));
    assertThat(counts(d1)).isEqualTo(Map.of("files", 3L));
    assertThat(countsOf(metas)).hasSize(3)
        .allSatisfy((meta, counts) -> assertThat(counts).isEqualTo(Map.of("versions", 2L)));
    assertThat(count(PageQuery.first(d1, "files", 1))).isEqualTo(3L);
    assertThat(count(PageQuery.first(null, "dirs", 1))).isEqualTo(2L);

    // a Resource with its Versions, then a whole Group with everything below it
    await(store.inTransaction(tx -> tx.delete(metas.get(0), "/dirs/d1/files/f0/meta")));
    assertThat(counts(d1)).isEqualTo(Map.of("files", 2L));
    assertThat(countsOf(List.of(metas.get(0)))).isEmpty();
    await(store.inTransaction(tx -> tx.delete(d1, "/dirs/d1")));
    assertThat(counts(null)).isEqualTo(Map.of("dirs", 1L));
    assertThat(counts(d1)).isEmpty();
    assertThat(count(PageQuery.first(d1, "files", 1))).isZero();
    assertKeptCountsAreTheRowCounts();
  }

  @Test
  void aBulkInsertIsCountedOnceAndARolledBackOneNotAtAll() throws Exception {
    long d = group("bulk");
    List<NewEntity> first = metas(d, "a", 500);
    await(store.inTransaction(tx -> tx.insertAll(first)));
    assertThat(counts(d)).isEqualTo(Map.of("files", 500L));

    List<NewEntity> more = metas(d, "b", 50);
    Future<?> rolledBack = store.inTransaction(tx -> tx.insertAll(more)
        .compose(v -> Future.failedFuture(new IllegalStateException("rolled back on purpose"))));
    assertThat(rolledBack.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(60, TimeUnit.SECONDS))
        .isNotNull();
    assertThat(counts(d)).isEqualTo(Map.of("files", 500L));
    assertKeptCountsAreTheRowCounts();
  }

  @Test
  void concurrentWritersOfOneCollectionLoseNoIncrement() throws Exception {
    long d = group("busy");
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      List<NewEntity> batch = metas(d, "w" + w + "-", 25);
      writers.add(store.inTransaction(tx -> tx.insertAll(batch)));
    }
    for (Future<?> f : writers) {
      await(f);
    }
    assertThat(counts(d)).isEqualTo(Map.of("files", 200L));
    assertKeptCountsAreTheRowCounts();
  }

  // ----------------------------------------------------------------------------------------

  /** Every kept size equals a count of the rows, and there is no size of a parent that is gone. */
  private void assertKeptCountsAreTheRowCounts() throws Exception {
    Map<String, Long> counted = rows("SELECT COALESCE(parent_id, 0) AS p, collection, count(*) AS n FROM entity GROUP BY 1, 2");
    Map<String, Long> kept = rows("SELECT parent_id AS p, collection, n FROM entity_count WHERE n <> 0");
    assertThat(kept).isEqualTo(counted);
    long orphans = await(store.pool().query("SELECT count(*) FROM entity_count c WHERE c.parent_id <> 0"
        + " AND NOT EXISTS (SELECT 1 FROM entity e WHERE e.id = c.parent_id)").execute()).iterator().next().getLong(0);
    assertThat(orphans).isZero();
  }

  private Map<String, Long> counts(Long parent) throws Exception {
    return await(store.read(tx -> tx.counts(parent)));
  }

  private Map<Long, Map<String, Long>> countsOf(List<Long> parents) throws Exception {
    return await(store.read(tx -> tx.countsOf(parents)));
  }

  private long count(PageQuery q) throws Exception {
    return await(store.read(tx -> tx.count(q)));
  }

  private Map<String, Long> rows(String sql) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (Row r : await(store.pool().query(sql).execute())) {
      out.put(r.getLong("p") + "/" + r.getString("collection"), r.getLong("n"));
    }
    return out;
  }

  private long group(String id) throws Exception {
    return await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/" + id, id))));
  }

  private long resourceWithVersions(long group, String id, int versions) throws Exception {
    String xid = "/dirs/" + groupId(group) + "/files/" + id;
    return await(store.inTransaction(tx -> tx.insert(group, "files", entity(xid + "/meta", id)).compose(meta -> {
      List<NewEntity> vs = new ArrayList<>();
      for (int v = 1; v <= versions; v++) {
        vs.add(new NewEntity(meta, "versions", entity(xid + "/versions/" + v, Integer.toString(v))));
      }
      return tx.insertAll(vs).map(meta);
    })));
  }

  private String groupId(long row) throws Exception {
    return await(store.pool().preparedQuery("SELECT eid FROM entity WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(row))).iterator().next().getString(0);
  }

  private List<NewEntity> metas(long group, String prefix, int n) throws Exception {
    String g = groupId(group);
    List<NewEntity> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      out.add(new NewEntity(group, "files", entity("/dirs/" + g + "/files/" + id + "/meta", id)));
    }
    return out;
  }

  private static Entity entity(String xid, String id) {
    Instant now = Timestamps.now();
    return new Entity(xid, id, 1, now, now, Json.object(), null);
  }

}
