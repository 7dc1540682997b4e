package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.command.Target;
import dev.xreg.core.Json;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.model.Model;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.xregistry.RequestExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, R1-miss/R2: how many SQL statements an uncached GET sends, counted on the
 * connection the read runs on (every {@code query}/{@code preparedQuery} made). With the
 * registry row shared ({@link RegistryRowCache}), a GET of a Resource {@code $details} or of
 * one Version is one statement: its meta row, the Version and the count of Versions together.
 */
class ReadStatementsTest {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{"
      + "\"files\":{\"singular\":\"file\"}}}}}";

  private final PgTestDatabase db = PgTestDatabase.embedded();
  private Vertx vertx;
  private PgConnectOptions schema;
  private PgRegistryStore store;
  private RequestExecutor direct;
  private RequestExecutor counted;
  private final List<String> statements = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    schema = db.freshSchema(vertx);
    store = new PgRegistryStore(vertx, schema, 4);
    await(store.migrate());
    // as ChangeNotifications does once it LISTENs: the shared registry row is trusted
    Invalidations.of(vertx).notifications(true);
    direct = new RequestExecutor(store, new StorageOptions());
    counted = new RequestExecutor(counting(store), new StorageOptions());
    await(direct.execute(request("PUT", "/modelsource", MODEL)));
    await(direct.execute(request("PUT", "/dirs/d1/files/f1$details", "{\"name\":\"one\",\"versionid\":\"v1\"}")));
    await(direct.execute(request("POST", "/dirs/d1/files/f1$details", "{\"versionid\":\"v2\",\"name\":\"two\"}")));
    await(direct.execute(request("PUT", "/dirs/d1/files/x$details", "{\"meta\":{\"xref\":\"/dirs/d1/files/f1\"}}")));
    await(direct.execute(request("GET", "/dirs/d1", null))); // loads the registry row into the shared copy
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    db.dropSchema(vertx, schema);
    await(vertx.close());
  }

  @Test
  void aResourceDetailsReadIsOneStatement() throws Exception {
    Reply.Single r = (Reply.Single) read("/dirs/d1/files/f1$details");
    assertThat(statements).as(statements.toString()).hasSize(1);
    var body = r.render("http://h");
    assertThat(body.path("versionid").asText()).isEqualTo("v2");
    assertThat(body.path("versionscount").asLong()).isEqualTo(2);
    assertThat(body.path("name").asText()).isEqualTo("two");
  }

  @Test
  void aVersionReadIsOneStatement() throws Exception {
    Reply.Single r = (Reply.Single) read("/dirs/d1/files/f1/versions/v1$details");
    assertThat(statements).as(statements.toString()).hasSize(1);
    var body = r.render("http://h");
    assertThat(body.path("name").asText()).isEqualTo("one");
    assertThat(body.path("isdefault").asBoolean()).isFalse();
  }

  @Test
  void aMissingResourceOrVersionIsOneStatementAndNotFound() throws Exception {
    assertThat(failure("/dirs/d1/files/nope$details")).contains("not_found");
    assertThat(failure("/dirs/d1/files/f1/versions/v9$details")).contains("not_found");
    assertThat(statements).as(statements.toString()).hasSize(2);
  }

  /**
   * Issue 15, R1-miss: without a shared registry row (the read cache off) the registry row comes
   * in the same statement as the Resource's rows; a miss too is one statement.
   */
  @Test
  void withoutASharedRegistryRowAReadIsStillOneStatement() throws Exception {
    store.registryRowCached(false);
    var details = read("/dirs/d1/files/f1$details").render("http://h");
    assertThat(statements).as(statements.toString()).hasSize(1);
    assertThat(details.path("versionid").asText()).isEqualTo("v2");
    assertThat(details.path("versionscount").asLong()).isEqualTo(2);
    var v1 = read("/dirs/d1/files/f1/versions/v1$details").render("http://h");
    assertThat(statements).as(statements.toString()).hasSize(1);
    assertThat(v1.path("name").asText()).isEqualTo("one");
    assertThat(v1.path("isdefault").asBoolean()).isFalse();
    statements.clear();
    assertThat(failure("/dirs/d1/files/nope$details")).contains("not_found");
    assertThat(failure("/dirs/d1/files/f1/versions/v9$details")).contains("not_found");
    assertThat(statements).as(statements.toString()).hasSize(2);
  }

  /**
   * The capabilities in force are kept parsed by their stored text (building the defaults was a
   * tenth of an uncached GET): a change is seen at once, and what a request did to its copy is not.
   */
  @Test
  void capabilitiesAreReadAsStoredAfterEachChange() throws Exception {
    store.registryRowCached(false);
    Reply.Document before = (Reply.Document) read("/capabilities");
    assertThat(before.body().path("shortself").asBoolean()).isFalse();
    before.body().put("shortself", true); // a request's own copy
    assertThat(((Reply.Document) read("/capabilities")).body().path("shortself").asBoolean()).isFalse();
    await(direct.execute(request("PATCH", "/capabilities", "{\"shortself\":true}")));
    assertThat(((Reply.Document) read("/capabilities")).body().path("shortself").asBoolean()).isTrue();
    await(direct.execute(request("PATCH", "/capabilities", "{\"shortself\":false}")));
    assertThat(((Reply.Document) read("/capabilities")).body().path("shortself").asBoolean()).isFalse();
  }

