package dev.xreg.storage.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.EntityLevel;
import dev.xreg.storage.NewEntity;
import dev.xreg.storage.Page;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.ResourceRows;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.feed.ChangedAttributes;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One transaction on one connection; every method is one SQL statement. */
final class PgStoreTx implements StoreTx {
  private static final String COLUMNS =
      "id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document";
  private static final String E_COLUMNS = "e.id, e.parent_id, e.eid, e.xid, e.epoch, e.createdat, e.modifiedat,"
      + " e.attributes::text AS attributes, e.document";
  /**
   * The xref sources of many targets in one statement (an import checks a batch of 1,000 written
   * Resources at a time: one execution per target was 1,000 statements per batch, issue 15 I1).
   * A probe of the partial index entity_xref_source on the generated column {@code xref} (V12).
   */
  static final String XREF_SOURCES = "SELECT " + COLUMNS + ", xref AS xref_target FROM entity"
      + " WHERE xref IS NOT NULL AND xref = ANY($1) ORDER BY xid";
  private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");
  /** {@code entity_count.parent_id} of the Registry's own collections, whose rows have no parent. */
  private static final long ROOT = 0L;
  /** The collection of every Resource's Versions. */
  private static final String VERSIONS = "versions";

  private final SqlConnection conn;
  private final PgRegistryStore store;
  /**
   * The change-feed rows of this transaction, written by {@link #finish} in one statement just
   * before commit: one round trip per request instead of one per entity, and nothing written
   * for work that fails and rolls back anyway.
   */
  private final List<LogRow> pendingLog = new ArrayList<>();
  /**
   * The xids this transaction wrote, for {@link dev.xreg.storage.engine.Invalidations}; past
   * {@link ChangeNotice#MAX_XIDS} it stops collecting and stands for "everything" (an import).
   */
  private final ChangeNotice changes = new ChangeNotice();
  /**
   * Versions as this transaction last read or wrote them, by xid (null: deleted in it), so the
   * change feed's names of a moved default Version's attributes come from memory when both
   * Versions are known, instead of one more query (issue 15, W2).
   */
  private final Map<String, Entity> knownVersions = new HashMap<>();
  /** Metas whose default Version moved in this transaction (see {@link #flushLog}). */
  private final List<MovedDefault> movedDefaults = new ArrayList<>();
  /** Feed slots reserved and not filled yet (see {@link #reserveFeedSlot}). */
  private final java.util.Set<Slot> reserved = new java.util.HashSet<>();

  /** What this transaction changed so far (complete once {@link #finish} ran). */
  ChangeNotice changes() {
    return changes;
  }

  SqlConnection connection() {
    return conn;
  }

  /** A plain read (no transaction) may take the registry row from {@link RegistryRowCache} (issue 15). */
  private final boolean plainRead;
  /** The request's xregcorrelationid, written on every change-feed row; null: the transaction's ID. */
  private final String correlationId;

  PgStoreTx(SqlConnection conn, PgRegistryStore store) {
    this(conn, store, false, null);
  }

  PgStoreTx(SqlConnection conn, PgRegistryStore store, boolean plainRead) {
    this(conn, store, plainRead, null);
  }

  PgStoreTx(SqlConnection conn, PgRegistryStore store, String correlationId) {
    this(conn, store, false, correlationId);
  }

  private PgStoreTx(SqlConnection conn, PgRegistryStore store, boolean plainRead, String correlationId) {
    this.conn = conn;
    this.store = store;
    this.plainRead = plainRead;
    this.correlationId = correlationId;
  }

  @Override
  public Future<RegistryState> registry() {
    RegistryRowCache cache = plainRead ? store.registryRow() : null;
    if (cache == null) {
      return loadRegistry();
    }
    RegistryState cached = cache.current();
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long ticket = cache.ticket();
    return loadRegistry().map(loaded -> {
      cache.offer(loaded, ticket);
      return loaded;
    });
  }

  private Future<RegistryState> loadRegistry() {
    // prepared (and so cached per connection) like every other statement: every write reads this
    // row, and as a plain query PostgreSQL parsed and planned it each time (issue 15)
    return conn.preparedQuery("SELECT " + REGISTRY_COLUMNS + " FROM registry r WHERE r.id = 1")
        .execute()
        .map(rs -> registryState(rs.iterator().next()));
  }

  @Override
  public Future<RegistryState> registryAndResource(String metaXid, String versionId) {
    RegistryRowCache cache = plainRead ? store.registryRow() : null;
    RegistryState cached = cache == null ? null : cache.current();
    if (cached != null) {
      return Future.succeededFuture(cached); // no round trip to save: findResource reads on its own
    }
    long ticket = cache == null ? 0 : cache.ticket();
    return conn.preparedQuery(REGISTRY_AND_RESOURCE).execute(Tuple.of(metaXid, versionId)).map(rs -> {
      Row r = rs.iterator().next();
      RegistryState loaded = registryState(r);
      readAhead = new ReadAhead(metaXid, versionId,
          r.getLong(REGISTRY_WIDTH) == null ? null : resourceRows(r, REGISTRY_WIDTH));
      if (cache != null) {
        cache.offer(loaded, ticket);
      }
      return loaded;
    });
  }

  /**
   * The registry row in the first {@link #REGISTRY_WIDTH} columns of {@code r}. By position: a
   * column looked up by name is a walk of the row's column names (issue 15, R1-miss profile).
   */
  private RegistryState registryState(Row r) {
    return new RegistryState(r.getString(0), r.getLong(1), r.getOffsetDateTime(2).toInstant(),
        r.getOffsetDateTime(3).toInstant(), (ObjectNode) Json.parseTrusted(r.getString(4)), store.model(r.getString(5)),
        store.capabilities(r.getString(6)));
  }

