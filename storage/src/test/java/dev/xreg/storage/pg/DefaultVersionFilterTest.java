package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.model.Model;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.NewEntity;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code name} and {@code labels.<key>} filters over Resources read the copies of the default
 * Version's values on the Resource rows (V13). Whatever moves the default or changes the default
 * Version (an insert in either order, an update, a bulk insert), the filter follows: it answers
 * what comparing each Resource's default Version would.
 */
class DefaultVersionFilterTest extends OnFreshSchema {
  private static final EntityScope FILES = scope();
  private long group;

  @BeforeEach
  void twoResources() throws Exception {
    group = await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", a -> { }))));
    resource("f1", "Orders", "prod");
    resource("f2", "Billing", "TEST");
  }

  @Test
  void theFiltersCompareTheDefaultVersionsValuesIgnoringCase() throws Exception {
    assertThat(matching("name=ORDERS")).containsExactly("f1");
    assertThat(matching("name=bill*")).containsExactly("f2");
    assertThat(matching("name=*RS")).containsExactly("f1");
    assertThat(matching("name=*")).containsExactly("f1", "f2");
    assertThat(matching("labels.env=test")).containsExactly("f2");
    assertThat(matching("labels.env=prod", "name=billing")).containsExactly("f1", "f2");
    assertThat(matching("labels.other=prod")).isEmpty();
    assertThat(count("labels.env=Test")).isEqualTo(1);
  }

  @Test
  void aVersionThatIsNotTheDefaultDoesNotMatchUntilItBecomesTheDefault() throws Exception {
    StoredEntity meta = find("/dirs/d1/files/f1/meta");
    await(store.inTransaction(tx -> tx.insert(meta.rowId(), "versions", version("f1", "2", "Shipping", "test"))));
    assertThat(matching("name=shipping")).isEmpty();
    assertThat(matching("labels.env=test")).containsExactly("f2");

    update(meta, a -> a.put("defaultversionid", "2"));
    assertThat(matching("name=shipping")).containsExactly("f1");
    assertThat(matching("name=orders")).isEmpty();
    assertThat(matching("labels.env=test")).containsExactly("f1", "f2");
  }

  @Test
  void theDefaultVersionsChangesAreFollowed() throws Exception {
    update(find("/dirs/d1/files/f1/versions/1"), a -> {
      a.put("name", "Purchase orders");
      a.remove("labels");
    });
    assertThat(matching("name=purchase*")).containsExactly("f1");
    assertThat(matching("name=orders")).isEmpty();
    assertThat(matching("labels.env=prod")).isEmpty();
  }

  /** The engine may name a new default before writing it: the Version's insert fills the copies. */
  @Test
  void aDefaultNamedBeforeItsVersionExistsIsFollowedWhenTheVersionIsWritten() throws Exception {
    StoredEntity meta = find("/dirs/d1/files/f2/meta");
    await(store.inTransaction(tx -> update(tx, meta, a -> a.put("defaultversionid", "7"))
        .compose(v -> tx.insert(meta.rowId(), "versions", version("f2", "7", "Late", "x")))));
    assertThat(matching("name=late")).containsExactly("f2");
    assertThat(matching("name=billing")).isEmpty();
    assertThat(matching("labels.env=x")).containsExactly("f2");
  }

  @Test
  void resourcesLoadedInBulkAreFound() throws Exception {
    List<NewEntity> metas = List.of(new NewEntity(group, "files", entity("/dirs/d1/files/b1/meta", "b1",
        a -> a.put("defaultversionid", "1"))));
    await(store.inTransaction(tx -> tx.insertAll(metas).compose(rows -> tx.insertAll(List.of(
        new NewEntity(rows.get("/dirs/d1/files/b1/meta"), "versions", version("b1", "1", "Bulk", "prod")))))));
    assertThat(matching("labels.env=prod")).containsExactly("b1", "f1");
    assertThat(matching("name=bulk")).containsExactly("b1");
  }

