package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, races (items 3 and 6), black-box: each race runs for a few seconds with several
 * clients against the built server. No answer may be a 5xx, except a 503 that carries
 * {@code Retry-After}; the final state is consistent.
 */
class EngineRacesIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final long RUN_MILLIS = 4000;
  private static final int CLIENTS = 8;

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  /** More than one chunk (500 entities) of Groups, so an export is read by several chunk reads. */
  @BeforeAll
  static void seed() throws Exception {
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < 1200; i++) {
      body.append(i == 0 ? "" : ",").append("\"seed").append(i).append("\":{}");
    }
    assertThat(server.send("POST", "/dirs", body.append("}").toString()).statusCode()).isEqualTo(200);
  }

  /**
   * Item 6: clients creating different Groups (PUT of a Group, nested POST to the Groups
   * collection) never fail because of the Registry row they all bump, and every create bumps the
   * Registry's epoch exactly once (CORE-COM-007).
   */
  @Test
  void writersOfDifferentGroupsAllSucceed() throws Exception {
    long start = server.json("/").get("epoch").asLong();
    AtomicInteger done = new AtomicInteger();
    List<String> unexpected = race(CLIENTS, (client, round) -> {
      HttpResponse<String> r = round % 2 == 0
          ? server.send("PUT", "/dirs/w" + client + "-" + round, "{}")
          : server.send("POST", "/dirs", "{\"p" + client + "-" + round + "\":{\"files\":{\"f\":{}}}}");
      done.incrementAndGet();
      return r.statusCode() / 100 == 2 ? null : describe("create", r);
    });
    assertThat(unexpected).isEmpty();
    assertThat(done.get()).isGreaterThan(CLIENTS);
    assertThat(server.json("/").get("epoch").asLong()).isEqualTo(start + done.get());
  }

  /**
   * Item 3: PUTs of a child while its Group is deleted answer 2xx (the retried write creates the
   * Group again, CORE-GEN-005); deletes answer 204 or 404; a child never outlives its Group.
   */
  @Test
  void putsOfAChildWhileItsGroupIsDeleted() throws Exception {
    List<String> unexpected = race(CLIENTS, (client, round) -> {
      String group = "/dirs/race" + (round % 3);
      HttpResponse<String> r = client % 2 == 0
          ? server.send("PUT", group + "/files/f" + client + "$details", "{\"description\":\"" + round + "\"}")
          : server.send("DELETE", group, null);
      boolean fine = client % 2 == 0 ? r.statusCode() / 100 == 2 : r.statusCode() == 204 || r.statusCode() == 404;
      return fine || busyWithRetryAfter(r) ? null : describe(client % 2 == 0 ? "PUT" : "DELETE", r);
    });
    assertThat(unexpected).isEmpty();
    for (int g = 0; g < 3; g++) {
      HttpResponse<String> files = server.get("/dirs/race" + g + "/files");
      assertThat(files.statusCode()).isIn(200, 404);
    }
  }

  /**
   * Item 3: a GET of a Resource's {@code $details} while it is deleted and created again answers
   * 200 or 404, never 500 (it was a NullPointerException).
   */
  @Test
  void readsOfAResourceWhileItIsDeleted() throws Exception {
    String resource = "/dirs/flicker/files/f";
    List<String> unexpected = race(CLIENTS, (client, round) -> {
      HttpResponse<String> r;
      if (client < 2) {
        r = round % 2 == 0 ? server.send("PUT", resource + "$details", "{}") : server.send("DELETE", resource, null);
        return r.statusCode() / 100 == 2 || r.statusCode() == 404 || busyWithRetryAfter(r) ? null : describe("write", r);
      }
      r = server.get(resource + (client % 2 == 0 ? "$details" : "?inline=versions"));
      return r.statusCode() == 200 || r.statusCode() == 404 || busyWithRetryAfter(r) ? null : describe("GET", r);
    });
    assertThat(unexpected).isEmpty();
  }

  /**
   * Item 3: exports during churn are each complete and each one moment of the registry: the
   * document parses, and every count in it matches what it lists (counts and chunks come from
   * one snapshot). The churned Groups sort after the 1,200 seeded ones, so they are read in the
   * last chunk, long after the counts: without a snapshot the counts disagree.
   */
  @Test
  void exportsDuringChurnAreCompleteAndConsistent() throws Exception {
    AtomicInteger exports = new AtomicInteger();
    List<String> unexpected = race(4, (client, round) -> {
      if (client < 2) {
        String group = "/dirs/zz-churn" + client + "-" + (round % 5);
        HttpResponse<String> r = round % 10 < 5
            ? server.send("PUT", group, "{\"files\":{\"a\":{},\"b\":{},\"c\":{}}}")
            : server.send("DELETE", group, null);
        return r.statusCode() / 100 == 2 || r.statusCode() == 404 || busyWithRetryAfter(r) ? null : describe("write", r);
      }
      HttpResponse<String> r = server.get("/export");
      if (busyWithRetryAfter(r)) {
        return null;
      }
      if (r.statusCode() != 200) {
        return describe("export", r);
      }
      exports.incrementAndGet();
      return inconsistency(XregServer.JSON.readTree(r.body()));
    });
    assertThat(unexpected).isEmpty();
    assertThat(exports.get()).as("each reader finished at least one export").isGreaterThanOrEqualTo(2);
  }

  /** What in an export does not add up, or null. */
  private static String inconsistency(JsonNode export) {
    JsonNode dirs = export.path("dirs");
    if (export.path("dirscount").asLong(-1) != dirs.size()) {
      return "dirscount " + export.path("dirscount") + " but " + dirs.size() + " dirs listed";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = dirs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> g = it.next();
      long count = g.getValue().path("filescount").asLong(-1);
      int listed = g.getValue().path("files").size();
      if (count != listed) {
        return g.getKey() + ": filescount " + count + " but " + listed + " files listed";
      }
    }
    return null;
  }

  private static boolean busyWithRetryAfter(HttpResponse<String> r) {
    return r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent();
  }

  private static String describe(String what, HttpResponse<String> r) {
    return what + " " + r.request().uri().getPath() + " -> " + r.statusCode() + " " + r.body();
  }

  /** One round of one client: null when the answer is acceptable, else what was wrong. */
  @FunctionalInterface
  private interface Round {
    String run(int client, int round) throws Exception;
  }

  /** Runs {@code clients} clients for {@link #RUN_MILLIS}; returns the unacceptable answers. */
  private static List<String> race(int clients, Round round) throws Exception {
    List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(pool.submit(() -> {
          for (int n = 0; System.nanoTime() < end; n++) {
            String wrong = round.run(client, n);
            if (wrong != null) {
              unexpected.add(wrong);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return unexpected;
  }
}
