package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, I1: an import asks, per batch, which of its IDs already exist in the Group
 * ({@link PgStoreTx#SIBLING_IDS}). Into a Group the statistics have not seen (created after the
 * last ANALYZE, filled by the import's own transaction), each ID must be one probe of the
 * unique index, not a filtered walk of the Group's rows: that walk grew with every batch, and a
 * 1,000,000-Resource import into a registry that already held 1,000,000 never finished.
 */
class SiblingProbePlansTest extends OnFreshSchema {
  private static final int ROWS = 20_000;
  private static final int ASKED = 200;

  @Test
  void eachIdOfABatchIsOneProbeInAGroupTheStatisticsHaveNotSeen() throws Exception {
    long old = await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/old", "old"))));
    fill(old, "x");
    // a Version under each: parent_id then has as many values as Resources, so the statistics
    // expect any one parent, the new Group included, to have a handful of children; vacuumed (as
    // autovacuum does), the visibility map makes an index-only walk of entity_children look cheap
    await(store.pool().query("INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat,"
        + " attributes) SELECT id, 'versions', '1', left(xid, -5) || '/versions/1', 1, now(), now(), '{}'"
        + " FROM entity WHERE parent_id = " + old).execute());
    await(store.pool().query("VACUUM (ANALYZE) entity").execute());
    long fresh = await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/new", "new"))));

    List<String> asked = new ArrayList<>();
    for (int i = 0; i < ASKED / 2; i++) {
      asked.add("e" + (i * 97 + 1)); // stored as "E<n>"
      asked.add("missing" + i);
    }
    // the plan an import keeps: made at its first batches, before the new Group has rows, and
    // reused (a prepared statement's generic plan) as the Group grows to millions
    String plan = await(store.inTransactionWithConnection((conn, tx) -> conn.query("PREPARE probe(bigint, text, text[]) AS "
            + PgStoreTx.SIBLING_IDS).execute()
        .compose(v -> conn.query("SET LOCAL plan_cache_mode = force_generic_plan").execute())
        .compose(v -> conn.query("EXPLAIN (FORMAT JSON) EXECUTE probe(" + fresh + ", 'files', ARRAY['a'])").execute())
        .map(rs -> rs.iterator().next().getValue(0).toString())
        .compose(p -> conn.query("DEALLOCATE probe").execute().map(p))));
    List<JsonNode> nodes = new ArrayList<>();
    collect(Json.MAPPER.readTree(plan).path(0).path("Plan"), nodes);
    assertThat(nodes).as(plan).anySatisfy(n -> assertThat(n.path("Index Cond").asText()).contains("lower(eid)"))
        .noneSatisfy(n -> assertThat(n.path("Filter").asText()).contains("lower(eid)"));

    Map<String, String> found = await(store.inTransactionWithConnection((conn, tx) -> fillIn(conn, fresh)
        .compose(v -> tx.siblingIdsIgnoringCase(fresh, "files", asked))));
    assertThat(found).hasSize(ASKED / 2).containsEntry("e1", "E1").containsEntry("e98", "E98")
        .doesNotContainKey("missing0");
  }

  /** ROWS Resources in the Group, IDs "E<n>", written the way an import writes them: not analyzed. */
  private static io.vertx.core.Future<Void> fillIn(SqlConnection conn, long group) {
    return conn.query(insert(group, "E")).execute().mapEmpty();
  }

  private void fill(long group, String prefix) throws Exception {
    await(store.pool().query(insert(group, prefix)).execute());
  }

  private static String insert(long group, String prefix) {
    return "INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat, attributes) SELECT "
        + group + ", 'files', '" + prefix + "' || i, '/dirs/" + group + "/files/" + prefix + "' || i || '/meta', 1,"
        + " now(), now(), '{}' FROM generate_series(1, " + ROWS + ") AS i";
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    out.add(node);
    node.path("Plans").forEach(child -> collect(child, out));
  }

  private static Entity entity(String xid, String id) {
    Instant now = Timestamps.now();
    return new Entity(xid, id, 1, now, now, Json.object(), null);
  }
}