  /** A path the read-ahead misreads is answered as without it: the model decides what it names. */
  @Test
  void withoutASharedRegistryRowOtherPathsReadAsBefore() throws Exception {
    store.registryRowCached(false);
    var x = read("/dirs/d1/files/x$details").render("http://h");
    assertThat(x.path("name").asText()).isEqualTo("two");
    assertThat(x.path("versionscount").asLong()).isEqualTo(2);
    var xv1 = read("/dirs/d1/files/x/versions/v1$details").render("http://h");
    assertThat(xv1.path("name").asText()).isEqualTo("one");
    assertThat(xv1.path("fileid").asText()).isEqualTo("x");
    assertThat(failure("/dirs/d1/nope/f1$details")).contains("not_found");
    assertThat(read("/dirs/d1/files/f1/meta").render("http://h").path("defaultversionid").asText()).isEqualTo("v2");
  }

  /** The one-statement path answers as the general one does: an xref still shows its target's Versions. */
  @Test
  void anXrefResourceShowsItsTarget() throws Exception {
    var body = read("/dirs/d1/files/x$details").render("http://h");
    assertThat(body.path("name").asText()).isEqualTo("two");
    assertThat(body.path("fileid").asText()).isEqualTo("x");
    assertThat(body.path("versionid").asText()).isEqualTo("v2");
    assertThat(body.path("versionscount").asLong()).isEqualTo(2);
    var v1 = read("/dirs/d1/files/x/versions/v1$details").render("http://h");
    assertThat(v1.path("name").asText()).isEqualTo("one");
    assertThat(v1.path("fileid").asText()).isEqualTo("x");
  }

  /**
   * Issue 15, R4: a page filtered with a wildcard ({@code name=<prefix>*}, a LIKE) is never kept
   * as a named prepared statement (PostgreSQL could switch it to one generic plan for all
   * patterns: a walk of the whole collection); an equality filter and an unfiltered page are.
   */
  @Test
  void aPageFilteredByAPatternIsPlannedForItsValues() throws Exception {
    long group = await(store.read(tx -> tx.find("/dirs/d1"))).rowId();
    PageQuery filtered = filtered(group, "name=tw*");
    PageQuery exact = filtered(group, "name=two");
    PageQuery plain = new PageQuery(group, "files", null, null, List.of(), 10);
    List<String> named = await(store.read(tx -> tx.page(filtered).compose(page -> {
      assertThat(page.items()).extracting(e -> e.entity().id()).contains("f1");
      return tx.page(exact);
    }).compose(page -> {
      assertThat(page.items()).extracting(e -> e.entity().id()).contains("f1");
      return tx.page(plain);
    }).compose(page -> ((PgStoreTx) tx).connection().query("SELECT statement FROM pg_prepared_statements").execute())
        .map(rs -> {
          List<String> out = new ArrayList<>();
          rs.forEach(r -> out.add(r.getString(0)));
          return out;
        })));
    assertThat(named).as(named.toString()).noneMatch(sql -> sql.contains(FilterSql.PLANNED_PER_VALUE))
        .contains(PgStoreTx.pageStatement(plain).sql(), PgStoreTx.pageStatement(exact).sql());
    assertThat(PgStoreTx.pageStatement(filtered).sql()).contains(FilterSql.PLANNED_PER_VALUE);
  }

  private static PageQuery filtered(long group, String filter) {
    return new PageQuery(group, "files", EntityPredicate.of(Filter.parse(List.of(filter), "/dirs/d1/files"), files()),
        null, List.of(), 10);
  }

  private static EntityScope files() {
    Model m = Model.parse(Json.parseTrusted(MODEL));
    var g = m.group("dirs").orElseThrow();
    return new EntityScope(EntityScope.Kind.RESOURCE, g, g.resource("files").orElseThrow());
  }

  private Reply read(String path) throws Exception {
    statements.clear();
    return await(counted.execute(request("GET", path, null)));
  }

  private String failure(String path) {
    try {
      await(counted.execute(request("GET", path, null)));
      return "no failure";
    } catch (Exception e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return String.valueOf(c) + " " + c.getMessage();
    }
  }

  /** The store, its plain reads on a connection that records each statement sent. */
  private RegistryStore counting(PgRegistryStore real) {
    return (RegistryStore) Proxy.newProxyInstance(RegistryStore.class.getClassLoader(),
        new Class<?>[] {RegistryStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("read")) {
            @SuppressWarnings("unchecked")
            Function<dev.xreg.storage.StoreTx, Future<Object>> work =
                (Function<dev.xreg.storage.StoreTx, Future<Object>>) args[0];
            // exactly what PgRegistryStore#read does, on the recording connection
            return real.pool().withConnection(conn -> work.apply(new PgStoreTx(recording(conn), real, true)));
          }
          return invoke(real, method, args);
        });
  }

  private SqlConnection recording(SqlConnection conn) {
    return (SqlConnection) Proxy.newProxyInstance(SqlConnection.class.getClassLoader(),
        new Class<?>[] {SqlConnection.class}, (proxy, method, args) -> {
          if (method.getName().equals("query") || method.getName().equals("preparedQuery")) {
            statements.add((String) args[0]);
          }
          return invoke(conn, method, args);
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static RegistryRequest request(String method, String path, String body) {
    return new RegistryRequest(Target.of(path), Operation.ofMethod(method), path, Map.of(),
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