  @Override
  public Future<Void> updateRegistry(RegistryState s, long expectedEpoch) {
    // The self-join returns the row as it was before, for the change feed's list of changed names.
    return conn.preparedQuery("UPDATE registry n SET registryid = $1, epoch = $2, createdat = $3, modifiedat = $4,"
            + " attributes = $5::text::jsonb, modelsource = $6::text::jsonb, capabilities = $7::text::jsonb"
            + " FROM registry o WHERE n.id = 1 AND o.id = 1 AND n.epoch = $8"
            + " RETURNING o.registryid, o.epoch, o.createdat, o.modifiedat, o.attributes::text AS attributes,"
            + " o.modelsource::text AS modelsource, o.capabilities::text AS capabilities")
        .execute(Tuple.from(new Object[] {s.registryid(), s.epoch(), time(s.createdat()), time(s.modifiedat()),
            Json.write(s.attributes()), Json.write(s.model().source()), storedCapabilities(s.capabilities()),
            expectedEpoch}))
        .compose(rs -> expectOne(rs, "/").map(v -> {
          Row o = rs.iterator().next();
          ChangedAttributes changed = new ChangedAttributes()
              .compare((ObjectNode) Json.parseTrusted(o.getString("attributes")), s.attributes())
              .compare("registryid", o.getString("registryid"), s.registryid())
              .compare("epoch", o.getLong("epoch"), s.epoch())
              .compare("createdat", instant(o, "createdat"), stored(s.createdat()))
              .compare("modifiedat", instant(o, "modifiedat"), stored(s.modifiedat()));
          if (!Json.parseTrusted(o.getString("modelsource")).equals(s.model().source())) {
            changed.add("modelsource").add("model");
          }
          changed.compareInside("capabilities", capabilities(o.getString("capabilities")), s.capabilities());
          log("/", s.epoch(), 'U', changed.toArray());
          return null;
        }));
  }

  @Override
  public Future<Long> touchRegistry(Instant now) {
    // No compare on the old epoch: under READ COMMITTED a concurrent increment makes this one
    // wait for its commit and then apply on top of it, so it cannot lose a race (issue 13 item 6).
    return conn.preparedQuery("UPDATE registry SET epoch = epoch + 1, modifiedat = GREATEST(modifiedat, $1)"
            + " WHERE id = 1 RETURNING epoch")
        .execute(Tuple.of(time(now)))
        .compose(rs -> {
          long epoch = rs.iterator().next().getLong("epoch");
          // The names of the collections whose counts changed are added by whoever turns the
          // transaction's rows into events: they are the collections of its created and deleted Groups.
          log("/", epoch, 'U', new String[] {"epoch", "modifiedat"});
          return Future.succeededFuture(epoch);
        });
  }

  /** Unchanged capabilities are kept as {@code {}}: core's rule ({@link Capabilities#stored}). */
  private static ObjectNode capabilities(String stored) {
    return Capabilities.fromStored((ObjectNode) Json.parseTrusted(stored));
  }

  private static String storedCapabilities(ObjectNode c) {
    return Json.write(Capabilities.stored(c));
  }

  @Override
  public Future<StoredEntity> find(String xid) {
    return one("SELECT " + COLUMNS + " FROM entity WHERE xid = $1", xid);
  }

  /**
   * The registry row's columns, prefixed {@code r_} so that they stand beside an entity's; read by
   * position ({@link #registryState}), {@link #REGISTRY_WIDTH} of them.
   */
  private static final String REGISTRY_COLUMNS = "r.registryid AS r_registryid, r.epoch AS r_epoch,"
      + " r.createdat AS r_createdat, r.modifiedat AS r_modifiedat, r.attributes::text AS r_attributes,"
      + " r.modelsource::text AS r_modelsource, r.capabilities::text AS r_capabilities";
  private static final int REGISTRY_WIDTH = 7;
  /** How many columns {@link #COLUMNS} and {@link #E_COLUMNS} are, in the order {@link #stored(Row, int)} reads. */
  private static final int ENTITY_WIDTH = 9;

  /**
   * What a Resource read needs (issue 15, R1-miss/R2): the meta row {@code e}, one Version
   * {@code d} by {@code entity_by_xid} (the one asked for, $2, or the default the meta names),
   * and the kept count of its Versions (V8), one primary-key probe.
   */
  private static final String RESOURCE_COLUMNS = E_COLUMNS + ", d.id AS d_id, d.parent_id AS d_parent_id,"
      + " d.eid AS d_eid, d.xid AS d_xid, d.epoch AS d_epoch, d.createdat AS d_createdat,"
      + " d.modifiedat AS d_modifiedat, d.attributes::text AS d_attributes, d.document AS d_document,"
      + " (SELECT c.n FROM entity_count c WHERE c.parent_id = e.id AND c.collection = 'versions') AS versions";
  private static final String VERSION_JOIN = " LEFT JOIN entity d"
      + " ON d.xid = left(e.xid, -5) || '/versions/' || coalesce($2::text, e.attributes ->> 'defaultversionid')";
  /** A Resource read in one round trip, the meta row {@code e} at $1 by {@code entity_by_xid}. */
  static final String FIND_RESOURCE = "SELECT " + RESOURCE_COLUMNS + " FROM entity e" + VERSION_JOIN
      + " WHERE e.xid = $1";
  /**
   * The registry row and {@link #FIND_RESOURCE}'s rows in one round trip, for a read that has no
   * shared copy of the registry row (issue 15, R1-miss: the read cache off): one row always, its
   * entity columns null when there is no meta row at $1.
   */
  static final String REGISTRY_AND_RESOURCE = "SELECT " + REGISTRY_COLUMNS + ", " + RESOURCE_COLUMNS
      + " FROM registry r LEFT JOIN entity e ON e.xid = $1" + VERSION_JOIN + " WHERE r.id = 1";

