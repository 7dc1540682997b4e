package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, delivery across processes: two nodes on one database deliver each event once and
 * in commit order; a node killed with SIGKILL mid-delivery loses no event after its restart
 * (the position is durable) and repeats at most what was in flight.
 */
class EventsClusterIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  private WebhookReceiver receiver;
  private final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
  private volatile long delayMillis;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start(1, r -> {
      if (!r.handshake()) {
        Thread.sleep(delayMillis);
        received.add(r.json());
      }
      return 200;
    });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private XregServer node(XregServer server) {
    return server.env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32").env("XREG_EVENTS_POLL_MS", "100")
        .env("XREG_EVENTS_DELIVERY_TIMEOUT_MS", "500");
  }

  private void subscribe(XregServer via) throws Exception {
    String sub = "{\"sink\":\"" + receiver.sink("/hook") + "\",\"protocol\":\"HTTP\","
        + "\"types\":[\"io.xregistry.group.created\"]}";
    WebhookReceiver.subscribe(via, sub);
  }

  @Test
  void twoNodesDeliverEachEventOnceInCommitOrder() throws Exception {
    try (XregServer a = node(XregServer.fresh()); XregServer b = node(XregServer.fresh())) {
      a.start();
      b.env("XREG_DB_URL", a.embeddedDatabaseUrl()).start();
      assertThat(a.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      subscribe(b);
      List<String> written = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String g = "/dirs/n" + i;
        assertThat((i % 2 == 0 ? a : b).send("PUT", g, "{}").statusCode()).isEqualTo(201);
        written.add(g);
      }
      awaitCount(30, 30);
      Thread.sleep(1000);
      assertThat(subjects()).as("each once, in commit order").containsExactlyElementsOf(written);
    }
  }

  @Test
  void aNodeKilledMidDeliveryLosesNothing() throws Exception {
    delayMillis = 200;
    try (XregServer a = node(XregServer.fresh())) {
      a.start();
      assertThat(a.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      subscribe(a);
      List<String> written = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        String g = "/dirs/k" + i;
        assertThat(a.send("PUT", g, "{}").statusCode()).isEqualTo(201);
        written.add(g);
      }
      awaitCount(3, 30);
      a.kill();
      int beforeRestart = received.size();
      assertThat(beforeRestart).as("killed mid-delivery").isLessThan(15);
      delayMillis = 0;
      a.start();
      // the killed node's lease must expire first: (20 + 2) x 500 ms + 10 s
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!new LinkedHashSet<>(subjects()).containsAll(written) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      List<String> got = subjects();
      assertThat(new LinkedHashSet<>(got)).as("nothing lost").containsExactlyElementsOf(written);
      int duplicates = got.size() - written.size();
      System.out.printf("EventsClusterIT: %d delivered before SIGKILL, %d duplicates after%n", beforeRestart,
          duplicates);
      assertThat(duplicates).as("only the interrupted round repeats").isLessThanOrEqualTo(20);
    }
  }

  private List<String> subjects() {
    synchronized (received) {
      return received.stream().map(e -> e.path("subject").asText()).toList();
    }
  }

  private void awaitCount(int n, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (received.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(received.size()).as("events delivered in time").isGreaterThanOrEqualTo(n);
  }
}
