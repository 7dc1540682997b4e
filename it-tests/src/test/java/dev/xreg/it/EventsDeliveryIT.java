package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.it.WebhookReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: delivery to webhook sinks. A loopback receiver (the JDK's HttpServer) gets the
 * validation handshake first, then exactly the events its subscription selects, in commit
 * order, structured or binary; a failing receiver gets retries with growing delays and the
 * subscription is then dead-lettered, visibly.
 */
class EventsDeliveryIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .withModel("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}")
      .env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32")
      .env("XREG_EVENTS_MAX_ATTEMPTS", "3")
      .env("XREG_EVENTS_FIRST_RETRY_MS", "1000")
      .env("XREG_EVENTS_POLL_MS", "100")
      .env("XREG_EVENTS_DELIVERY_TIMEOUT_MS", "3000");


  private static final String SECRET = "0123456789abcdef-events";

  private WebhookReceiver receiver;
  /** What the receiver got, by path (one sink per path), in arrival order. */
  private final Map<String, BlockingQueue<Request>> received = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start(1, r -> {
      queue(r.path()).add(r);
      return r.path().startsWith("/failing") && !r.handshake() ? 500 : 200;
    });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void theReceiverIsAskedFirstThenGetsTheSelectedEventsInOrder() throws Exception {
    String g = server.uniquePath("/dirs/d");
    String structured = WebhookReceiver.subscribe(server, "{\"sink\":\""
        + receiver.sink("/structured") + "\",\"protocol\":\"HTTP\","
        + "\"types\":[\"io.xregistry.group.created\",\"io.xregistry.group.updated\",\"io.xregistry.group.deleted\"],"
        + "\"filters\":[{\"exact\":{\"subject\":\"" + g + "\"}}],"
        + "\"protocolsettings\":{\"headers\":{\"X-Hook\":\"s3cret\"},\"secret\":\"" + SECRET + "\"}}");
    JsonNode shown = server.json("/-/subscriptions/" + structured).path("protocolsettings");
    assertThat(shown.has("secret")).as("write-only").isFalse();
    assertThat(shown.path("signed").asBoolean()).isTrue();
    String binaryDefinition = "{\"sink\":\"" + receiver.sink("/binary") + "\",\"protocol\":\"HTTP\","
        + "\"filters\":[{\"exact\":{\"type\":\"io.xregistry.group.updated\"}},{\"prefix\":{\"subject\":\"" + g + "\"}}],"
        + "\"protocolsettings\":{\"contentmode\":\"binary\"}}";
    String binary = WebhookReceiver.subscribe(server, binaryDefinition);
    // an update keeps the Registry's URL as the events' source (and asks the sink again)
    assertThat(server.send("PUT", "/-/subscriptions/" + binary, binaryDefinition).statusCode()).isEqualTo(200);

    assertThat(server.send("PUT", g, "{}").statusCode()).isEqualTo(201);
    assertThat(server.send("PATCH", g, "{\"description\":\"x\"}").statusCode()).isEqualTo(200);
    assertThat(server.send("PUT", g + "/files/f1", "{}").statusCode()).isEqualTo(201);
    assertThat(server.send("DELETE", g, null).statusCode()).isEqualTo(204);

    List<Request> atStructured = takeFor("/structured", 5);
    assertThat(atStructured.get(0).method()).isEqualTo("OPTIONS");
    assertThat(atStructured.get(0).header("WebHook-Request-Origin")).isEqualTo("127.0.0.1");
    List<JsonNode> events = atStructured.subList(1, 5).stream().map(r -> json(r.body())).toList();
    assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("io.xregistry.group.created",
        "io.xregistry.group.updated", "io.xregistry.group.updated", "io.xregistry.group.deleted");
    assertThat(events).allMatch(e -> e.path("subject").asText().equals(g));
    assertThat(strings(events.get(2).path("data").path("changed"))).contains("files", "filescount");
    assertThat(atStructured.get(1).method()).isEqualTo("POST");
    assertThat(atStructured.get(1).header("Content-Type")).startsWith("application/cloudevents+json");
    assertThat(atStructured.get(1).header("X-Hook")).isEqualTo("s3cret");
    assertThat(atStructured.get(1).header("WebHook-Request-Origin")).isEqualTo("127.0.0.1");
    assertThat(atStructured.subList(1, 5)).allSatisfy(r ->
        assertThat(r.header("Xreg-Signature")).isEqualTo(hmac(r.body())));

    assertThat(events).allMatch(e -> e.path("source").asText().equals(server.base() + "/"));
    List<Request> atBinary = new java.util.ArrayList<>();
    while (atBinary.stream().filter(r -> r.method().equals("POST")).count() < 2) {
      atBinary.addAll(takeFor("/binary", 1));
    }
    assertThat(atBinary.get(0).method()).isEqualTo("OPTIONS");
    assertThat(atBinary.stream().filter(r -> r.method().equals("POST")).toList()).allSatisfy(r -> {
      assertThat(r.header("ce-source")).isEqualTo(server.base() + "/");
      assertThat(r.header("Xreg-Signature")).as("no secret, no signature").isNull();
      assertThat(r.header("ce-type")).isEqualTo("io.xregistry.group.updated");
      assertThat(r.header("ce-specversion")).isEqualTo("1.0");
      assertThat(r.header("ce-subject")).isEqualTo(g);
      assertThat(r.header("ce-xregcorrelationid")).isNotBlank();
      assertThat(json(r.body()).has("changed")).isTrue();
    });
    Thread.sleep(500);
    assertThat(received.values()).as("nothing else was sent").allMatch(BlockingQueue::isEmpty);
    assertThat(server.json("/-/subscriptions/" + structured).path("delivered").asLong()).isEqualTo(4);
    assertThat(server.json("/-/subscriptions/" + binary).path("status").asText()).isEqualTo("active");
    server.send("DELETE", "/-/subscriptions/" + structured, null);
    server.send("DELETE", "/-/subscriptions/" + binary, null);
  }

  @Test
  void aFailingReceiverGetsRetriesWithGrowingDelaysThenTheSubscriptionIsDeadLettered() throws Exception {
    String g = server.uniquePath("/dirs/fail");
    String id = WebhookReceiver.subscribe(server, "{\"sink\":\""
        + receiver.sink("/failing") + "\",\"protocol\":\"HTTP\","
        + "\"filters\":[{\"exact\":{\"subject\":\"" + g + "\"}}]}");
    assertThat(server.send("PUT", g, "{}").statusCode()).isEqualTo(201);

    List<Request> got = takeFor("/failing", 4);
    assertThat(got.get(0).method()).isEqualTo("OPTIONS");
    List<String> ids = got.subList(1, 4).stream().map(r -> json(r.body()).path("id").asText()).toList();
    assertThat(ids).as("the same event each time").containsOnly(ids.get(0));
    long gap1 = TimeUnit.NANOSECONDS.toMillis(got.get(2).at() - got.get(1).at());
    long gap2 = TimeUnit.NANOSECONDS.toMillis(got.get(3).at() - got.get(2).at());
    // backoff with equal jitter: attempt n waits between half and all of 1000 * 2^(n-1) ms
    assertThat(gap1).isGreaterThanOrEqualTo(450);
    assertThat(gap2).isGreaterThanOrEqualTo(950);

    JsonNode sub = awaitStatus(id, "deadletter");
    assertThat(sub.path("attempts").asInt()).isEqualTo(3);
    assertThat(sub.path("lasterror").asText()).contains("500");
    Thread.sleep(1500);
    assertThat(queue("/failing")).as("no delivery after the dead letter").isEmpty();
    server.send("DELETE", "/-/subscriptions/" + id, null);
  }

  private JsonNode awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode sub;
    do {
      sub = server.json("/-/subscriptions/" + id);
      if (sub.path("status").asText().equals(status)) {
        return sub;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("subscription never became " + status + ": " + sub);
  }

  private BlockingQueue<Request> queue(String path) {
    return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  /** The next {@code n} requests to {@code path}, in arrival order. */
  private List<Request> takeFor(String path, int n) throws InterruptedException {
    List<Request> out = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (out.size() < n) {
      Request r = queue(path).poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError("only " + out.size() + " of " + n + " requests to " + path + ": " + out);
      }
      out.add(r);
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String hmac(String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return XregServer.JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
