package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.NewEntity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store contract against the embedded PostgreSQL (the default database). */
class EmbeddedPgRegistryStoreTest extends PgRegistryStoreContract {
  EmbeddedPgRegistryStoreTest() {
    super(PgTestDatabase.embedded());
  }

  /**
   * CORE-XREF-007: finding the xref sources of a target is a probe of the partial index
   * entity_xref_source (V3; on the generated column {@code xref} since V12), never a scan of
   * all entities. The tables here are small, so sequential scans are priced out; the index is
   * chosen only if the statement matches it. The statistics (what autovacuum gathers) say that
   * few rows have an xref, as in any registry.
   */
  @Test
  void xrefSourcesAreAProbeOfTheirPartialIndex() throws Exception {
    Instant now = Timestamps.now();
    List<NewEntity> groups = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      groups.add(new NewEntity(null, "dirs", new Entity("/dirs/g" + i, "g" + i, 1, now, now, Json.object(), null)));
    }
    await(store.inTransaction(tx -> tx.insertAll(groups)));
    String plan = await(((PgRegistryStore) store).pool().withTransaction(conn -> conn
        .query("ANALYZE entity").execute()
        .compose(v -> conn.query("SET LOCAL enable_seqscan = off").execute())
        .compose(v -> conn.preparedQuery("EXPLAIN " + PgStoreTx.XREF_SOURCES).execute(Tuple.of((Object) new String[] {"/dirs/d1/files/f", "/dirs/d1/files/g"})))
        .map(rs -> {
          StringBuilder out = new StringBuilder();
          rs.forEach(r -> out.append(r.getString(0)).append('\n'));
          return out.toString();
        })));
    assertThat(plan).contains("entity_xref_source").doesNotContain("Seq Scan");
  }

  /**
   * Issue 13 item 3: a child inserted under a parent that a transaction deleted (and committed)
   * after this one read it violates entity_parent_id_fkey. That is a conflict the store retries,
   * not a database failure ("the database did not answer", a 500 before).
   */
  @Test
  void anInsertUnderAParentDeletedMeanwhileIsAConflict() throws Exception {
    insert(null, "dirs", group("d1"));
    PgRegistryStore pg = (PgRegistryStore) store;
    Future<Long> insert = pg.pool().withTransaction(conn -> {
      PgStoreTx tx = new PgStoreTx(conn, pg);
      return tx.find("/dirs/d1").compose(parent -> store.inTransaction(other -> other.delete(parent.rowId(), "/dirs/d1"))
          .compose(v -> tx.insert(parent.rowId(), "files", entity("/dirs/d1/files/f1/meta", "f1", 1))));
    });
    assertThatThrownBy(() -> await(insert)).hasCauseInstanceOf(ConflictException.class)
        .hasMessageContaining("deleted concurrently");
  }
}
