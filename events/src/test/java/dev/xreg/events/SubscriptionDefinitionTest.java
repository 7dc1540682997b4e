package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Subscriptions API 3.2.1 and 3.2.4: what a subscription may say, and what its filters select. */
class SubscriptionDefinitionTest {
  private static final String REG = "http://reg.example/";

  private static SubscriptionDefinition parse(String json) throws InvalidSubscription {
    return SubscriptionDefinition.parse(new JsonObject(json), REG);
  }

  private static JsonObject event(String type, String subject) {
    return new JsonObject().put("type", type).put("subject", subject).put("source", REG);
  }

  @Test
  void filtersOfEveryRequiredDialectSelectExactlyTheirEvents() throws Exception {
    SubscriptionDefinition d = parse("{\"sink\":\"https://hooks.example/x\",\"protocol\":\"HTTP\","
        + "\"types\":[\"io.xregistry.group.created\",\"io.xregistry.group.deleted\",\"io.xregistry.group.updated\"],"
        + "\"filters\":[{\"prefix\":{\"subject\":\"/dirs/\"}},{\"not\":{\"suffix\":{\"subject\":\"-tmp\"}}},"
        + "{\"any\":[{\"exact\":{\"type\":\"io.xregistry.group.created\"}},"
        + "{\"all\":[{\"exact\":{\"type\":\"io.xregistry.group.deleted\"}},{\"exact\":{\"subject\":\"/dirs/x\"}}]}]}]}");
    assertThat(d.matches(event("io.xregistry.group.created", "/dirs/a"))).isTrue();
    assertThat(d.matches(event("io.xregistry.group.created", "/dirs/a-tmp"))).as("not suffix").isFalse();
    assertThat(d.matches(event("io.xregistry.group.created", "/other/a"))).as("prefix").isFalse();
    assertThat(d.matches(event("io.xregistry.group.deleted", "/dirs/x"))).as("all").isTrue();
    assertThat(d.matches(event("io.xregistry.group.deleted", "/dirs/y"))).as("any of none").isFalse();
    assertThat(d.matches(event("io.xregistry.resource.created", "/dirs/a"))).as("types").isFalse();
    assertThat(d.matches(new JsonObject().put("type", "io.xregistry.group.created"))).as("no subject").isFalse();
  }

  @Test
  void theNormalizedDefinitionHasTheHttpDefaultsAndHidesTheRegistry() throws Exception {
    JsonObject v = parse("{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"id\":\"ignored\"}").visible();
    assertThat(v.getJsonObject("protocolsettings").getString("method")).isEqualTo("POST");
    assertThat(v.getJsonObject("protocolsettings").getString("contentmode")).isEqualTo("structured");
    assertThat(v.containsKey("id")).isFalse();
    assertThat(v.fieldNames()).noneMatch(k -> k.startsWith("$"));
    SubscriptionDefinition binary = parse("{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"protocolsettings\":"
        + "{\"method\":\"put\",\"headers\":{\"X-Token\":\"abc\"},\"contentmode\":\"binary\"}}");
    assertThat(binary.binary()).isTrue();
    assertThat(binary.method()).isEqualTo("PUT");
    assertThat(binary.headers()).containsEntry("X-Token", "abc");
    assertThat(SubscriptionDefinition.stored(binary.json().encode()).registry()).isEqualTo(REG);
  }

  @Test
  void badSubscriptionsAreRefused() {
    for (String bad : List.of(
        "{\"protocol\":\"HTTP\"}",
        "{\"sink\":\"not a url\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"ftp://h.example/\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"http://user:pw@h.example/\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"http\"}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"MQTT5\"}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"filters\":[{\"sql\":\"type = 'x'\"}]}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"filters\":[{\"exact\":{\"type\":\"\"}}]}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"filters\":[{\"all\":[]}]}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"filters\":[{\"exact\":{\"a\":\"b\"},\"prefix\":{\"a\":\"b\"}}]}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"types\":[]}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"protocolsettings\":{\"headers\":{\"X\":\"a\\r\\nB: c\"}}}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"protocolsettings\":{\"contentmode\":\"batch\"}}",
        "{\"sink\":\"http://h.example/\",\"protocol\":\"HTTP\",\"sinks\":[]}")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(InvalidSubscription.class);
    }
  }

  @Test
  void internalSinksAreRefusedUnlessListed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SinkPolicy strict = new SinkPolicy(List.of(), vertx.createSharedWorkerExecutor("t", 1));
      SinkPolicy loopback = new SinkPolicy(List.of("127.0.0.1/32", "metadata.internal"),
          vertx.createSharedWorkerExecutor("t", 1));
      for (String sink : List.of("http://127.0.0.1:9/x", "http://10.1.2.3/", "http://169.254.169.254/latest",
          "http://192.168.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://0.0.0.0/", "http://localhost/")) {
        assertThat(failure(strict, sink)).as(sink).isInstanceOf(InvalidSubscription.class);
      }
      assertThat(failure(loopback, "http://127.0.0.1:9/x")).isNull();
      assertThat(failure(loopback, "http://metadata.internal/")).as("listed by name").isNull();
      assertThat(failure(loopback, "http://127.0.0.2/")).isInstanceOf(InvalidSubscription.class);
      assertThat(failure(strict, "http://93.184.216.34/")).as("a public address").isNull();
      assertThat(SinkPolicy.internal(InetAddress.getByName("100.64.1.1"))).isTrue();
      assertThatThrownBy(() -> new SinkPolicy(List.of("10.0.0.0/33"), null)).isInstanceOf(IllegalArgumentException.class);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static Throwable failure(SinkPolicy policy, String sink) throws Exception {
    try {
      policy.check(URI.create(sink)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }
}
