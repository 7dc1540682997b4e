package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.NewEntity;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, I1 (V14): V13's trigger, which joins the Versions a statement inserted to their
 * Resources' rows, probes those rows at every statement of a session instead of reading the whole
 * table. The session's kept plan read all of it at each bulk INSERT of Versions once the table
 * had grown inside the transaction (as an import's does), so an import slowed down with every
 * batch (a 1,000,000-Resource import never finished). The evidence is the transaction's own sequential-read counter of the table
 * ({@code pg_stat_xact_user_tables}), read on the writing connection around each statement.
 */
class TriggerPlansTest extends OnFreshSchema {
  /**
   * Resources already in the table, not analyzed (as in an import, whose rows the statistics have
   * not seen): large enough that reading all of it is never the cheap plan.
   */
  private static final int EXISTING = 20_000;
  private static final int BATCH = 200;
  private long group;

  @BeforeEach
  void aLargeGroup() throws Exception {
    group = await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", null))));
    await(store.pool().query("INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat,"
        + " attributes) SELECT " + group + ", 'files', 'e' || i, '/dirs/d1/files/e' || i || '/meta', 1, now(), now(),"
        + " '{\"defaultversionid\": \"1\"}' FROM generate_series(1, " + EXISTING + ") AS i").execute());
  }

  @Test
  void eachBulkInsertOfVersionsProbesItsResourcesRows() throws Exception {
    List<Long> read = await(store.inTransactionWithConnection((conn, tx) -> {
      Future<List<Long>> chain = Future.succeededFuture(new ArrayList<>());
      for (int b = 0; b < 8; b++) {
        int batch = b;
        chain = chain.compose(out -> tx.insertAll(metas(batch)).compose(rows -> sequentialReads(conn, "entity")
            .compose(before -> tx.insertAll(versions(batch, rows))
                .compose(v -> sequentialReads(conn, "entity"))
                .map(after -> {
                  out.add(after - before);
                  return out;
                }))));
      }
      return chain;
    }));
    assertThat(read).as("entity rows read sequentially by each batch's Version INSERT").allMatch(n -> n < BATCH);
    long copies = await(store.pool().query("SELECT count(*) FROM entity WHERE default_labels = '{env=prod}'")
        .execute().map(rs -> rs.iterator().next().getLong(0)));
    assertThat(copies).as("the copies were still made").isEqualTo(8L * BATCH);
  }

  private static Future<Long> sequentialReads(SqlConnection conn, String table) {
    return conn.query("SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_xact_user_tables WHERE relid = '"
            + table + "'::regclass").execute()
        .map(rs -> rs.iterator().next().getLong(0));
  }

  private List<NewEntity> metas(int batch) {
    List<NewEntity> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      out.add(new NewEntity(group, "files", entity(meta(batch, i), "b" + batch + "_" + i,
          a -> a.put("defaultversionid", "1"))));
    }
    return out;
  }

  private static List<NewEntity> versions(int batch, Map<String, Long> rows) {
    List<NewEntity> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      String meta = meta(batch, i);
      out.add(new NewEntity(rows.get(meta), "versions", entity(meta.replace("/meta", "/versions/1"), "1",
          a -> a.putObject("labels").put("env", "prod"))));
    }
    return out;
  }

  private static String meta(int batch, int i) {
    return "/dirs/d1/files/b" + batch + "_" + i + "/meta";
  }

  private static Entity entity(String xid, String id, java.util.function.Consumer<ObjectNode> attributes) {
    Instant now = Timestamps.now();
    ObjectNode a = Json.object();
    if (attributes != null) {
      attributes.accept(a);
    }
    return new Entity(xid, id, 1, now, now, a, null);
  }
}
