package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: the CloudEvents Subscriptions API at {@code /-/subscriptions}: create, read, update,
 * delete, list; bad subscriptions (no or bad sink, unknown protocol or filter dialect, a sink
 * on an internal address not in XREG_EVENTS_ALLOWED_SINKS) get 400 and nothing is stored.
 */
class EventsSubscriptionsIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32");

  private static final String SUB = "{\"sink\":\"http://127.0.0.1:9/hook\",\"protocol\":\"HTTP\","
      + "\"types\":[\"io.xregistry.group.created\"],\"filters\":[{\"prefix\":{\"subject\":\"/dirs/\"}}],"
      + "\"protocolsettings\":{\"headers\":{\"X-Hook\":\"1\"}}}";

  @Test
  void createReadUpdateListDelete() throws Exception {
    HttpResponse<String> created = server.send("POST", "/-/subscriptions", SUB);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode sub = XregServer.JSON.readTree(created.body());
    String id = sub.path("id").asText();
    assertThat(id).isNotEmpty();
    assertThat(created.headers().firstValue("Location").orElse("")).isEqualTo(server.base() + "/-/subscriptions/" + id);
    assertThat(sub.path("sink").asText()).isEqualTo("http://127.0.0.1:9/hook");
    assertThat(sub.path("protocolsettings").path("method").asText()).isEqualTo("POST");
    assertThat(sub.path("protocolsettings").path("headers").path("X-Hook").asText()).isEqualTo("1");
    assertThat(sub.path("status").asText()).isEqualTo("active");

    JsonNode read = server.json("/-/subscriptions/" + id);
    assertThat(read.path("filters")).isEqualTo(sub.path("filters"));

    HttpResponse<String> updated = server.send("PUT", "/-/subscriptions/" + id,
        "{\"id\":\"" + id + "\",\"sink\":\"http://127.0.0.1:9/other\",\"protocol\":\"HTTP\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(server.json("/-/subscriptions/" + id).path("sink").asText()).isEqualTo("http://127.0.0.1:9/other");
    assertThat(server.json("/-/subscriptions/" + id).has("types")).as("replaced, not merged").isFalse();

    assertThat(ids()).contains(id);
    HttpResponse<String> deleted = server.send("DELETE", "/-/subscriptions/" + id, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(deleted.body()).path("id").asText()).isEqualTo(id);
    assertThat(server.get("/-/subscriptions/" + id).statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/-/subscriptions/" + id, null).statusCode()).isEqualTo(404);
    assertThat(server.send("PUT", "/-/subscriptions/" + id, SUB).statusCode()).as("no upsert").isEqualTo(404);
  }

  @Test
  void badSubscriptionsAreRefusedAndNothingIsStored() throws Exception {
    List<String> before = ids();
    for (String bad : List.of(
        "not json",
        "{\"protocol\":\"HTTP\"}",
        "{\"sink\":\"::nonsense\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"http://127.0.0.1:9/\",\"protocol\":\"AMQP\"}",
        "{\"sink\":\"http://127.0.0.1:9/\",\"protocol\":\"HTTP\",\"filters\":[{\"sql\":\"type = 'x'\"}]}",
        "{\"sink\":\"http://10.0.0.1/hook\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"http://169.254.169.254/latest/meta-data\",\"protocol\":\"HTTP\"}",
        "{\"sink\":\"http://[::1]:9/\",\"protocol\":\"HTTP\"}")) {
      HttpResponse<String> r = server.send("POST", "/-/subscriptions", bad);
      assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
    assertThat(ids()).isEqualTo(before);
  }

  private static List<String> ids() throws Exception {
    JsonNode list = server.json("/-/subscriptions");
    assertThat(list.isArray()).isTrue();
    return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asText()).toList();
  }
}
