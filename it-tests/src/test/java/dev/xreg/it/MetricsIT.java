package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: {@code /metrics} is a Prometheus scrape that reflects real traffic: xreg's
 * request timers by route template, method and status, storage operations by outcome,
 * JVM meters and the Vert.x SQL pool of the PostgreSQL client.
 */
class MetricsIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final String HTTP = "xreg_http_requests_seconds_count";
  private static final String STORAGE = "xreg_storage_operations_seconds_count";
  /** PgRegistryStore names its pool; vertx-micrometer-metrics labels it. */
  private static final Map<String, String> SQL_POOL = Map.of("pool_type", "sql", "pool_name", "xreg-pg");
  private static final Duration RECORDED_WITHIN = Duration.ofSeconds(10);

  @Test
  void scrapeReflectsRequestsStorageJvmAndSqlPool() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      // A baseline, so the assertions are about this test's requests, not start-up traffic.
      PrometheusScrape before = scrape(server);

      assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      assertThat(server.send("PUT", "/dirs/d1", "{\"name\":\"one\"}").statusCode()).isEqualTo(201);
      assertThat(server.get("/dirs/d1").statusCode()).isEqualTo(200);
      assertThat(server.get("/dirs/nosuch").statusCode()).isEqualTo(404);

      Map<String, String> getGroup200 = Map.of("route", "/{groups}/{gid}", "method", "GET", "status", "200");
      Map<String, String> putGroup201 = Map.of("route", "/{groups}/{gid}", "method", "PUT", "status", "201");
      Map<String, String> getGroup404 = Map.of("route", "/{groups}/{gid}", "method", "GET", "status", "404");
      Map<String, String> putModel200 = Map.of("route", "/modelsource", "method", "PUT", "status", "200");
      Map<String, String> scrape200 = Map.of("route", "/metrics", "method", "GET", "status", "200");

      // Request timers are recorded when the response has ended, which can be just after the
      // client saw it; poll (bounded) until the last request shows up, then assert exactly.
      PrometheusScrape after = awaitScrape(server, s -> s.count(HTTP, getGroup404) > before.count(HTTP, getGroup404)
          && s.count(HTTP, scrape200) > before.count(HTTP, scrape200));

      assertThat(delta(before, after, HTTP, putModel200)).isEqualTo(1.0);
      assertThat(delta(before, after, HTTP, putGroup201)).isEqualTo(1.0);
      assertThat(delta(before, after, HTTP, getGroup200)).isEqualTo(1.0);
      assertThat(delta(before, after, HTTP, getGroup404)).isEqualTo(1.0);
      // IDs never become labels: one series per template, whatever the IDs were.
      assertThat(after.samples(HTTP)).allSatisfy(s -> {
        assertThat(s.labels()).containsKeys("route", "method", "status");
        assertThat(s.labels().get("route")).doesNotContain("d1").doesNotContain("nosuch");
      });
      assertThat(after.type("xreg_http_requests_seconds")).isEqualTo("summary");

      // Storage: the model and the group were written, the group read once, the miss is a client error.
      assertThat(delta(before, after, STORAGE, Map.of("operation", "write", "outcome", "ok"))).isEqualTo(2.0);
      assertThat(delta(before, after, STORAGE, Map.of("operation", "read", "outcome", "ok"))).isEqualTo(1.0);
      assertThat(delta(before, after, STORAGE, Map.of("operation", "read", "outcome", "client_error")))
          .isEqualTo(1.0);
      assertThat(after.count(STORAGE, Map.of("operation", "ping", "outcome", "ok"))).isPositive();

      // JVM meters are bound to the same registry.
      assertThat(after.value("jvm_memory_used_bytes", Map.of("area", "heap", "id", heapPoolOf(after))))
          .hasValueSatisfying(v -> assertThat(v).isPositive());

      // The PostgreSQL client pool: a gauge of its size, and each storage operation borrowed a connection.
      assertThat(after.value("vertx_pool_in_use", SQL_POOL)).isPresent();
      assertThat(after.value("vertx_pool_queue_pending", SQL_POOL)).isPresent();
      assertThat(after.count("vertx_pool_completed_total", SQL_POOL)
          - before.count("vertx_pool_completed_total", SQL_POOL)).isGreaterThanOrEqualTo(4);
      // each PostgreSQL client has its own SQL meters, named by its metrics name (they used to
      // share one series, in which only the first client's gauge counted)
      assertThat(after.value("vertx_sql_processing_pending", Map.of("client_namespace", "xreg-pg"))).isPresent();
      assertThat(after.value("vertx_sql_processing_pending", Map.of("client_namespace", "xreg-change-notices"))).isPresent();
      // xreg's own meters are registered once, though both HTTP verticle instances report the cache
      assertThat(server.log()).doesNotContain("MeterId{name='xreg.");
    }
  }

  @Test
  void scrapeIsPrometheusTextFormat() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      HttpResponse<String> resp = server.get("/metrics");

      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      // Every line parses (PrometheusScrape is strict) and xreg's meters are declared.
      PrometheusScrape scrape = PrometheusScrape.parse(resp.body());
      assertThat(scrape.type("xreg_storage_operations_seconds")).isEqualTo("summary");
      assertThat(scrape.type("jvm_memory_used_bytes")).isEqualTo("gauge");
    }
  }

  private static PrometheusScrape scrape(XregServer server) throws Exception {
    HttpResponse<String> resp = server.get("/metrics");
    assertThat(resp.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(resp.body());
  }

  private static PrometheusScrape awaitScrape(XregServer server, Predicate<PrometheusScrape> done) throws Exception {
    long deadline = System.nanoTime() + RECORDED_WITHIN.toNanos();
    PrometheusScrape last = scrape(server);
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected samples not recorded within " + RECORDED_WITHIN + "; last scrape: "
            + last.samples(HTTP));
      }
      Thread.sleep(50);
      last = scrape(server);
    }
    return last;
  }

  private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> l) {
    return after.count(name, l) - before.count(name, l);
  }

  /** The name of a heap memory pool differs by GC (e.g. "G1 Eden Space"); take any one. */
  private static String heapPoolOf(PrometheusScrape scrape) {
    return scrape.samples("jvm_memory_used_bytes").stream()
        .filter(s -> "heap".equals(s.labels().get("area")))
        .map(s -> s.labels().get("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no heap jvm_memory_used_bytes in the scrape"));
  }
}
