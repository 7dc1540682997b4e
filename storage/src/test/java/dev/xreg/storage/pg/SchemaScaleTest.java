package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Sort;
import dev.xreg.core.model.Model;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.EntitySort;
import dev.xreg.storage.NewEntity;
import dev.xreg.storage.Page;
import dev.xreg.storage.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Schema for scale: with 1,000,000 Resources (each a meta row and one Version row) under one
 * Group, bulk-loaded through the store, every read a collection page needs and a single-entity
 * read are index scans that touch a bounded number of rows, shown by the plans PostgreSQL
 * executes ({@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)}) for the exact statements the store
 * sends. Asserts on plans and row counts, never on time.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a safety net against a hung database, not a speed target
class SchemaScaleTest {
  private static final int RESOURCES = 1_000_000;
  private static final int BATCH = 10_000;
  private static final int LOADERS = 3;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemaScaleTest.class);
  private static final int PAGE = 100;
  /** Each Version has label shard=s<i mod SHARDS>: one label value for every 10,000th Resource. */
  private static final int SHARDS = 10_000;
  private static final String GROUP = "/dirs/big";

  private static Vertx vertx;
  private static PgTestDatabase db;
  private static PgConnectOptions schema;
  private static PgRegistryStore store;
  private static long groupRow;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    db = PgTestDatabase.embedded();
    schema = db.freshSchema(vertx);
    store = new PgRegistryStore(vertx, schema, 4);
    await(store.migrate());
    Instant now = Timestamps.now();
    groupRow = await(store.inTransaction(tx -> tx.insert(null, "dirs",
        new Entity(GROUP, "big", 1, now, now, Json.object(), null))));
    // LOADERS batches in flight at once (one transaction each), so the database uses every core
    long t0 = System.nanoTime();
    List<Future<?>> inFlight = new ArrayList<>();
    for (int start = 0; start < RESOURCES; start += BATCH) {
      int from = start;
      if (inFlight.size() == LOADERS) {
        await(inFlight.remove(0));
      }
      inFlight.add(store.inTransaction(tx -> {
        List<NewEntity> metas = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
          ObjectNode a = Json.object();
          a.put("defaultversionid", "1");
          metas.add(new NewEntity(groupRow, "files", new Entity(rid(i) + "/meta", id(i), 1, now, now, a, null)));
        }
        return tx.insertAll(metas).compose(rows -> {
          List<NewEntity> versions = new ArrayList<>(BATCH);
          for (int i = from; i < from + BATCH; i++) {
            ObjectNode a = Json.object();
            a.put("name", "resource " + i);
            a.putObject("labels").put("shard", "s" + (i % SHARDS));
            versions.add(new NewEntity(rows.get(rid(i) + "/meta"), "versions",
                new Entity(rid(i) + "/versions/1", "1", 1, now, now, a, ("{\"n\":" + i + "}").getBytes())));
          }
          return tx.insertAll(versions);
        });
      }));
    }
    for (Future<?> f : inFlight) {
      await(f);
    }
    LOG.info("event=scale_load resources={} seconds={}", RESOURCES, (System.nanoTime() - t0) / 1_000_000_000);
    // what autovacuum does in production: fresh statistics and a visibility map for index-only scans
    await(store.pool().query("VACUUM ANALYZE entity").execute());
  }

  @AfterAll
  static void drop() throws Exception {
    if (store != null) {
      await(store.close());
      db.dropSchema(vertx, schema);
    }
    await(vertx.close());
  }

  @Test
  void theLoadIsComplete() throws Exception {
    Map<String, Long> counts = await(store.inTransaction(tx -> tx.counts(groupRow)));
    assertThat(counts).containsEntry("files", (long) RESOURCES);
    long rows = await(store.pool().query("SELECT count(*) FROM entity").execute()).iterator().next().getLong(0);
    assertThat(rows).isEqualTo(1 + 2L * RESOURCES);
  }

  @Test
  void aPageDeepInTheCollectionIsOneBoundedIndexRangeScan() throws Exception {
    PageQuery deep = PageQuery.first(groupRow, "files", PAGE).after(List.of(id(654_321)));
    Page page = await(store.inTransaction(tx -> tx.page(deep)));
    assertThat(page.items()).hasSize(PAGE);
    assertThat(page.items().get(0).entity().id()).isEqualTo(id(654_322));
    assertThat(page.more()).isTrue();

    for (PageQuery q : List.of(PageQuery.first(groupRow, "files", PAGE), deep)) {
      JsonNode plan = explain(PgStoreTx.pageStatement(q));
      assertNoSeqScanOrSort(plan);
      JsonNode scan = scanOf(plan, "entity");
      assertThat(scan.path("Node Type").asText()).isEqualTo("Index Scan");
      assertThat(scan.path("Index Name").asText()).isEqualTo("entity_children");
      // the scan stops after limit+1 rows: no OFFSET, no reading of the rows before the position
      assertThat(scan.path("Actual Rows").asLong() * scan.path("Actual Loops").asLong()).isLessThanOrEqualTo(PAGE + 1);
      assertThat(blocks(plan)).isLessThan(200);
    }
  }

  @Test
  void thePagesCompanionReadsAreBatchedIndexScansOverThePageOnly() throws Exception {
    Page page = await(store.inTransaction(tx -> tx.page(PageQuery.first(groupRow, "files", PAGE)
        .after(List.of(id(500_000))))));
    List<Long> metaRows = page.items().stream().map(e -> e.rowId()).toList();
    List<String> defaults = page.items().stream()
        .map(e -> e.entity().xid().replace("/meta", "/versions/1")).toList();

    JsonNode dv = explain(new PgStoreTx.Statement("SELECT id FROM entity WHERE xid = ANY($1)",
        List.<Object>of((Object) defaults.toArray(new String[0]))));
    assertNoSeqScanOrSort(dv);
    assertThat(scanOf(dv, "entity").path("Index Name").asText()).isEqualTo("entity_by_xid");
    assertThat(rowsOut(scanOf(dv, "entity"))).isEqualTo(PAGE);

    JsonNode counts = explain(new PgStoreTx.Statement(PgStoreTx.COUNTS_OF,
        List.<Object>of((Object) metaRows.toArray(new Long[0]))));
    assertNoSeqScan(counts);
    assertThat(scanOf(counts, "entity_count").path("Index Name").asText()).isEqualTo("entity_count_pkey");
    assertThat(rowsOut(scanOf(counts, "entity_count"))).isEqualTo(PAGE);
    assertThat(blocks(counts)).isLessThan(1000);
  }

  @Test
  void aSingleEntityReadIsOneUniqueIndexProbe() throws Exception {
    JsonNode plan = explain(new PgStoreTx.Statement("SELECT id FROM entity WHERE xid = $1",
        List.of(rid(777_777) + "/versions/1")));
    assertNoSeqScanOrSort(plan);
    JsonNode scan = scanOf(plan, "entity");
    assertThat(scan.path("Index Name").asText()).isEqualTo("entity_by_xid");
    assertThat(rowsOut(scan)).isEqualTo(1);
    assertThat(blocks(plan)).isLessThan(20);
    assertThat(await(store.inTransaction(tx -> tx.find(rid(777_777) + "/meta"))).entity().id()).isEqualTo(id(777_777));
  }

  /**
   * Issue 15, R3: a collection's size (a page's {@code count} link parameter, the Group's
   * {@code filescount}) is kept by the writes (V8); reading it is one probe, whatever the size.
   * Counting the 1,000,000 index entries took half a second, or a table scan when the planner
   * judged the visibility map stale.
   */
  @Test
  void theCollectionCountIsOneProbeOfTheKeptCounts() throws Exception {
    PageQuery whole = PageQuery.first(groupRow, "files", 1);
    long size = await(store.read(tx -> tx.count(whole)));
    assertThat(size).isEqualTo(RESOURCES);
    JsonNode plan = explain(PgStoreTx.keptCountStatement(whole));
    assertNoSeqScan(plan);
    assertThat(nodes(plan)).noneSatisfy(n -> assertThat(n.path("Relation Name").asText()).isEqualTo("entity"));
    assertThat(scanOf(plan, "entity_count").path("Index Name").asText()).isEqualTo("entity_count_pkey");
    assertThat(blocks(plan)).isLessThan(10);
  }

  /**
   * Issue 5: {@code ?filter} runs in PostgreSQL. A page of matches is the same bounded index
   * range scan with the predicate applied inside it: with matches spread through the
   * collection, the scan stops once the page is full instead of reading the collection.
   */
  @Test
  void aFilteredPageIsTheSameBoundedScanWithThePredicateInside() throws Exception {
    Filter f = Filter.parse(List.of("name=resource 1*"), GROUP + "/files");
    PageQuery q = new PageQuery(groupRow, "files", EntityPredicate.of(f, FILES), null, List.of(), PAGE);
    Page page = await(store.inTransaction(tx -> tx.page(q)));
    assertThat(page.items()).hasSize(PAGE);
    assertThat(page.items()).allSatisfy(e -> assertThat(e.entity().id()).startsWith("r"));
    JsonNode plan = explain(PgStoreTx.pageStatement(q));
    assertNoSeqScanOrSort(plan);
    JsonNode scan = scanOf(plan, "entity");
    assertThat(scan.path("Index Name").asText()).isEqualTo("entity_children");
    // r0000001.. "resource 1" matches every 10th row at most one decade in: far below 1,000,000
    assertThat(rowsOut(scan)).isLessThan(20_000);
  }

  /** Issue 8, R4: a filter on the ID attribute (ignoring case) is an index probe, not a scan of the Group. */
  @Test
  void aFilterOnTheIdIsAnIndexProbe() throws Exception {
    Filter f = Filter.parse(List.of("fileid=R0500000"), GROUP + "/files");
    PageQuery q = new PageQuery(groupRow, "files", EntityPredicate.of(f, FILES), null, List.of(), PAGE);
    Page page = await(store.inTransaction(tx -> tx.page(q)));
    assertThat(page.items()).extracting(e -> e.entity().id()).containsExactly(id(500_000));
    JsonNode plan = explain(PgStoreTx.pageStatement(q));
    assertThat(nodes(plan)).noneSatisfy(n -> assertThat(n.path("Node Type").asText()).isEqualTo("Seq Scan"));
    JsonNode scan = scanOf(plan, "entity");
    assertThat(scan.path("Index Name").asText()).isEqualTo("entity_child_by_lower_id");
    assertThat(rowsOut(scan)).isLessThanOrEqualTo(1);
  }

  /**
   * Issue 15, R4: {@code name=<exact>} over the Resources (their default Versions' names, copied
   * onto the Resource rows, V13) is a probe of their name index, not a subquery per Resource.
   */
  @Test
  void aFilterOnTheNameIsAnIndexScanOfTheResources() throws Exception {
    PageQuery q = filtered("name=Resource 777777");
    assertThat(ids(q)).containsExactly(id(777_777));
    assertDrivenBy(q, "entity_default_name", 1);
  }

  /** Issue 15, R4: {@code name=<prefix>*} reads one range of the same index. */
  @Test
  void aPrefixFilterOnTheNameIsARangeOfTheNameIndex() throws Exception {
    PageQuery q = filtered("name=resource 77777*");
    assertThat(ids(q)).containsExactly(id(77_777), id(777_770), id(777_771), id(777_772), id(777_773),
        id(777_774), id(777_775), id(777_776), id(777_777), id(777_778), id(777_779));
    assertDrivenBy(q, "entity_default_name", 11);
  }

  /**
   * Issue 15, R4: {@code labels.<key>=<value>} (ignoring case) is a lookup in the GIN index of
   * the Resource rows' copies of their default Versions' labels (V13): the matching Resources are
   * the only rows read, no Version is.
   */
  @Test
  void aFilterOnALabelIsALookupInTheLabelIndex() throws Exception {
    PageQuery q = filtered("labels.shard=S4242");
    List<String> ids = ids(q);
    assertThat(ids).hasSize(RESOURCES / SHARDS).startsWith(id(4_242), id(14_242)).endsWith(id(994_242));
    assertDrivenBy(q, "entity_default_labels", RESOURCES / SHARDS);
    JsonNode plan = explain(PgStoreTx.pageStatement(q));
    assertThat(nodes(plan)).filteredOn(n -> "entity".equals(n.path("Relation Name").asText()))
        .as(plan.toPrettyString()).hasSize(1);
  }

  private static PageQuery filtered(String filter) {
    return new PageQuery(groupRow, "files", EntityPredicate.of(Filter.parse(List.of(filter), GROUP + "/files"), FILES),
        null, List.of(), PAGE);
  }

  private static List<String> ids(PageQuery q) throws Exception {
    Page page = await(store.inTransaction(tx -> tx.page(q)));
    return page.items().stream().map(e -> e.entity().id()).toList();
  }

  /**
   * No table scan ({@code index} may be read through a bitmap: GIN indexes are); {@code index} is
   * read; no scan of entity returns more than {@code maxRows} rows.
   */
  private static void assertDrivenBy(PageQuery q, String index, long maxRows) throws Exception {
    JsonNode plan = explain(PgStoreTx.pageStatement(q));
    assertThat(nodes(plan)).extracting(n -> n.path("Node Type").asText()).as(plan.toPrettyString())
        .doesNotContain("Seq Scan");
    assertThat(nodes(plan)).as(plan.toPrettyString())
        .anySatisfy(n -> assertThat(n.path("Index Name").asText()).isEqualTo(index));
    assertThat(nodes(plan)).filteredOn(n -> "entity".equals(n.path("Relation Name").asText()))
        .allSatisfy(n -> assertThat(rowsOut(n)).as(plan.toPrettyString()).isLessThanOrEqualTo(maxRows));
  }

  /** Issue 5: {@code ?sort} is ordered by PostgreSQL with a bounded top-N sort, one statement. */
  @Test
  void aSortedPageIsOrderedByTheDatabase() throws Exception {
    PageQuery q = new PageQuery(groupRow, "files", null,
        EntitySort.of(Sort.parse("name=desc", true, GROUP + "/files"), FILES), List.of(), 10);
    Page page = await(store.inTransaction(tx -> tx.page(q)));
    assertThat(page.items()).extracting(e -> e.entity().id())
        .containsExactly(id(999_999), id(999_998), id(999_997), id(999_996), id(999_995), id(999_994),
            id(999_993), id(999_992), id(999_991), id(999_990));
    JsonNode plan = explain(PgStoreTx.pageStatement(q));
    assertThat(nodes(plan)).anySatisfy(n -> assertThat(n.path("Sort Method").asText()).startsWith("top-N"));
  }

  // ----------------------------------------------------------------------------------------

  private static final EntityScope FILES = scope();

  private static EntityScope scope() {
    Model m = Model.parse(Json.parseTrusted(
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
    var g = m.group("dirs").orElseThrow();
    return new EntityScope(EntityScope.Kind.RESOURCE, g, g.resource("files").orElseThrow());
  }

  private static String id(int i) {
    return String.format("r%07d", i);
  }

  private static String rid(int i) {
    return GROUP + "/files/" + id(i);
  }

  private static JsonNode explain(PgStoreTx.Statement st) throws Exception {
    var rs = await(store.pool().preparedQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + st.sql())
        .execute(Tuple.from(st.params())));
    JsonNode root = Json.MAPPER.readTree(rs.iterator().next().getValue(0).toString());
    return root.get(0).get("Plan");
  }

  private static void assertNoSeqScanOrSort(JsonNode plan) {
    assertNoSeqScan(plan);
    assertThat(nodes(plan)).extracting(n -> n.path("Node Type").asText()).doesNotContain("Sort");
  }

  private static void assertNoSeqScan(JsonNode plan) {
    assertThat(nodes(plan)).extracting(n -> n.path("Node Type").asText())
        .as(plan.toPrettyString()).doesNotContain("Seq Scan", "Bitmap Heap Scan");
  }

  private static JsonNode scanOf(JsonNode plan, String relation) {
    return nodes(plan).stream().filter(n -> relation.equals(n.path("Relation Name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no scan of " + relation + " in " + plan.toPrettyString()));
  }

  private static long rowsOut(JsonNode node) {
    return node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong();
  }

  /** Shared buffers the whole statement touched (hit or read). */
  private static long blocks(JsonNode plan) {
    return plan.path("Shared Hit Blocks").asLong() + plan.path("Shared Read Blocks").asLong();
  }

  private static List<JsonNode> nodes(JsonNode plan) {
    List<JsonNode> out = new ArrayList<>();
    out.add(plan);
    for (JsonNode child : plan.path("Plans")) {
      out.addAll(nodes(child));
    }
    return out;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
