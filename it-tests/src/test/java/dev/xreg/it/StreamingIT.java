package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6, streaming: with a 128 MB heap the server answers a 500,000-Resource collection
 * (unpaginated, XREG_MAX_PAGE_SIZE=0) and the export of the registry holding it completely,
 * and is healthy afterwards. The Resources are seeded through SQL (seeding 500,000 through
 * the API would dominate the build); each copies the rows of one Resource made through the
 * API, so the data has exactly the shape the server writes.
 *
 * <p>The test reads both bodies as streams and counts entries with a streaming parser, so
 * neither side holds the document.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamingIT {
  private static final int RESOURCES = 500_000;
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\","
      + "\"resources\":{\"files\":{\"singular\":\"file\",\"hasdocument\":false}}}}}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().jvmArg("-Xmx128m").env("XREG_MAX_PAGE_SIZE", "0")
      .withModel(MODEL);

  @BeforeAll
  static void seed() throws Exception {
    server.ok("PUT", "/dirs/small/files/only", "{\"description\":\"not in the big Group\"}");
    server.ok("PUT", "/dirs/big/files/" + rid(0), "{\"description\":\"resource 0\"}");
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(server.embeddedDatabaseUrl()))
          .using(vertx).build();
      pool.withTransaction(c -> c.query(COPY_METAS).execute()
              .compose(x -> c.query(COPY_VERSIONS).execute()))
          .compose(x -> pool.query("ANALYZE entity").execute())
          .eventually(pool::close)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
  }

  /** Meta rows r0000001.. as copies of r0000000's (the change feed is not needed here). */
  private static final String COPY_METAS = "INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat,"
      + " modifiedat, attributes) SELECT m.parent_id, m.collection, 'r' || lpad(i::text, 7, '0'),"
      + " '/dirs/big/files/r' || lpad(i::text, 7, '0') || '/meta', 1, m.createdat, m.modifiedat, m.attributes"
      + " FROM entity m, generate_series(1, " + (RESOURCES - 1) + ") AS i"
      + " WHERE m.xid = '/dirs/big/files/r0000000/meta'";

  /** Version 1 of each copied Resource, as a copy of r0000000's with the description numbered. */
  private static final String COPY_VERSIONS = "INSERT INTO entity (parent_id, collection, eid, xid, epoch,"
      + " createdat, modifiedat, attributes) SELECT m.id, 'versions', v.eid,"
      + " left(m.xid, -length('/meta')) || '/versions/' || v.eid, 1, v.createdat, v.modifiedat,"
      + " v.attributes || jsonb_build_object('description', 'resource ' || ltrim(substr(m.eid, 2), '0'))"
      + " FROM entity m JOIN entity g ON g.id = m.parent_id AND g.xid = '/dirs/big',"
      + " entity v WHERE m.collection = 'files' AND m.eid <> 'r0000000'"
      + " AND v.xid = '/dirs/big/files/r0000000/versions/1'";

  @Test
  @Order(1)
  void wholeCollectionStreamsWithoutPagination() throws Exception {
    readStreamed("/dirs/big/files", (r, p) -> {
      assertThat(String.join(",", r.headers().allValues("Link"))).as("XREG_MAX_PAGE_SIZE=0: not paginated")
          .doesNotContain("rel=next").doesNotContain("rel=first");
      List<String> sample = new ArrayList<>();
      int n = 0;
      String previous = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        assertThat(id).as("ID order (PAGE-016), no duplicates").isGreaterThan(previous);
        previous = id;
        if (n % 100_000 == 0) {
          sample.add(id);
        }
        p.nextToken();
        p.skipChildren();
        n++;
      }
      assertThat(p.currentToken()).as("the map is closed: the body is complete").isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
      assertThat(n).isEqualTo(RESOURCES);
      assertThat(sample).containsExactly(rid(0), rid(100_000), rid(200_000), rid(300_000), rid(400_000));
    });
  }

  @Test
  @Order(2)
  void exportOfTheWholeRegistryStreams() throws Exception {
    readStreamed("/export", (r, p) -> {
      ExportCounts counts = new ExportCounts();
      walkRegistry(p, counts);
      assertThat(p.nextToken()).as("nothing after the document").isNull();
      assertThat(counts.groups).containsExactly("big", "small");
      assertThat(counts.bigFiles).isEqualTo(RESOURCES);
      assertThat(counts.versions).as("one Version per Resource, inlined").isEqualTo(RESOURCES + 1);
      assertThat(counts.lastSelf).as("doc view: self is a pointer into the export")
          .isEqualTo("#/dirs/small/files/only");
      assertThat(counts.hasModelSource).isTrue();
    });
  }

  @Test
  @Order(3)
  void aClientPageStillComesWithLinks() throws Exception {
    var page = server.get("/dirs/big/files?limit=1000");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(page.body()).size()).isEqualTo(1000);
    assertThat(String.join(",", page.headers().allValues("Link")))
        .contains("rel=next").contains("count=" + RESOURCES);
    assertHealthy();
  }

  /**
   * GETs {@code path} as a stream, checks it is a 200 JSON object and hands the parser (past
   * the opening brace) to {@code check}; then checks the server is still healthy.
   */
  private static void readStreamed(String path, StreamCheck check) throws Exception {
    HttpResponse<InputStream> r = server.getStream(path);
    try (InputStream body = r.body(); JsonParser p = XregServer.JSON.createParser(body)) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      check.read(r, p);
    }
    assertHealthy();
  }

  @FunctionalInterface
  private interface StreamCheck {
    void read(HttpResponse<InputStream> response, JsonParser parser) throws IOException;
  }

  /** Walks the export's root object, counting what is inside without keeping it. */
  private static void walkRegistry(JsonParser p, ExportCounts counts) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("dirs".equals(name)) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String gid = p.currentName();
          counts.groups.add(gid);
          p.nextToken();
          walkGroup(p, gid, counts);
        }
      } else {
        counts.hasModelSource |= "modelsource".equals(name) && value == JsonToken.START_OBJECT;
        p.skipChildren();
      }
    }
  }

  private static void walkGroup(JsonParser p, String gid, ExportCounts counts) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!"files".equals(name)) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if ("big".equals(gid)) {
          counts.bigFiles++;
        }
        p.nextToken();
        walkResource(p, counts);
      }
    }
  }

  private static void walkResource(JsonParser p, ExportCounts counts) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("self".equals(name)) {
        counts.lastSelf = p.getText();
      } else if ("versions".equals(name)) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          counts.versions++;
          p.nextToken();
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static void assertHealthy() throws Exception {
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
    assertThat(server.json("/dirs/big/files/" + rid(RESOURCES - 1)).path("description").asText())
        .isEqualTo("resource " + (RESOURCES - 1));
    assertThat(server.log()).doesNotContain("OutOfMemoryError").doesNotContain("has been blocked");
  }

  private static String rid(int i) {
    return String.format("r%07d", i);
  }

  private static final class ExportCounts {
    final List<String> groups = new ArrayList<>();
    int bigFiles;
    int versions;
    String lastSelf;
    boolean hasModelSource;
  }
}