  /** Resource rows read with the registry row, for the one {@link #findResource} call they were read for. */
  private record ReadAhead(String metaXid, String versionId, ResourceRows rows) {
    boolean answers(String meta, String version) {
      return metaXid.equals(meta) && java.util.Objects.equals(versionId, version);
    }
  }

  private ReadAhead readAhead;

  @Override
  public Future<ResourceRows> findResource(String metaXid, String versionId) {
    ReadAhead ahead = readAhead;
    if (ahead != null) {
      readAhead = null;
      if (ahead.answers(metaXid, versionId)) {
        return Future.succeededFuture(ahead.rows);
      }
    }
    return conn.preparedQuery(FIND_RESOURCE).execute(Tuple.of(metaXid, versionId))
        .map(rs -> rs.size() == 0 ? null : resourceRows(rs.iterator().next(), 0));
  }

  /** {@link #RESOURCE_COLUMNS} from column {@code at} of {@code r} on: meta row, Version, count. */
  private static ResourceRows resourceRows(Row r, int at) {
    int version = at + ENTITY_WIDTH;
    Long versions = r.getLong(version + ENTITY_WIDTH);
    return new ResourceRows(stored(r, at), r.getLong(version) == null ? null : stored(r, version),
        versions == null ? 0 : versions);
  }

  @Override
  public Future<StoredEntity> findForUpdate(String xid) {
    // NO KEY UPDATE: still excludes concurrent writers of this row, but not the KEY SHARE locks
    // that inserting a child (its foreign key) takes on it, so parallel child inserts plus a
    // parent epoch bump cannot deadlock.
    return one("SELECT " + COLUMNS + " FROM entity WHERE xid = $1 FOR NO KEY UPDATE", xid);
  }

  /** The locked row in a CTE (where FOR UPDATE may stand), the other beside it; the lock is as {@link #findForUpdate}'s. */
  static final String FIND_AND_LOCK = "WITH locked AS (SELECT " + COLUMNS + " FROM entity WHERE xid = $2"
      + " FOR NO KEY UPDATE) SELECT " + COLUMNS + " FROM entity WHERE xid = $1 UNION ALL SELECT * FROM locked";

  @Override
  public Future<Map<String, StoredEntity>> findAndLock(String xid, String lockedXid) {
    return conn.preparedQuery(FIND_AND_LOCK).execute(Tuple.of(xid, lockedXid)).map(rs -> {
      Map<String, StoredEntity> out = new HashMap<>(4);
      rs.forEach(r -> out.put(r.getString("xid"), stored(r)));
      return out;
    });
  }

  private Future<StoredEntity> one(String sql, String xid) {
    return conn.preparedQuery(sql).execute(Tuple.of(xid))
        .map(rs -> rs.size() == 0 ? null : stored(rs.iterator().next()));
  }

  @Override
  public Future<Map<String, StoredEntity>> findAll(Collection<String> xids) {
    if (xids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM entity WHERE xid = ANY($1)")
        .execute(Tuple.of(xids.toArray(new String[0])))
        .map(rs -> {
          Map<String, StoredEntity> out = new HashMap<>();
          rs.forEach(r -> out.put(r.getString("xid"), stored(r)));
          return out;
        });
  }

  @Override
  public Future<Map<String, List<StoredEntity>>> xrefSources(Collection<String> targetXids) {
    if (targetXids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery(XREF_SOURCES)
        .execute(Tuple.of(targetXids.toArray(new String[0])))
        .map(rs -> {
          Map<String, List<StoredEntity>> found = new HashMap<>();
          rs.forEach(r -> found.computeIfAbsent(r.getString("xref_target"), k -> new ArrayList<>()).add(stored(r)));
          // in the order the targets were given, each target's sources in xid order
          Map<String, List<StoredEntity>> out = new LinkedHashMap<>();
          for (String target : targetXids) {
            List<StoredEntity> sources = found.get(target);
            if (sources != null) {
              out.put(target, sources);
            }
          }
          return out;
        });
  }

  @Override
  public Future<Page> page(PageQuery q) {
    Statement st = pageStatement(q);
    return conn.preparedQuery(st.sql()).execute(Tuple.from(st.params())).map(rs -> {
      List<StoredEntity> items = new ArrayList<>(Math.min(rs.size(), q.limit()));
      List<Object> last = List.of();
      for (Row r : rs) {
        if (items.size() == q.limit()) {
          break;
        }
        StoredEntity e = stored(r);
        items.add(e);
        last = q.sort() == null ? List.of(e.entity().id()) : java.util.Arrays.asList(r.getValue("sortkey"),
            e.entity().id());
      }
      return new Page(items, rs.size() > q.limit(), last);
    });
  }

  @Override
  public Future<Long> count(PageQuery q) {
    // a filtered count is counted; a whole collection's size is kept by the writes (V8)
    Statement st = q.filter() == null ? keptCountStatement(q) : countStatement(q);
    return conn.preparedQuery(st.sql()).execute(Tuple.from(st.params()))
        .map(rs -> rs.iterator().next().getLong(0));
  }

  @Override
  public Future<Boolean> matches(long rowId, EntityPredicate condition) {
    FilterSql.SqlPredicate predicate = FilterSql.compile(condition);
    List<Object> params = new ArrayList<>();
    params.add(rowId);
    params.addAll(predicate.params());
    return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM entity e WHERE e.id = $1 AND ("
            + renumber(predicate.sql(), 1) + "))")
        .execute(Tuple.from(params)).map(rs -> rs.iterator().next().getBoolean(0));
  }

  /** A SQL statement with its parameters (package-visible so tests can EXPLAIN exactly what runs). */
  record Statement(String sql, List<Object> params) {
  }

  /**
   * {@code SELECT ... FROM entity e WHERE <parent> AND collection AND <filter> AND <after position>
   * ORDER BY [sort,] eid COLLATE "C" LIMIT limit+1}: a range scan of {@code entity_children}
   * (or of a sort index) that stops after limit+1 rows.
   */
  static Statement pageStatement(PageQuery q) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(E_COLUMNS);
    String sortExpr = null;
    FilterSql.SortKey sort = FilterSql.compile(q.sort());
    if (sort != null) {
      sortExpr = "(" + sort.sql() + ")";
      sql.append(", ").append(sortExpr).append(" AS sortkey");
    }
    sql.append(" FROM entity e WHERE ");
    where(q, sql, params);
    String dir = sort != null && sort.descending() ? "DESC" : "ASC";
    String cmp = "DESC".equals(dir) ? "<" : ">";
    if (!q.after().isEmpty()) {
      if (sortExpr == null) {
        params.add(q.after().get(0));
        sql.append(" AND e.eid COLLATE \"C\" ").append(cmp).append(" $").append(params.size());
      } else {
        params.add(q.after().get(0));
        params.add(q.after().get(1));
        sql.append(" AND (").append(sortExpr).append(", e.eid COLLATE \"C\") ").append(cmp).append(" ($")
            .append(params.size() - 1).append(", $").append(params.size()).append(")");
      }
    }
    sql.append(" ORDER BY ");
    if (sortExpr != null) {
      sql.append(sortExpr).append(' ').append(dir).append(", ");
    }
    sql.append("e.eid COLLATE \"C\" ").append(dir);
    params.add(q.limit() + 1);
    sql.append(" LIMIT $").append(params.size());
    return new Statement(sql.toString(), params);
  }

  /** One primary-key probe of {@code entity_count}: a collection nothing was ever added to has no row. */
  static Statement keptCountStatement(PageQuery q) {
    return new Statement("SELECT coalesce((SELECT n FROM entity_count WHERE parent_id = $1 AND collection = $2), 0)",
        List.of(q.parentId() == null ? ROOT : q.parentId(), q.collection()));
  }

  static Statement countStatement(PageQuery q) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM entity e WHERE ");
    where(q, sql, params);
    return new Statement(sql.toString(), params);
  }

