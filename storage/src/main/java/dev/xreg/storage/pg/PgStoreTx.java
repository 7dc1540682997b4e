package dev.xreg.storage.pg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One transaction on one connection; every method is one SQL statement. */
final class PgStoreTx implements StoreTx {
  private static final String COLUMNS =
      "id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document";

  private final SqlConnection conn;
  private final PgRegistryStore store;

  PgStoreTx(SqlConnection conn, PgRegistryStore store) {
    this.conn = conn;
    this.store = store;
  }

  @Override
  public Future<RegistryState> registry() {
    return conn.query("SELECT registryid, epoch, createdat, modifiedat, attributes::text AS attributes,"
            + " modelsource::text AS modelsource, capabilities::text AS capabilities FROM registry WHERE id = 1")
        .execute()
        .map(rs -> {
          Row r = rs.iterator().next();
          return new RegistryState(r.getString("registryid"), r.getLong("epoch"), instant(r, "createdat"),
              instant(r, "modifiedat"), (ObjectNode) Json.parseTrusted(r.getString("attributes")),
              store.model(r.getString("modelsource")), (ObjectNode) Json.parseTrusted(r.getString("capabilities")));
        });
  }

  @Override
  public Future<Void> updateRegistry(RegistryState s, long expectedEpoch) {
    return conn.preparedQuery("UPDATE registry SET registryid = $1, epoch = $2, createdat = $3, modifiedat = $4,"
            + " attributes = $5::text::jsonb, modelsource = $6::text::jsonb, capabilities = $7::text::jsonb WHERE id = 1 AND epoch = $8")
        .execute(Tuple.from(new Object[] {s.registryid(), s.epoch(), time(s.createdat()), time(s.modifiedat()),
            Json.write(s.attributes()), Json.write(s.model().source()), Json.write(s.capabilities()), expectedEpoch}))
        .compose(rs -> expectOne(rs, "/"))
        .compose(v -> log("/", s.epoch(), 'U'));
  }

  @Override
  public Future<StoredEntity> find(String xid) {
    return one("SELECT " + COLUMNS + " FROM entity WHERE xid = $1", xid);
  }

  @Override
  public Future<StoredEntity> findForUpdate(String xid) {
    return one("SELECT " + COLUMNS + " FROM entity WHERE xid = $1 FOR UPDATE", xid);
  }

  private Future<StoredEntity> one(String sql, String xid) {
    return conn.preparedQuery(sql).execute(Tuple.of(xid))
        .map(rs -> rs.size() == 0 ? null : stored(rs.iterator().next()));
  }

  @Override
  public Future<List<StoredEntity>> children(Long parentId, String collection) {
    String where = parentId == null ? "parent_id IS NULL" : "parent_id = $2";
    Tuple args = parentId == null ? Tuple.of(collection) : Tuple.of(collection, parentId);
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM entity WHERE " + where
            + " AND collection = $1 ORDER BY eid COLLATE \"C\"")
        .execute(args)
        .map(rs -> {
          List<StoredEntity> out = new ArrayList<>(rs.size());
          rs.forEach(r -> out.add(stored(r)));
          return out;
        });
  }

  @Override
  public Future<String> siblingIdIgnoringCase(Long parentId, String collection, String id) {
    // Same expression as the unique index entity_sibling_id, so this is one index probe.
    return conn.preparedQuery("SELECT eid FROM entity WHERE COALESCE(parent_id, 0) = $1 AND collection = $2"
            + " AND lower(eid) = lower($3)")
        .execute(Tuple.of(parentId == null ? 0L : parentId, collection, id))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("eid"));
  }

  @Override
  public Future<Map<String, Long>> counts(Long parentId) {
    String where = parentId == null ? "parent_id IS NULL" : "parent_id = $1";
    Tuple args = parentId == null ? Tuple.tuple() : Tuple.of(parentId);
    return conn.preparedQuery("SELECT collection, count(*) AS n FROM entity WHERE " + where + " GROUP BY collection")
        .execute(args)
        .map(rs -> {
          Map<String, Long> out = new LinkedHashMap<>();
          rs.forEach(r -> out.put(r.getString("collection"), r.getLong("n")));
          return out;
        });
  }

  @Override
  public Future<Long> insert(Long parentId, String collection, Entity e) {
    return conn.preparedQuery("INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat,"
            + " attributes, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9) RETURNING id")
        .execute(Tuple.from(new Object[] {parentId, collection, e.id(), e.xid(), e.epoch(), time(e.createdat()),
            time(e.modifiedat()), Json.write(e.attributes()), document(e)}))
        .recover(err -> Future.failedFuture(isUniqueViolation(err)
            ? new ConflictException("an entity with the ID of " + e.xid() + " (ignoring case) was created concurrently")
            : err))
        .compose(rs -> log(e.xid(), e.epoch(), 'C').map(rs.iterator().next().getLong("id")));
  }

  @Override
  public Future<Void> update(long rowId, Entity e, long expectedEpoch) {
    return conn.preparedQuery("UPDATE entity SET epoch = $1, createdat = $2, modifiedat = $3, attributes = $4::text::jsonb,"
            + " document = $5 WHERE id = $6 AND epoch = $7")
        .execute(Tuple.from(new Object[] {e.epoch(), time(e.createdat()), time(e.modifiedat()),
            Json.write(e.attributes()), document(e), rowId, expectedEpoch}))
        .compose(rs -> expectOne(rs, e.xid()))
        .compose(v -> log(e.xid(), e.epoch(), 'U'));
  }

  @Override
  public Future<Void> delete(long rowId, String xid) {
    return conn.preparedQuery("DELETE FROM entity WHERE id = $1").execute(Tuple.of(rowId))
        .compose(rs -> expectOne(rs, xid))
        .compose(v -> log(xid, null, 'D'));
  }

  private Future<Void> log(String xid, Long epoch, char op) {
    return conn.preparedQuery("INSERT INTO change_log (xid, epoch, operation) VALUES ($1, $2, $3)")
        .execute(Tuple.of(xid, epoch, String.valueOf(op)))
        .mapEmpty();
  }

  private static Future<Void> expectOne(RowSet<Row> rs, String xid) {
    return rs.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(new ConflictException(xid + " was changed or removed concurrently"));
  }

  private static boolean isUniqueViolation(Throwable err) {
    return err instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  private static StoredEntity stored(Row r) {
    Buffer doc = r.getBuffer("document");
    Entity e = new Entity(r.getString("xid"), r.getString("eid"), r.getLong("epoch"), instant(r, "createdat"),
        instant(r, "modifiedat"), (ObjectNode) Json.parseTrusted(r.getString("attributes")),
        doc == null ? null : doc.getBytes());
    return new StoredEntity(r.getLong("id"), r.getLong("parent_id"), e);
  }

  private static Buffer document(Entity e) {
    return e.document() == null ? null : Buffer.buffer(e.document());
  }

  private static Instant instant(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant();
  }

  private static OffsetDateTime time(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
