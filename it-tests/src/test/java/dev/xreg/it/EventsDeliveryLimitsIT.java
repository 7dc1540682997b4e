package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, the delivery limits: {@code XREG_EVENTS_CONCURRENCY} outstanding requests per
 * subscription at most, never two of one subject, commit order per subject; and
 * {@code XREG_EVENTS_MAX_AGE_SECONDS}, past which a failing event is dead-lettered although
 * attempts remain; and trimming: past {@code XREG_EVENTS_RETENTION_SECONDS} a stream cannot
 * resume from a trimmed position and is told so ({@code 410}).
 */
class EventsDeliveryLimitsIT {
  static final int CONCURRENCY = 3;

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .withModel("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}")
      .env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32")
      .env("XREG_EVENTS_CONCURRENCY", Integer.toString(CONCURRENCY))
      .env("XREG_EVENTS_MAX_AGE_SECONDS", "2")
      .env("XREG_EVENTS_MAX_ATTEMPTS", "1000")
      .env("XREG_EVENTS_FIRST_RETRY_MS", "200")
      .env("XREG_EVENTS_MAX_RETRY_MS", "400")
      .env("XREG_EVENTS_POLL_MS", "100")
      .env("XREG_EVENTS_DELIVERY_TIMEOUT_MS", "5000")
      .env("XREG_EVENTS_RETENTION_SECONDS", "1")
      .env("XREG_EVENTS_TRIM_INTERVAL_SECONDS", "1");