  private static void where(PageQuery q, StringBuilder sql, List<Object> params) {
    if (q.parentId() == null) {
      sql.append("e.parent_id IS NULL");
    } else {
      params.add(q.parentId());
      sql.append("e.parent_id = $").append(params.size());
    }
    params.add(q.collection());
    sql.append(" AND e.collection = $").append(params.size());
    FilterSql.SqlPredicate filter = FilterSql.compile(q.filter());
    if (filter != null) {
      sql.append(" AND (").append(renumber(filter.sql(), params.size())).append(")");
      params.addAll(filter.params());
    }
  }

  /** Shifts {@code $n} placeholders of a fragment by {@code offset}. */
  private static String renumber(String fragment, int offset) {
    Matcher m = PARAM.matcher(fragment);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("$" + (Integer.parseInt(m.group(1)) + offset)));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public Future<List<StoredEntity>> scan(EntityLevel level, long afterRowId, int limit,
      EntityPredicate predicate) {
    Statement st = scanStatement(level, afterRowId, limit, predicate);
    return conn.preparedQuery(st.sql()).execute(Tuple.from(st.params())).map(rs -> {
      List<StoredEntity> out = new ArrayList<>(rs.size());
      rs.forEach(r -> out.add(stored(r)));
      return out;
    });
  }

  /**
   * The level is told by the collection and the type names in the xid ({@code /<GROUPS>/<gid>/
   * <RESOURCES>/<rid>/versions/<vid>}; IDs never contain {@code /}); the order is the primary
   * key's, so each page is a range scan continuing where the last one stopped.
   */
  static Statement scanStatement(EntityLevel level, long afterRowId, int limit, EntityPredicate condition) {
    FilterSql.SqlPredicate predicate = FilterSql.compile(condition);
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(E_COLUMNS).append(" FROM entity e WHERE ");
    if (level.resources() == null) {
      params.add(level.groups());
      sql.append("e.parent_id IS NULL AND e.collection = $1");
    } else {
      params.add(level.groups());
      params.add(level.versions() ? "versions" : level.resources());
      sql.append("split_part(e.xid, '/', 2) = $1 AND e.collection = $2");
      if (level.versions()) {
        params.add(level.resources());
        sql.append(" AND split_part(e.xid, '/', 4) = $3");
      }
    }
    params.add(afterRowId);
    sql.append(" AND e.id > $").append(params.size());
    if (predicate != null) {
      sql.append(" AND (").append(renumber(predicate.sql(), params.size())).append(")");
      params.addAll(predicate.params());
    }
    params.add(limit);
    sql.append(" ORDER BY e.id LIMIT $").append(params.size());
    return new Statement(sql.toString(), params);
  }

  @Override
  public Future<List<StoredEntity>> children(Long parentId, String collection) {
    return children(parentId, collection, null);
  }

