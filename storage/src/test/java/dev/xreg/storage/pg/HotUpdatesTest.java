package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Writes of attributes that no index reads are HOT updates (V12, issue 15 W1): PostgreSQL keeps
 * the new row version on the same page and adds no index entry, which it does only when none of
 * the indexed columns changed. The counters are the session's unreported ones
 * ({@code pg_stat_get_xact_tuples_*}), read before and after the update in the writing
 * transaction, so their difference counts exactly that update, whatever else the database does.
 */
class HotUpdatesTest extends OnFreshSchema {

  /** What one {@code StoreTx.update} did to the entity table: rows updated, of which HOT. */
  private record Updates(long updated, long hot) {
  }

  @Test
  void aChangeOfAnAttributeNoIndexReadsIsHot() throws Exception {
    StoredEntity v1 = version(a -> a.put("description", "first"));
    assertThat(update(v1, a -> a.put("description", "second"))).isEqualTo(new Updates(1, 1));
  }

  /**
   * No index reads a Version's name or labels any more (V13): the Resource row's copies of its
   * default Version's are indexed instead. So changing them updates the Version in place, and the
   * Resource row's copies (an indexed column: not HOT) only for its default Version.
   */
  @Test
  void aChangeOfTheNameOrOfALabelIsHotOnTheVersionAndMovesTheResourcesCopy() throws Exception {
    StoredEntity v1 = version(a -> { });
    assertThat(update(v1, a -> a.put("name", "Payments"))).isEqualTo(new Updates(2, 1));
    assertThat(update(find(v1.entity().xid()), a -> a.with("labels").put("env", "test")))
        .isEqualTo(new Updates(2, 1));
    Row r = await(store.pool().query("SELECT default_name, default_labels FROM entity WHERE xid = '"
        + "/dirs/d1/files/f1/meta'").execute()).iterator().next();
    assertThat(r.getString("default_name")).isEqualTo("payments");
    assertThat(r.getArrayOfStrings("default_labels")).containsExactly("env=test");

    // a Version that is not the default: nothing else to write
    StoredEntity meta = find("/dirs/d1/files/f1/meta");
    await(store.inTransaction(tx -> tx.insert(meta.rowId(), "versions",
        entity("/dirs/d1/files/f1/versions/2", "2", a -> a.put("name", "Draft")))));
    assertThat(update(find("/dirs/d1/files/f1/versions/2"), a -> a.put("name", "Draft 2")))
        .isEqualTo(new Updates(1, 1));
  }

  @Test
  void aMetaRowWithAnXrefIsUpdatedInPlaceWhileTheXrefStays() throws Exception {
    StoredEntity target = version(a -> { });
    StoredEntity targetMeta = find("/dirs/d1/files/f1/meta");
    await(store.inTransaction(tx -> tx.insert(targetMeta.parentId(), "files",
        entity("/dirs/d1/files/x/meta", "x", a -> a.put("xref", "/dirs/d1/files/f1")))));
    StoredEntity source = find("/dirs/d1/files/x/meta");
    assertThat(update(source, a -> a.put("readonly", false))).isEqualTo(new Updates(1, 1));
    assertThat(update(find(source.entity().xid()), a -> a.put("xref", "/dirs/d1/files/other")))
        .isEqualTo(new Updates(1, 0));
    assertThat(target.entity().xid()).isEqualTo("/dirs/d1/files/f1/versions/1");
  }

  /** No index of {@code entity} reads {@code attributes}: each would make every attribute write non-HOT. */
  @Test
  void noIndexOfTheEntityTableReadsTheAttributes() throws Exception {
    List<String> defs = new ArrayList<>();
    await(store.pool().query("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        + " AND tablename = 'entity'").execute()).forEach(r -> defs.add(r.getString(0)));
    assertThat(defs).hasSizeGreaterThan(5).noneMatch(d -> d.contains("attributes"));
  }

  // ----------------------------------------------------------------------------------------

  /** /dirs/d1/files/f1 with Version 1 named "Orders", labelled env=prod, changed by {@code more}. */
  private StoredEntity version(Consumer<ObjectNode> more) throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", a -> { }))
        .compose(g -> tx.insert(g, "files", entity("/dirs/d1/files/f1/meta", "f1",
            a -> a.put("defaultversionid", "1"))))
        .compose(m -> tx.insert(m, "versions", entity("/dirs/d1/files/f1/versions/1", "1", a -> {
          a.put("name", "Orders");
          a.putObject("labels").put("env", "prod");
          more.accept(a);
        })))));
    return find("/dirs/d1/files/f1/versions/1");
  }

  private StoredEntity find(String xid) throws Exception {
    return await(store.read(tx -> tx.find(xid)));
  }

  /** Updates {@code s} with its attributes changed by {@code change}; the counters of that transaction. */
  private Updates update(StoredEntity s, Consumer<ObjectNode> change) throws Exception {
    ObjectNode attrs = s.entity().attributes().deepCopy();
    change.accept(attrs);
    Entity e = s.entity();
    Entity next = new Entity(e.xid(), e.id(), e.epoch() + 1, e.createdat(), Timestamps.now(), attrs, e.document());
    // The counters hold what the session has not yet reported, earlier transactions included;
    // nothing is reported inside a transaction, so the difference is this update's alone.
    return await(store.inTransactionWithConnection((conn, tx) -> counters(conn).compose(before -> tx
        .update(s.rowId(), next, e.epoch())
        .compose(v -> counters(conn))
        .map(after -> new Updates(after.updated() - before.updated(), after.hot() - before.hot())))));
  }

  private static Future<Updates> counters(SqlConnection conn) {
    return conn.query("SELECT pg_stat_get_xact_tuples_updated('entity'::regclass) AS updated,"
        + " pg_stat_get_xact_tuples_hot_updated('entity'::regclass) AS hot").execute().map(rs -> {
          Row r = rs.iterator().next();
          return new Updates(r.getLong("updated"), r.getLong("hot"));
        });
  }

  private static Entity entity(String xid, String id, Consumer<ObjectNode> attributes) {
    Instant now = Timestamps.now();
    ObjectNode a = Json.object();
    attributes.accept(a);
    return new Entity(xid, id, 1, now, now, a, null);
  }
}