  /**
   * Issue 15, I1: a bulk insert that names each meta row's default Version writes the copies with
   * the row, so inserting the Versions after it does not write every meta row a second time (the
   * row keeps its physical position: no new row version, no new index entries).
   */
  @Test
  void aBulkInsertGivenTheDefaultVersionWritesEachMetaRowOnce() throws Exception {
    Entity v1 = version("b2", "1", "Given", "stage");
    List<NewEntity> metas = List.of(new NewEntity(group, "files", entity("/dirs/d1/files/b2/meta", "b2",
        a -> a.put("defaultversionid", "1")), v1));
    List<String> positions = await(store.inTransactionWithConnection((conn, tx) -> tx.insertAll(metas)
        .compose(rows -> position(conn).compose(before -> tx.insertAll(List.of(
                new NewEntity(rows.get("/dirs/d1/files/b2/meta"), "versions", v1)))
            .compose(v -> position(conn))
            .map(after -> List.of(before, after))))));
    assertThat(positions.get(1)).as("the meta row after its Version's insert").isEqualTo(positions.get(0));
    assertThat(matching("labels.env=stage")).containsExactly("b2");
    assertThat(matching("name=giv*")).containsExactly("b2");
  }

  private static Future<String> position(io.vertx.sqlclient.SqlConnection conn) {
    return conn.query("SELECT ctid::text FROM entity WHERE xid = '/dirs/d1/files/b2/meta'").execute()
        .map(rs -> rs.iterator().next().getString(0));
  }

  // ----------------------------------------------------------------------------------------

  private List<String> matching(String... filters) throws Exception {
    PageQuery q = query(filters);
    return await(store.read(tx -> tx.page(q))).items().stream().map(e -> e.entity().id()).toList();
  }

  private long count(String filter) throws Exception {
    PageQuery q = query(filter);
    return await(store.read(tx -> tx.count(q)));
  }

  /** Several filters are alternatives (OR), as several {@code ?filter} flags are. */
  private PageQuery query(String... filters) {
    Filter f = Filter.parse(List.of(filters), "/dirs/d1/files");
    return new PageQuery(group, "files", EntityPredicate.of(f, FILES), null, List.of(), 100);
  }

  private void resource(String id, String name, String env) throws Exception {
    await(store.inTransaction(tx -> tx.insert(group, "files", entity("/dirs/d1/files/" + id + "/meta", id,
        a -> a.put("defaultversionid", "1"))).compose(m -> tx.insert(m, "versions", version(id, "1", name, env)))));
  }

  private static Entity version(String resource, String id, String name, String env) {
    return entity("/dirs/d1/files/" + resource + "/versions/" + id, id, a -> {
      a.put("name", name);
      a.putObject("labels").put("env", env);
    });
  }

  private StoredEntity find(String xid) throws Exception {
    return await(store.read(tx -> tx.find(xid)));
  }

  private void update(StoredEntity s, Consumer<ObjectNode> change) throws Exception {
    await(store.inTransaction(tx -> update(tx, s, change)));
  }

  private static Future<Void> update(StoreTx tx, StoredEntity s, Consumer<ObjectNode> change) {
    ObjectNode attrs = s.entity().attributes().deepCopy();
    change.accept(attrs);
    Entity e = s.entity();
    return tx.update(s.rowId(), new Entity(e.xid(), e.id(), e.epoch() + 1, e.createdat(), Timestamps.now(), attrs,
        e.document()), e.epoch());
  }

  private static Entity entity(String xid, String id, Consumer<ObjectNode> attributes) {
    Instant now = Timestamps.now();
    ObjectNode a = Json.object();
    attributes.accept(a);
    return new Entity(xid, id, 1, now, now, a, null);
  }

  private static EntityScope scope() {
    Model m = Model.parse(Json.parseTrusted(
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
    var g = m.group("dirs").orElseThrow();
    return new EntityScope(EntityScope.Kind.RESOURCE, g, g.resource("files").orElseThrow());
  }
}
