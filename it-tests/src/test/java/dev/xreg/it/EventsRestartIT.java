package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, docs/events.md "One node per subscription": a node stopped normally (SIGTERM) in the
 * middle of a stream gives back its delivery leases, so the restarted node resumes at once. The
 * delivery timeout is the default (10 s), so a lease left behind would block the subscription for
 * (20 + 2) x 10 s + 10 s = 230 s; the waits here give up long before that. Nothing committed is
 * lost across the stop; what was in flight may arrive twice (at least once).
 */
class EventsRestartIT {
  private static final int WRITES = 30;
  /** Each delivery takes this long at the receiver, so the stop finds a round in flight. */
  private static final long RECEIVER_DELAY_MS = 100;
  /** Far below the 230 s a left-behind lease would hold the subscription. */
  private static final long RESUME_BOUND_SECONDS = 90;
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\"}}}";

  private WebhookReceiver receiver;
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start(2, r -> {
      if (!r.handshake()) {
        Thread.sleep(RECEIVER_DELAY_MS);
        received.add(r.json());
      }
      return 200;
    });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aNodeStoppedMidStreamGivesBackItsLeasesAndTheRestartResumesAtOnce() throws Exception {
    try (XregServer node = XregServer.fresh().env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32")
        .env("XREG_EVENTS_POLL_MS", "100").env("XREG_EVENTS_CONCURRENCY", "1").start()) {
      check(node.send("PUT", "/modelsource", MODEL), 200);
      WebhookReceiver.subscribe(node, "{\"sink\":\"" + receiver.sink("/sink") + "\",\"protocol\":\"HTTP\"}");
      for (int i = 0; i < WRITES; i++) {
        check(node.send("PUT", "/dirs/d" + i, "{}"), 201);
      }
      Set<String> created = new HashSet<>();
      JsonNode first = received.poll(60, TimeUnit.SECONDS);
      assertThat(first).as("delivery started").isNotNull();
      note(first, created);

      // 30 events at 100 ms each: the stop comes while the stream is still being delivered
      node.stop();
      String stopLog = node.log();
      assertThat(stopLog).contains("event=events_delivery_stopped");
      assertThat(stopLog).doesNotContain("event=events_lease_release_failed");

      node.start();
      check(node.send("PUT", "/dirs/after", "{}"), 201);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESUME_BOUND_SECONDS);
      while (!created.contains("/dirs/after")) {
        long left = deadline - System.nanoTime();
        JsonNode e = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
        assertThat(e).as("the restarted node resumes long before the old lease (230 s) would run out; had "
            + created).isNotNull();
        note(e, created);
      }
      // nothing committed before the stop was lost
      for (int i = 0; i < WRITES; i++) {
        assertThat(created).contains("/dirs/d" + i);
      }
    }
  }

  private static void note(JsonNode event, Set<String> created) {
    if (event.path("type").asText().equals("io.xregistry.group.created")) {
      created.add(event.path("subject").asText());
    }
  }

  private static HttpResponse<String> check(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }
}
