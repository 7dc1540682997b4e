package dev.xreg.storage.xregistry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.Preconditions;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.pg.PgTestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 (bench W1, W2): the SQL statements one write sends, counted by the SQL client's
 * tracing hook (every query and prepared statement it sends; BEGIN and COMMIT are transaction
 * commands, not traced, and come on top: one each per write). Counts, never timings: a change
 * that adds a round trip to the write path fails here with the statements listed.
 */
class WriteStatementsTest {
  private static final String MODEL = "{\"groups\":{\"schemagroups\":{\"singular\":\"schemagroup\",\"resources\":{"
      + "\"schemas\":{\"singular\":\"schema\"}}}}}";
  private static final String RESOURCE = "/schemagroups/g1/schemas/r1";

  private final PgTestDatabase db = PgTestDatabase.embedded();
  /** The statements sent since the last {@link #clear}, in order. */
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  private Vertx vertx;
  private PgConnectOptions schema;
  private PgRegistryStore store;
  private RequestExecutor executor;
  private Context loop;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.builder().with(new VertxOptions().setTracingOptions(new TracingOptions()))
        .withTracer(o -> new StatementTracer()).build();
    schema = db.freshSchema(vertx);
    loop = vertx.getOrCreateContext();
    // the notice to other nodes goes out after the commit, on a connection of its own and at a
    // time of its own (ChangeNoticeSender): not part of the write, and not counted here
    store = new PgRegistryStore(vertx, schema, 4, 2).changeNoticesSent(false);
    await(store.migrate());
    executor = new RequestExecutor(store, new StorageOptions());
    run(() -> executor.execute(request("PUT", "/modelsource", MODEL, Preconditions.NONE)));
    // the Resource with a few Versions, so a write that read them all would be seen reading them
    run(() -> executor.execute(request("PUT", RESOURCE + "$details", "{\"name\":\"r1\"}", Preconditions.NONE)));
    for (int v = 2; v <= 4; v++) {
      run(() -> executor.execute(request("POST", RESOURCE, "{\"doc\":1}", Preconditions.NONE)));
    }
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    db.dropSchema(vertx, schema);
    await(vertx.close());
  }

  /** W1: PATCH one attribute of a Resource. */
  @Test
  void aPatchOfOneResourceAttribute() throws Exception {
    List<String> statements = statementsOf(request("PATCH", RESOURCE + "$details", "{\"description\":\"w1\"}",
        Preconditions.NONE));
    assertThat(statements).as("statements of one W1 PATCH:\n%s", String.join("\n", statements))
        .hasSize(6)
        .anyMatch(s -> s.startsWith("INSERT INTO change_log"))
        // issue 15: NOTIFY in the write transaction serialized commits (no group commit)
        .noneMatch(s -> s.contains("pg_notify"));
  }

  /** W2: POST a new Version (a 1 KB document) with {@code If-Match: *}. */
  @Test
  void aConditionalPostOfANewVersion() throws Exception {
    String doc = "{\"type\":\"record\",\"doc\":\"" + "x".repeat(960) + "\"}";
    List<String> statements = statementsOf(request("POST", RESOURCE, doc,
        new Preconditions(List.of(Preconditions.ANY), List.of())));
    assertThat(statements).as("statements of one W2 POST with If-Match: *:\n%s", String.join("\n", statements))
        .hasSize(7)
        .noneMatch(s -> s.contains("pg_notify"))
        // the meta row is read and locked once, by the precondition check, and reused by the write
        .filteredOn(s -> s.contains("FOR NO KEY UPDATE")).hasSize(1);
  }

  /**
   * W2 with V13: a POST whose new Version becomes the default writes the Versions before the
   * meta row, so the meta row's copies of the default's name and labels come with its one
   * update (the Version's insert trigger then finds them equal), not a second update; and the
   * change feed still lists the Resource's update before the Version's creation (events.md).
   * A test-only trigger counts the meta row's updates, whoever makes them.
   */
  @Test
  void aPostOfANewDefaultVersionUpdatesTheMetaRowOnceAndFeedsItFirst() throws Exception {
    for (String sql : List.of("CREATE TABLE meta_updates (xid text)",
        "CREATE FUNCTION count_meta_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO meta_updates VALUES (NEW.xid); RETURN NULL; END $$",
        "CREATE TRIGGER count_meta_update AFTER UPDATE ON entity FOR EACH ROW"
            + " WHEN (NEW.xid LIKE '%/meta') EXECUTE FUNCTION count_meta_update()")) {
      await(store.pool().query(sql).execute());
    }
    long feedBefore = await(store.pool().query("SELECT coalesce(max(seq), 0) FROM change_log").execute())
        .iterator().next().getLong(0);

    run(() -> executor.execute(request("POST", RESOURCE + "$details",
        "{\"name\":\"Five\",\"labels\":{\"env\":\"prod\"}}", Preconditions.NONE)));

    assertThat(await(store.pool().query("SELECT count(*) FROM meta_updates WHERE xid = '" + RESOURCE + "/meta'")
        .execute()).iterator().next().getLong(0)).as("updates of the meta row by one POST").isEqualTo(1L);
    io.vertx.sqlclient.Row meta = await(store.pool().query("SELECT attributes ->> 'defaultversionid' AS d,"
        + " default_name, default_labels FROM entity WHERE xid = '" + RESOURCE + "/meta'").execute()).iterator().next();
    assertThat(meta.getString("d")).isEqualTo("5");
    assertThat(meta.getString("default_name")).isEqualTo("five");
    assertThat(meta.getArrayOfStrings("default_labels")).containsExactly("env=prod");
    List<String> feed = new ArrayList<>();
    await(store.pool().preparedQuery("SELECT operation || ' ' || xid FROM change_log WHERE seq > $1 ORDER BY seq")
        .execute(io.vertx.sqlclient.Tuple.of(feedBefore))).forEach(r -> feed.add(r.getString(0)));
    assertThat(feed).containsExactly("U " + RESOURCE + "/meta", "C " + RESOURCE + "/versions/5");
  }

  /** The shortcut for {@code *} keeps the outcomes: a wrong tag, or If-None-Match: * on an existing Resource, write nothing. */
  @Test
  void refusedPreconditionsStillWriteNothing() throws Exception {
    for (Preconditions p : List.of(new Preconditions(List.of("\"not-the-tag\""), List.of()),
        new Preconditions(List.of(), List.of(Preconditions.ANY)))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(() -> executor.execute(request("POST", RESOURCE,
              "{\"doc\":2}", p))))
          .hasMessageContaining("precondition");
    }
    dev.xreg.storage.StoredEntity last = await(store.read(tx -> tx.find(RESOURCE + "/versions/4")));
    dev.xreg.storage.StoredEntity next = await(store.read(tx -> tx.find(RESOURCE + "/versions/5")));
    assertThat(last).isNotNull();
    assertThat(next).isNull();
  }

  private List<String> statementsOf(RegistryRequest r) throws Exception {
    sent.clear();
    run(() -> executor.execute(r));
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  private static RegistryRequest request(String method, String path, String body, Preconditions p) {
    Target target = Target.of(path);
    return new RegistryRequest(target, Operation.ofMethod(method), path, Map.of(),
        body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(), p, false);
  }

  private <T> T run(Supplier<Future<T>> work) throws Exception {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> work.get().onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Records the SQL text of every statement the client sends. */
  private final class StatementTracer implements VertxTracer<Object, Object> {
    @Override
    public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
        BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
      String sql = tagExtractor.extract(request).get("db.query.text");
      if (sql == null) {
        sql = tagExtractor.extract(request).get("db.statement");
      }
      if (sql != null) {
        sent.add(sql);
      }
      return null;
    }
  }
}