  private WebhookReceiver receiver;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> inFlightBySubject = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  /** Event bodies the receiver got (POSTs), in arrival order. */
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger failedPosts = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws Exception {
    // 16 threads: one at a time would hide the concurrency under test
    receiver = WebhookReceiver.start(16, r -> {
      if (r.handshake()) {
        return 200;
      }
      if (r.path().startsWith("/failing")) {
        failedPosts.incrementAndGet();
        return 500;
      }
      JsonNode event = r.json();
      String subject = event.path("subject").asText();
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      if (inFlightBySubject.computeIfAbsent(subject, x -> new AtomicInteger()).incrementAndGet() > 1) {
        violations.add("two events of " + subject + " in flight together");
      }
      try {
        Thread.sleep(300); // slow: the server must have several requests outstanding to be quick
      } finally {
        inFlightBySubject.get(subject).decrementAndGet();
        inFlight.decrementAndGet();
      }
      events.add(event);
      return 200;
    });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aSlowReceiverGetsAtMostTheConcurrencyOutstandingAndEachSubjectInCommitOrder() throws Exception {
    String prefix = server.uniquePath("/dirs/conc");
    String id = WebhookReceiver.subscribe(server, "{\"sink\":\""
        + receiver.sink("/slow") + "\",\"protocol\":\"HTTP\","
        + "\"filters\":[{\"prefix\":{\"subject\":\"" + prefix + "-\"}},{\"prefix\":{\"type\":\"io.xregistry.group.\"}}]}");
    List<String> groups = new ArrayList<>();
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 5; i++) {
      String gid = prefix.substring("/dirs/".length()) + "-" + i;
      groups.add("/dirs/" + gid);
      many.append(i == 0 ? "" : ",").append('"').append(gid).append("\":{}");
    }
    // five Groups in one transaction (so one round has them all), then two updates of each
    assertThat(server.send("POST", "/dirs", many.append('}').toString()).statusCode()).isEqualTo(200);
    for (int round = 1; round <= 2; round++) {
      for (String g : groups) {
        assertThat(server.send("PATCH", g, "{\"description\":\"r" + round + "\"}").statusCode()).isEqualTo(200);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (events.size() < 15 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(events).hasSize(15);
    assertThat(violations).isEmpty();
    assertThat(mostInFlight.get()).as("never more than XREG_EVENTS_CONCURRENCY, and more than one")
        .isBetween(2, CONCURRENCY);
    for (String g : groups) {
      List<JsonNode> mine = events.stream().filter(e -> e.path("subject").asText().equals(g)).toList();
      assertThat(mine).extracting(e -> e.path("type").asText()).as("commit order of " + g).containsExactly(
          "io.xregistry.group.created", "io.xregistry.group.updated", "io.xregistry.group.updated");
      assertThat(mine.get(2).path("id").asText()).isNotEqualTo(mine.get(1).path("id").asText());
    }
    Thread.sleep(500);
    assertThat(events).as("nothing sent twice").hasSize(15);
    assertThat(server.json("/-/subscriptions/" + id).path("delivered").asLong()).isEqualTo(15);

    // delivery metrics on /metrics, labelled with the subscription
    Map<String, String> mine = Map.of("subscription", id);
    PrometheusScrape metrics = scrape();
    assertThat(metrics.value("xreg_events_delivered_total", mine)).contains(15.0);
    assertThat(metrics.value("xreg_events_delivery_lag_seconds_count", mine)).contains(15.0);
    assertThat(metrics.value("xreg_events_failed_total", mine)).isEmpty();
    long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!scrape().value("xreg_events_pending", mine).equals(java.util.Optional.of(0.0))
        && System.nanoTime() < deadline2) {
      Thread.sleep(100);
    }
    assertThat(scrape().value("xreg_events_pending", mine)).as("all delivered").contains(0.0);
    server.send("DELETE", "/-/subscriptions/" + id, null);
    assertThat(scrape().value("xreg_events_delivered_total", mine)).as("a deleted subscription's meters go").isEmpty();
  }

  @Test
  void anEventNotDeliveredWithinTheMaxAgeIsDeadLetteredWhileAttemptsRemain() throws Exception {
    String g = server.uniquePath("/dirs/old");
    String id = WebhookReceiver.subscribe(server, "{\"sink\":\""
        + receiver.sink("/failing") + "\",\"protocol\":\"HTTP\","
        + "\"filters\":[{\"exact\":{\"subject\":\"" + g + "\"}}]}");
    assertThat(server.send("PUT", g, "{}").statusCode()).isEqualTo(201);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode sub;
    do {
      Thread.sleep(100);
      sub = server.json("/-/subscriptions/" + id);
    } while (!sub.path("status").asText().equals("deadletter") && System.nanoTime() < deadline);
    assertThat(sub.path("status").asText()).isEqualTo("deadletter");
    assertThat(sub.path("lasterror").asText()).contains("XREG_EVENTS_MAX_AGE_SECONDS").contains("500");
    assertThat(sub.path("attempts").asInt()).as("far fewer than XREG_EVENTS_MAX_ATTEMPTS").isBetween(2, 100);
    int tried = failedPosts.get();
    Thread.sleep(1000);
    assertThat(failedPosts.get()).as("no attempt after the dead letter").isEqualTo(tried);
    Map<String, String> mine = Map.of("subscription", id);
    PrometheusScrape metrics = scrape();
    assertThat(metrics.value("xreg_events_failed_total", mine).orElse(0.0)).isEqualTo(tried);
    assertThat(metrics.value("xreg_events_retried_total", mine).orElse(0.0)).isEqualTo(tried - 1);
    assertThat(metrics.value("xreg_events_deadlettered_total", mine)).contains(1.0);
    assertThat(metrics.value("xreg_events_delivered_total", mine)).isEmpty();
    assertThat(metrics.value("xreg_events_pending", mine).orElse(0.0)).as("the undelivered event").isPositive();
    server.send("DELETE", "/-/subscriptions/" + id, null);
  }

  private static PrometheusScrape scrape() throws Exception {
    var r = server.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(r.body());
  }

  @Test
  void aResumeFromATrimmedPositionIsRefusedClearly() throws Exception {
    String g = server.uniquePath("/dirs/trimmed");
    String seen;
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      assertThat(server.send("PUT", g, "{}").statusCode()).isEqualTo(201);
      seen = stream.take(2, 20).get(0).id();
    }
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/-/events"))
        .header("Last-Event-ID", seen).GET().build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    java.net.http.HttpResponse<java.io.InputStream> r;
    do {
      Thread.sleep(200);
      r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() == 200) {
        r.body().close(); // a live stream: not trimmed yet
      }
    } while (r.statusCode() == 200 && System.nanoTime() < deadline);
    assertThat(r.statusCode()).as("trimmed after the 1 s retention").isEqualTo(410);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    String body;
    try (var in = r.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(body).contains("XREG_EVENTS_RETENTION_SECONDS").contains(seen);
  }
}