  @Override
  public Future<List<StoredEntity>> children(Long parentId, String collection, EntityPredicate filter) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(E_COLUMNS).append(" FROM entity e WHERE ");
    where(new PageQuery(parentId, collection, filter, null, List.of(), 1), sql, params);
    sql.append(" ORDER BY e.eid COLLATE \"C\"");
    return conn.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rs -> {
      List<StoredEntity> out = new ArrayList<>(rs.size());
      rs.forEach(r -> out.add(stored(r)));
      if (VERSIONS.equals(collection) && filter == null) {
        out.forEach(v -> knownVersions.put(v.entity().xid(), v.entity()));
      }
      return out;
    });
  }

  @Override
  public Future<Boolean> registryMatches(EntityPredicate condition) {
    FilterSql.SqlPredicate predicate = FilterSql.compile(condition);
    // the Registry row under the entity row's column names, so one predicate compiler serves both
    return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM (SELECT registryid AS eid, '/' AS xid, epoch, createdat,"
            + " modifiedat, attributes FROM registry WHERE id = 1) e WHERE (" + predicate.sql() + "))")
        .execute(Tuple.from(predicate.params())).map(rs -> rs.iterator().next().getBoolean(0));
  }

  @Override
  public Future<Map<Long, List<StoredEntity>>> childrenOf(Collection<Long> parentIds, String collection) {
    if (parentIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    // entity_children (parent_id, collection, eid) serves each parent's range in order
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM entity WHERE parent_id = ANY($1) AND collection = $2"
            + " ORDER BY parent_id, eid COLLATE \"C\"")
        .execute(Tuple.of(parentIds.toArray(new Long[0]), collection))
        .map(rs -> {
          Map<Long, List<StoredEntity>> out = new HashMap<>();
          rs.forEach(r -> out.computeIfAbsent(r.getLong("parent_id"), k -> new ArrayList<>()).add(stored(r)));
          return out;
        });
  }

  /** The identity a shortself code hashes: a meta row stands for its Resource (same expression as entity_shortid). */
  private static final String SHORTSELF_IDENTITY =
      "CASE WHEN parent_id IS NOT NULL AND collection <> 'versions' THEN left(xid, -5) ELSE xid END";

  @Override
  public Future<String> xidOfShortSelf(String code) {
    return conn.preparedQuery("SELECT " + SHORTSELF_IDENTITY + " AS identity FROM entity WHERE xreg_shortid("
            + SHORTSELF_IDENTITY + ") = $1 LIMIT 1")
        .execute(Tuple.of(code))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("identity"));
  }

  @Override
  public Future<String> siblingIdIgnoringCase(Long parentId, String collection, String id) {
    // Same expression as the unique index entity_sibling_id, so this is one index probe.
    return conn.preparedQuery("SELECT eid FROM entity WHERE COALESCE(parent_id, 0) = $1 AND collection = $2"
            + " AND lower(eid) = lower($3)")
        .execute(Tuple.of(parentId == null ? 0L : parentId, collection, id))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("eid"));
  }

  /**
   * $1 the parent's row id (0 at the top), $2 the collection, $3 lowercased IDs: which of them
   * exist, spelled as stored. One probe of the unique index {@code entity_sibling_id} per ID,
   * an equality on all of its columns; {@code COALESCE(parent_id, 0)} is what makes it that index.
   * With {@code parent_id = $1} the planner took {@code entity_children} (parent and collection,
   * the ID not lowercased) and filtered the collection's rows per ID, believing a Group its
   * statistics had not seen small: an import into a new Group read all its rows written so far
   * at every batch, quadratic (found in the 2026-12-05 bench: 1,000,000 Resources into a registry
   * that already held 1,000,000 never finished). Before that, as {@code lower(eid) = ANY($3)},
   * it filtered the whole collection once per batch.
   */
  static final String SIBLING_IDS = "SELECT e.eid FROM unnest($3::text[]) AS t(x), LATERAL (SELECT eid FROM entity"
      + " WHERE COALESCE(parent_id, 0) = $1 AND collection = $2 AND lower(eid) = t.x LIMIT 1) e";

  @Override
  public Future<Map<String, String>> siblingIdsIgnoringCase(Long parentId, String collection, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String[] lower = ids.stream().map(id -> id.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
    return conn.preparedQuery(SIBLING_IDS)
        .execute(Tuple.of(parentId == null ? ROOT : parentId, collection, lower))
        .map(rs -> {
          Map<String, String> out = new HashMap<>();
          rs.forEach(r -> out.put(r.getString("eid").toLowerCase(java.util.Locale.ROOT), r.getString("eid")));
          return out;
        });
  }

  @Override
  public Future<Map<String, Long>> counts(Long parentId) {
    return conn.preparedQuery("SELECT collection, n FROM entity_count WHERE parent_id = $1 AND n > 0")
        .execute(Tuple.of(parentId == null ? ROOT : parentId))
        .map(rs -> {
          Map<String, Long> out = new LinkedHashMap<>();
          rs.forEach(r -> out.put(r.getString("collection"), r.getLong("n")));
          return out;
        });
  }

  /** The kept sizes of the collections of several parents (V8), one index scan. */
  static final String COUNTS_OF = "SELECT parent_id, collection, n FROM entity_count WHERE parent_id = ANY($1) AND n > 0";

  @Override
  public Future<Map<Long, Map<String, Long>>> countsOf(Collection<Long> parentIds) {
    if (parentIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery(COUNTS_OF)
        .execute(Tuple.of(parentIds.toArray(new Long[0])))
        .map(rs -> {
          Map<Long, Map<String, Long>> out = new HashMap<>();
          rs.forEach(r -> out.computeIfAbsent(r.getLong("parent_id"), k -> new LinkedHashMap<>())
              .put(r.getString("collection"), r.getLong("n")));
          return out;
        });
  }

  /**
   * Zips parallel arrays with unnest() into one INSERT and one change-feed INSERT. $11 holds each
   * meta row's default Version attributes (or NULL): its V13 copies are computed here with the
   * expressions of that Version's generated columns (V12), so they are equal by construction.
   */
  static final String INSERT_ALL = "WITH ins AS (INSERT INTO entity (parent_id, collection, eid, xid, epoch,"
      + " createdat, modifiedat, attributes, document, default_name, default_labels)"
      + " SELECT p, c, i, x, ep, ca, ma, a::jsonb, d, lower(dv::jsonb ->> 'name'), xreg_label_pairs(dv::jsonb)"
      + " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[],"
      + " $7::timestamptz[], $8::text[], $9::bytea[], $11::text[]) AS t(p, c, i, x, ep, ca, ma, a, d, dv)"
      + " RETURNING id, xid, epoch),"
      + " feed AS (INSERT INTO change_log (xid, epoch, operation, correlation) SELECT xid, epoch, 'C', $10::text FROM ins)"
      + " SELECT id, xid FROM ins";

  @Override
  public Future<Map<String, Long>> insertAll(List<NewEntity> entities) {
    if (entities.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    int n = entities.size();
    Long[] parents = new Long[n];
    String[] collections = new String[n];
    String[] ids = new String[n];
    String[] xids = new String[n];
    Long[] epochs = new Long[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    OffsetDateTime[] modified = new OffsetDateTime[n];
    String[] attributes = new String[n];
    Buffer[] documents = new Buffer[n];
    String[] defaults = new String[n];
    for (int i = 0; i < n; i++) {
      NewEntity ne = entities.get(i);
      Entity e = ne.entity();
      parents[i] = ne.parentId();
      collections[i] = ne.collection();
      ids[i] = e.id();
      xids[i] = e.xid();
      epochs[i] = e.epoch();
      created[i] = time(e.createdat());
      modified[i] = time(e.modifiedat());
      attributes[i] = Json.write(e.attributes());
      documents[i] = document(e);
      defaults[i] = ne.defaultVersion() == null ? null : Json.write(ne.defaultVersion().attributes());
    }
    // the change-feed rows collected so far go first, so the feed keeps the order of the writes
    // (a Group's creation before its Resources')
    return flushLog().compose(v -> conn.preparedQuery(INSERT_ALL)
        .execute(Tuple.from(new Object[] {parents, collections, ids, xids, epochs, created, modified, attributes,
            documents, correlationId, defaults}))
        .recover(err -> Future.failedFuture(isUniqueViolation(err)
            ? new ConflictException("one of " + n + " entities has the ID of an existing sibling (ignoring case)")
            : isParentGone(err) ? new ConflictException("the parent of one of " + n + " entities was deleted concurrently")
            : err))
        .map(rs -> {
          Map<String, Long> out = new HashMap<>(n * 2);
          rs.forEach(r -> out.put(r.getString("xid"), r.getLong("id")));
          changes.addAll(out.keySet());
          return out;
        }));
  }

  @Override
  public Future<Long> insert(Long parentId, String collection, Entity e) {
    return conn.preparedQuery("INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat,"
            + " attributes, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9) RETURNING id")
        .execute(Tuple.from(new Object[] {parentId, collection, e.id(), e.xid(), e.epoch(), time(e.createdat()),
            time(e.modifiedat()), Json.write(e.attributes()), document(e)}))
        .recover(err -> Future.failedFuture(isUniqueViolation(err)
            ? new ConflictException("an entity with the ID of " + e.xid() + " (ignoring case) was created concurrently")
            : isParentGone(err) ? new ConflictException("the parent of " + e.xid() + " was deleted concurrently")
            : err))
        .map(rs -> {
          log(e.xid(), e.epoch(), 'C', null);
          if (VERSIONS.equals(collection)) {
            knownVersions.put(e.xid(), e);
          }
          return rs.iterator().next().getLong("id");
        });
  }

  @Override
  public Future<Void> update(long rowId, Entity e, long expectedEpoch) {
    return update(rowId, e, expectedEpoch, null);
  }

  @Override
  public FeedSlot reserveFeedSlot() {
    Slot slot = new Slot(pendingLog.size());
    pendingLog.add(null); // filled by update(..., slot); flushLog and finish refuse it empty
    reserved.add(slot);
    return slot;
  }

  @Override
  public Future<Void> update(long rowId, Entity e, long expectedEpoch, FeedSlot feedSlot) {
    if (feedSlot != null && !reserved.contains(feedSlot)) {
      return Future.failedFuture(new IllegalStateException("the change-feed slot for " + e.xid()
          + " was not reserved by this transaction, or is filled already"));
    }
    // The self-join returns the row as it was before, for the change feed's list of changed names.
    return conn.preparedQuery("UPDATE entity n SET epoch = $1, createdat = $2, modifiedat = $3,"
            + " attributes = $4::text::jsonb, document = $5 FROM entity o WHERE n.id = $6 AND n.epoch = $7 AND o.id = n.id"
            + " RETURNING o.epoch, o.createdat, o.modifiedat, o.attributes::text AS attributes,"
            + " (o.document IS DISTINCT FROM n.document) AS document_changed,"
            // events.md: a default Version's change is also its Resource's (the parent is the meta row)
            + " (n.collection = 'versions' AND (SELECT p.attributes ->> 'defaultversionid' FROM entity p"
            + " WHERE p.id = n.parent_id) = n.eid) AS is_default")
        .execute(Tuple.from(new Object[] {e.epoch(), time(e.createdat()), time(e.modifiedat()),
            Json.write(e.attributes()), document(e), rowId, expectedEpoch}))
        .compose(rs -> expectOne(rs, e.xid()).map(v -> {
          Row o = rs.iterator().next();
          ChangedAttributes changed = new ChangedAttributes()
              .compare((ObjectNode) Json.parseTrusted(o.getString("attributes")), e.attributes())
              .compare("epoch", o.getLong("epoch"), e.epoch())
              .compare("createdat", instant(o, "createdat"), stored(e.createdat()))
              .compare("modifiedat", instant(o, "modifiedat"), stored(e.modifiedat()));
          if (Boolean.TRUE.equals(o.getBoolean("document_changed"))) {
            changed.add(store.documentAttribute(e.xid()));
          }
          if (Boolean.TRUE.equals(o.getBoolean("is_default"))) {
            changed.add(ChangedAttributes.DEFAULT_VERSION);
          }
          String[] names = changed.toArray();
          int at = log(e.xid(), e.epoch(), 'U', names, (Slot) feedSlot);
          if (knownVersions.containsKey(e.xid())) {
            knownVersions.put(e.xid(), e);
          }
          if (e.xid().endsWith("/meta") && java.util.Arrays.asList(names).contains("defaultversionid")) {
            JsonNode before = Json.parseTrusted(o.getString("attributes")).get("defaultversionid");
            movedDefaults.add(new MovedDefault(at, rowId, e.xid(),
                before == null || before.isNull() ? null : before.asText(), e.text("defaultversionid")));
          }
          return null;
        }));
  }

  /** Every entity below the one deleted, which the foreign keys' cascade removes unlisted. */
  private static final String DELETE_TREE = "WITH RECURSIVE below AS ("
      + " SELECT id, xid, 0 AS depth FROM entity WHERE id = $1"
      + " UNION ALL SELECT e.id, e.xid, b.depth + 1 FROM entity e JOIN below b ON e.parent_id = b.id),"
      + " gone AS (DELETE FROM entity WHERE id = $1 RETURNING id)"
      + " SELECT b.xid, (SELECT count(*) FROM gone) AS deleted FROM below b ORDER BY b.depth, b.xid";

  @Override
  public Future<Void> delete(long rowId, String xid) {
    return conn.preparedQuery(DELETE_TREE).execute(Tuple.of(rowId))
        .compose(rs -> {
          if (rs.size() == 0 || rs.iterator().next().getLong("deleted") != 1L) {
            return Future.failedFuture(new ConflictException(xid + " was changed or removed concurrently"));
          }
          // events.md: deleting a Resource also deletes (and announces) each of its Versions
          rs.forEach(r -> {
            log(r.getString("xid"), null, 'D', null);
            knownVersions.replace(r.getString("xid"), null);
          });
          return Future.succeededFuture();
        });
  }

  private void log(String xid, Long epoch, char op, String[] changed) {
    log(xid, epoch, op, changed, null);
  }

  /** Adds a feed row at the end, or in {@code slot} when one was reserved for it; returns its index. */
  private int log(String xid, Long epoch, char op, String[] changed, Slot slot) {
    changes.add(xid);
    LogRow row = new LogRow(xid, epoch, String.valueOf(op), changed);
    if (slot == null) {
      pendingLog.add(row);
      return pendingLog.size() - 1;
    }
    reserved.remove(slot);
    pendingLog.set(slot.index, row);
    return slot.index;
  }

  /** Fails while a reserved feed slot is empty: writing the rows now would lose its place (or its row). */
  private Future<Void> noEmptySlot() {
    return reserved.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException(
        reserved.size() + " reserved change-feed slot(s) not filled before the feed rows are written"));
  }

  /**
   * events.md: when a Resource's default Version pointer moves, {@code changed} includes every
   * non-null attribute of the old and the new default Version. Read once all of the
   * transaction's Versions are written (a new default may be inserted after its meta), in one
   * query for every moved pointer, and added to the meta's row marked for its Resource.
   */
  private Future<Void> addDefaultVersionAttributes() {
    if (movedDefaults.isEmpty()) {
      return Future.succeededFuture();
    }
    if (movedDefaults.stream().allMatch(m -> known(m.versionXid(m.oldDefault)) && known(m.versionXid(m.newDefault)))) {
      for (MovedDefault moved : movedDefaults) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String xid : java.util.Arrays.asList(moved.versionXid(moved.oldDefault), moved.versionXid(moved.newDefault))) {
          Entity v = xid == null ? null : knownVersions.get(xid);
          if (v != null) {
            names.addAll(attributeNames(v));
          }
        }
        addResourceNames(moved, names);
      }
      movedDefaults.clear();
      return Future.succeededFuture();
    }
    int n = movedDefaults.size();
    Long[] metas = new Long[n];
    String[] olds = new String[n];
    String[] news = new String[n];
    for (int i = 0; i < n; i++) {
      metas[i] = movedDefaults.get(i).metaRow;
      olds[i] = movedDefaults.get(i).oldDefault;
      news[i] = movedDefaults.get(i).newDefault;
    }
    return conn.preparedQuery(DEFAULT_VERSION_ATTRIBUTES).execute(Tuple.of(metas, olds, news)).map(rs -> {
      for (Row r : rs) {
        addResourceNames(movedDefaults.get(r.getInteger("ord") - 1), java.util.Arrays.asList(r.getArrayOfStrings("names")));
      }
      movedDefaults.clear();
      return null;
    });
  }

  /** Adds a moved default Version's attribute {@code names}, marked for its Resource, to the meta's feed row. */
  private void addResourceNames(MovedDefault moved, Collection<String> names) {
    LogRow row = pendingLog.get(moved.logIndex);
    java.util.TreeSet<String> all = new java.util.TreeSet<>(java.util.Arrays.asList(row.changed));
    for (String name : names) {
      all.add(ChangedAttributes.RESOURCE + name);
    }
    pendingLog.set(moved.logIndex, new LogRow(row.xid, row.epoch, row.operation, all.toArray(new String[0])));
  }

  /** Whether this transaction knows the Version at {@code xid} (null: no Version asked, known). */
  private boolean known(String xid) {
    return xid == null || knownVersions.containsKey(xid);
  }

  /** As {@link #DEFAULT_VERSION_ATTRIBUTES} names one Version's attributes, from the entity as stored. */
  private static List<String> attributeNames(Entity v) {
    List<String> names = new ArrayList<>(List.of("versionid", "epoch", "createdat", "modifiedat"));
    v.attributes().fields().forEachRemaining(f -> {
      if (!f.getKey().startsWith("$") && !f.getValue().isNull()) {
        names.add(f.getKey());
      }
    });
    return names;
  }

  /** The spec attributes of each Version that is, or was, a default: the columns plus its non-null jsonb keys. */
  static final String DEFAULT_VERSION_ATTRIBUTES = "SELECT t.ord, ARRAY(SELECT DISTINCT k FROM entity v,"
      + " LATERAL (SELECT key AS k FROM jsonb_each(v.attributes) WHERE key NOT LIKE '$%' AND value <> 'null'::jsonb"
      + " UNION ALL SELECT unnest(ARRAY['versionid', 'epoch', 'createdat', 'modifiedat'])) names"
      + " WHERE v.parent_id = t.m AND v.collection = 'versions' AND v.eid IN (t.o, t.n)) AS names"
      + " FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS t(m, o, n, ord)";

  /**
   * Writes the rows {@link #log} collected so far in one multi-row INSERT (before a bulk insert,
   * to keep the feed in write order); the rest go with {@link #finish}, the last statement of
   * every transaction, so the feed commits with the change or not at all.
   */
  Future<Void> flushLog() {
    if (pendingLog.isEmpty()) {
      return Future.succeededFuture();
    }
    return noEmptySlot().compose(v -> addDefaultVersionAttributes()).compose(v -> writeLog());
  }

  /**
   * The end of a write transaction: its remaining change-feed rows, so the feed commits with the
   * change or not at all. The notice to other nodes is not sent here but after the commit, by
   * {@link ChangeNoticeSender} (issue 15: a {@code pg_notify} in the transaction serialized every
   * notifying commit behind the WAL flush of the one before).
   */
  Future<Void> finish() {
    return flushLog();
  }

  private Future<Void> writeLog() {
    return conn.preparedQuery(FLUSH_LOG).execute(logParams()).mapEmpty();
  }

  /** The pending change-feed rows as the parameters $1..$5 of {@link #FLUSH_LOG}; clears them. */
  private Tuple logParams() {
    int n = pendingLog.size();
    String[] xids = new String[n];
    Long[] epochs = new Long[n];
    String[] ops = new String[n];
    String[] changed = new String[n];
    for (int i = 0; i < n; i++) {
      LogRow row = pendingLog.get(i);
      xids[i] = row.xid;
      epochs[i] = row.epoch;
      ops[i] = row.operation;
      changed[i] = row.changed == null ? null : Json.write(Json.MAPPER.valueToTree(row.changed));
    }
    pendingLog.clear();
    return Tuple.of(xids, epochs, ops, changed, correlationId);
  }

  static final String FLUSH_LOG = "INSERT INTO change_log (xid, epoch, operation, changed, correlation)"
      + " SELECT x, ep, op, CASE WHEN c IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(c::jsonb)) END, $5::text"
      + " FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS t(x, ep, op, c, ord)"
      + " ORDER BY ord";

  private record LogRow(String xid, Long epoch, String operation, String[] changed) {
  }

  /**
   * A reserved place in {@link #pendingLog}: the index of its (still null) row. Compared by
   * identity, so a filled slot's handle never matches a later slot at the same index.
   */
  private static final class Slot implements FeedSlot {
    final int index;

    Slot(int index) {
      this.index = index;
    }
  }

  private record MovedDefault(int logIndex, long metaRow, String metaXid, String oldDefault, String newDefault) {
    /** The xid of Version {@code id} of this meta's Resource, null for none. */
    String versionXid(String id) {
      return id == null ? null : metaXid.substring(0, metaXid.length() - "/meta".length()) + "/versions/" + id;
    }
  }

  private static Future<Void> expectOne(RowSet<Row> rs, String xid) {
    return rs.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(new ConflictException(xid + " was changed or removed concurrently"));
  }

  private static boolean isUniqueViolation(Throwable err) {
    return err instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  /**
   * A foreign-key violation on {@code entity.parent_id}: the parent was read, then deleted by a
   * transaction that committed before this insert (issue 13 item 3, was a 500). The store retries
   * the request, which then finds the parent missing and answers as for any missing parent.
   */
  private static boolean isParentGone(Throwable err) {
    return err instanceof PgException pg && "23503".equals(pg.getSqlState());
  }

  private static StoredEntity stored(Row r) {
    return stored(r, "");
  }

  /** The entity in the columns of {@code r} named with {@code prefix} (a joined row's are {@code d_...}). */
  private static StoredEntity stored(Row r, String prefix) {
    Buffer doc = r.getBuffer(prefix + "document");
    Entity e = new Entity(r.getString(prefix + "xid"), r.getString(prefix + "eid"), r.getLong(prefix + "epoch"),
        instant(r, prefix + "createdat"), instant(r, prefix + "modifiedat"),
        (ObjectNode) Json.parseTrusted(r.getString(prefix + "attributes")), doc == null ? null : doc.getBytes());
    return new StoredEntity(r.getLong(prefix + "id"), r.getLong(prefix + "parent_id"), e);
  }

  /** The entity in {@link #COLUMNS}' order from column {@code at} of {@code r} on, read by position. */
  private static StoredEntity stored(Row r, int at) {
    Buffer doc = r.getBuffer(at + 8);
    Entity e = new Entity(r.getString(at + 3), r.getString(at + 2), r.getLong(at + 4),
        r.getOffsetDateTime(at + 5).toInstant(), r.getOffsetDateTime(at + 6).toInstant(),
        (ObjectNode) Json.parseTrusted(r.getString(at + 7)), doc == null ? null : doc.getBytes());
    return new StoredEntity(r.getLong(at), r.getLong(at + 1), e);
  }

  private static Buffer document(Entity e) {
    return e.document() == null ? null : Buffer.buffer(e.document());
  }

  private static Instant instant(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant();
  }

  /** {@code t} as PostgreSQL keeps it (microseconds), to compare with what it returns. */
  private static Instant stored(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static OffsetDateTime time(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
