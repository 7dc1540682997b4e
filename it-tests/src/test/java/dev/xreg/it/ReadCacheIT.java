package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the node-local read cache seen from outside: a writer never reads older than its own
 * acknowledged write, whatever other writers and readers do at the same time; ETags and 304s
 * come from the cache as from the engine; a spoofed {@code Host} or forwarding header never
 * reaches another client's answer; the cache switched off answers the same; a second node on
 * the same database sees a write within the documented bound and never goes back to an older
 * state; a killed {@code LISTEN} connection empties the cache, which then recovers.
 */
class ReadCacheIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  /** README "Caching": another node's change is seen within the notification latency; generous here. */
  private static final long CLUSTER_BOUND_MS = 10_000;

  private static double metric(XregServer s, String name) throws Exception {
    return PrometheusScrape.parse(s.get("/metrics").body()).value(name, Map.of()).orElse(Double.NaN);
  }

  private static long epoch(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return XregServer.JSON.readTree(r.body()).path("epoch").asLong();
  }

  private static long patchDescription(XregServer s, String path, String value) throws Exception {
    HttpResponse<String> r = s.send("PATCH", path + "$details", "{\"description\":\"" + value + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return XregServer.JSON.readTree(r.body()).path("epoch").asLong();
  }

  @Test
  void oneNode() throws Exception {
    try (XregServer s = XregServer.fresh()) {
      s.withoutFeedTail().start(); // the steps below count hits and the cache's size
      s.ok("PUT", "/modelsource", MODEL);
      readYourOwnWritesUnderConcurrentWriters(s);
      tagsAndNotModifiedFromTheCache(s);
      spoofedHostsDoNotPoison(s);
      aKilledListenEmptiesTheCacheUntilItIsBack(s);
    }
  }

  /** Four writers PATCH (one shared Resource and one each) while two readers keep the cache busy. */
  private void readYourOwnWritesUnderConcurrentWriters(XregServer s) throws Exception {
    s.ok("PUT", "/dirs/rw/files/shared$details", "{\"description\":\"0\"}");
    for (int w = 0; w < 4; w++) {
      s.ok("PUT", "/dirs/rw/files/own" + w + "$details", "{\"description\":\"0\"}");
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int i = 0;
          while (writing.get() && i++ < 5_000) {
            s.get("/dirs/rw/files/shared$details");
            s.get("/dirs/rw/files/own" + (i % 4) + "$details");
            s.get("/dirs/rw");
          }
          return null;
        }));
      }
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String own = "/dirs/rw/files/own" + w;
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int i = 1; i <= 30; i++) {
            String target = i % 2 == 0 ? "/dirs/rw/files/shared" : own;
            long acked = patchDescription(s, target, writer + "-" + i);
            // every read after the acknowledgement: at least that epoch, through each path to it
            for (String read : List.of(target + "$details", target + "/meta", target)) {
              HttpResponse<String> r = s.get(read);
              long seen = read.endsWith("/meta") ? XregServer.JSON.readTree(r.body()).path("epoch").asLong()
                  : read.endsWith("$details") ? epoch(r)
                  : Long.parseLong(r.headers().firstValue("xRegistry-epoch").orElse("-1"));
              if (!read.endsWith("/meta") && seen < acked) {
                stale.add(read + " showed epoch " + seen + " after epoch " + acked + " was acknowledged");
              }
            }
            if (i % 2 == 1) {
              String description = s.json(own + "$details").path("description").asText();
              if (!description.equals(writer + "-" + i)) {
                stale.add(own + " showed " + description + " after " + writer + "-" + i + " was acknowledged");
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stale).isEmpty();
    // a read-only workload is answered from memory
    double hits = metric(s, "xreg_cache_hits_total");
    s.get("/dirs/rw/files/own1$details");
    s.get("/dirs/rw/files/own1$details");
    assertThat(metric(s, "xreg_cache_hits_total")).isGreaterThan(hits);
  }

  private void tagsAndNotModifiedFromTheCache(XregServer s) throws Exception {
    s.ok("PUT", "/dirs/tags/files/f1$details", "{\"description\":\"tagged\"}");
    HttpResponse<String> first = s.get("/dirs/tags/files/f1$details");
    String tag = first.headers().firstValue("ETag").orElseThrow();
    double hits = metric(s, "xreg_cache_hits_total");
    HttpResponse<String> again = s.get("/dirs/tags/files/f1$details");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("ETag")).contains(tag);
    assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
    assertThat(again.headers().allValues("Vary")).isEqualTo(first.headers().allValues("Vary"));
    HttpResponse<String> notModified = s.send("GET", "/dirs/tags/files/f1$details", null, Map.of("If-None-Match", tag));
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers().firstValue("ETag")).contains(tag);
    assertThat(notModified.body()).isEmpty();
    HttpResponse<String> head = s.send("HEAD", "/dirs/tags/files/f1$details", null, Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(first.body().length()));
    assertThat(metric(s, "xreg_cache_hits_total")).isGreaterThanOrEqualTo(hits + 3);
    // after a write the old tag no longer matches: a full answer with the new one
    patchDescription(s, "/dirs/tags/files/f1", "changed");
    HttpResponse<String> changed = s.send("GET", "/dirs/tags/files/f1$details", null, Map.of("If-None-Match", tag));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
    assertThat(XregServer.JSON.readTree(changed.body()).path("description").asText()).isEqualTo("changed");
  }

  private void spoofedHostsDoNotPoison(XregServer s) throws Exception {
    s.ok("PUT", "/dirs/hosts/files/f1$details", "{}");
    String path = "/dirs/hosts/files/f1$details";
    for (int round = 0; round < 2; round++) {
      RawHttp.Answer spoofed = RawHttp.exchange(s.port(),
          "GET " + path + " HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n");
      assertThat(spoofed.status()).isEqualTo(200);
      assertThat(spoofed.body()).contains("http://evil.test/dirs/hosts/files/f1");
      // not trusted (no XREG_TRUSTED_PROXIES): the forwarding headers change nothing
      HttpResponse<String> forwarded = s.send("GET", path, null,
          Map.of("X-Forwarded-Host", "evil.test", "X-Forwarded-Prefix", "/evil"));
      HttpResponse<String> plain = s.get(path);
      for (HttpResponse<String> r : List.of(forwarded, plain)) {
        assertThat(r.body()).contains(s.base() + "/dirs/hosts/files/f1").doesNotContain("evil");
        assertThat(r.headers().allValues("Link").toString()).doesNotContain("evil");
      }
    }
  }

  private void aKilledListenEmptiesTheCacheUntilItIsBack(XregServer s) throws Exception {
    s.ok("PUT", "/dirs/listen/files/f1$details", "{\"description\":\"before\"}");
    s.get("/dirs/listen/files/f1$details");
    s.get("/dirs/listen/files/f1$details");
    assertThat(metric(s, "xreg_cache_bytes")).isPositive();
    int listening = count(s.log(), "event=change_notifications_listening");
    terminateListeners(s.embeddedDatabaseUrl());
    awaitLog(s, "event=change_notifications_lost", 1);
    awaitLog(s, "event=change_notifications_listening", listening + 1);
    assertThat(metric(s, "xreg_cache_bytes")).isZero();
    double misses = metric(s, "xreg_cache_misses_total");
    assertThat(s.json("/dirs/listen/files/f1$details").path("description").asText()).isEqualTo("before");
    assertThat(metric(s, "xreg_cache_misses_total")).isEqualTo(misses + 1);
    double hits = metric(s, "xreg_cache_hits_total");
    s.get("/dirs/listen/files/f1$details");
    assertThat(metric(s, "xreg_cache_hits_total")).isEqualTo(hits + 1);
  }

  @Test
  void twoNodesOnOneDatabaseAndOneWithoutCache() throws Exception {
    try (XregServer a = XregServer.fresh(); XregServer b = XregServer.fresh(); XregServer off = XregServer.fresh()) {
      a.start();
      a.ok("PUT", "/modelsource", MODEL);
      // B trusts forwarding headers from loopback: they choose its base URL, and its cache key
      b.env("XREG_DB_URL", a.embeddedDatabaseUrl()).env("XREG_TRUSTED_PROXIES", "127.0.0.1/32").start();
      off.env("XREG_DB_URL", a.embeddedDatabaseUrl()).env("XREG_CACHE_MAX_BYTES", "0").start();

      a.ok("PUT", "/dirs/c/files/f1$details", "{\"description\":\"0\"}");
      long servedByB = 0;
      for (int i = 1; i <= 15; i++) {
        // B caches the current state, A changes it, B must see the change within the bound and
        // never show an epoch below one it already showed
        b.get("/dirs/c/files/f1$details");
        long acked = patchDescription(a, "/dirs/c/files/f1", "v" + i);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLUSTER_BOUND_MS);
        long seen;
        do {
          seen = epoch(b.get("/dirs/c/files/f1$details"));
          assertThat(seen).as("B went back in time").isGreaterThanOrEqualTo(servedByB);
          servedByB = seen;
        } while (seen < acked && System.nanoTime() < deadline);
        assertThat(seen).as("B saw A's write within the bound").isGreaterThanOrEqualTo(acked);
      }

      // forwarded base URLs are trusted on B: each gets its own entry, none leaks into another
      String path = "/dirs/c/files/f1$details";
      for (int round = 0; round < 2; round++) {
        HttpResponse<String> proxied = b.send("GET", path, null,
            Map.of("X-Forwarded-Host", "proxy.test", "X-Forwarded-Proto", "https"));
        assertThat(proxied.body()).contains("https://proxy.test/dirs/c/files/f1");
        assertThat(b.get(path).body()).contains(b.base() + "/dirs/c/files/f1").doesNotContain("proxy.test");
      }

      // the cache switched off answers the same, byte for byte but for the node's own URL
      assertThat(a.send("PUT", "/dirs/c/files/f2", "a document", Map.of("Content-Type", "text/plain")).statusCode())
          .isEqualTo(201);
      for (String p : List.of("/", "/dirs/c", "/dirs/c/files/f1$details", "/dirs/c/files/f1/meta",
          "/dirs/c/files/f1/versions/1$details", "/model", "/capabilities", "/dirs/c/files/f1$details?inline=meta",
          "/dirs/c?filter=files.description=v15&inline=*", "/dirs/c/files/f2")) {
        for (int round = 0; round < 2; round++) {
          HttpResponse<String> cached = a.get(p);
          HttpResponse<String> direct = off.get(p);
          assertThat(cached.statusCode()).as(p).isEqualTo(direct.statusCode());
          assertThat(cached.body().replace(a.base(), "BASE")).as(p).isEqualTo(direct.body().replace(off.base(), "BASE"));
          assertThat(cached.headers().firstValue("ETag")).as(p).isEqualTo(direct.headers().firstValue("ETag"));
        }
      }
      assertThat(metric(a, "xreg_cache_hits_total")).isPositive();
      assertThat(off.get("/metrics").body()).doesNotContain("xreg_cache_hits_total");
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static void awaitLog(XregServer s, String what, int times) throws Exception {
    for (int i = 0; i < 300 && count(s.log(), what) < times; i++) {
      Thread.sleep(100);
    }
    assertThat(count(s.log(), what)).as(what).isGreaterThanOrEqualTo(times);
  }

  /** The operator's way to cut a node's notification connection (issue 15). */
  private static void terminateListeners(String dbUrl) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(dbUrl)).using(vertx).build();
      int killed = pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'")
          .execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).size();
      assertThat(killed).isPositive();
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
