package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoint rules outside the model ({@code XREG_MODEL=endpoint}; endpoint/spec.md,
 * docs/spec-decisions-domains.md D7): each violation is {@code invalid_attribute} naming the
 * attribute, and the failed request changes nothing. Each test works in its own endpoint.
 */
class EndpointRegistryIT {
  private static final AtomicInteger ENDPOINTS = new AtomicInteger();
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "endpoint");

  private String e;

  @BeforeEach
  void newEndpoint() {
    e = "/endpoints/e" + ENDPOINTS.incrementAndGet();
  }

  private void assertInvalid(String method, String path, String body, String name, String subject, String detail)
      throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/endpoints?inline=endpoints.messages");
    assertProblem(server.send(method, path, body), 400, "invalid_attribute",
        "The attribute \"" + name + "\" for \"" + subject + "\" is not valid: " + detail + ".", subject);
    before.assertUnchanged();
  }

  // EP-003, EP-004
  @Test
  void usageCombinations() throws Exception {
    JsonNode mqtt = server.ok("PUT", e, "{\"usage\":[\"subscriber\",\"consumer\"],\"protocol\":\"MQTT/3.1.1\"}");
    assertThat(mqtt.path("usage").size()).isEqualTo(2);
    assertInvalid("PATCH", e, "{\"protocol\":\"KAFKA\"}", "usage", e, "[subscriber, consumer] is allowed only for the "
        + "protocols MQTT/3.1.1, MQTT/5.0, AMQP/1.0 and NATS, not KAFKA; declare one endpoint per role and correlate "
        + "them with a shared channel");
    assertInvalid("PATCH", e, "{\"usage\":[\"producer\",\"consumer\"]}", "usage", e, "[\"producer\",\"consumer\"] "
        + "combines roles: declare exactly one value (producer is never combined); declare one endpoint per role and "
        + "correlate them with a shared channel");
  }

  // EP-006, EP-007, EP-008, EP-009
  @Test
  void channelEnvelopeProtocolAndEnvelopeOptions() throws Exception {
    server.ok("PUT", e, "{\"usage\":[\"producer\"],\"protocol\":\"HTTP\",\"channel\":\"orders\",\"envelope\":"
        + "\"CloudEvents/1.0\",\"envelopeoptions\":{\"mode\":\"structured\",\"format\":\"application/cloudevents+json\"}}");
    assertInvalid("PATCH", e, "{\"channel\":\"\"}", "channel", e, "must be a non-empty string when present");
    assertInvalid("PATCH", e, "{\"envelope\":\"\"}", "envelope", e,
        "must be a non-empty string of the form <NAME> or <NAME>/<VERSION>");
    assertInvalid("PATCH", e, "{\"protocol\":\"\"}", "protocol", e,
        "must be a non-empty string of the form <NAME> or <NAME>/<VERSION>");
    assertInvalid("PATCH", e, "{\"envelopeoptions\":{\"mode\":\"binary\",\"format\":\"application/json\"}}",
        "envelopeoptions.format", e, "must not be specified when mode is binary (format is the structured-mode event "
            + "format)");
  }

  // EP-013, EP-014
  @Test
  void addressesAndAuthorization() throws Exception {
    server.ok("PUT", e, "{\"usage\":[\"producer\"],\"protocol\":\"KAFKA\",\"protocoloptions\":{\"endpoints\":"
        + "[{\"bootstrap.servers\":[\"b1:9092\"]}],\"authorization\":[{\"type\":\"SASL\",\"mechanism\":\"PLAIN\"}]}}");
    assertInvalid("PATCH", e, "{\"protocoloptions\":{\"endpoints\":[{\"bootstrap.servers\":[]}]}}",
        "protocoloptions.endpoints[0].bootstrap.servers", e,
        "KAFKA endpoints carry their address in a non-empty bootstrap.servers array of host:port strings");
    assertInvalid("PATCH", e, "{\"protocoloptions\":{\"authorization\":[{\"type\":\"OAuth2\",\"mechanism\":\"PLAIN\"}]}}",
        "protocoloptions.authorization[0].mechanism", e, "may only be used when type is SASL");
    String h = e + "h";
    assertInvalid("PUT", h, "{\"usage\":[\"producer\"],\"protocol\":\"HTTP\",\"protocoloptions\":{\"endpoints\":"
        + "[{\"uri\":\"/relative/path\"}]}}", "protocoloptions.endpoints[0].uri", h,
        "HTTP endpoints carry their address in an absolute uri; \"/relative/path\" is not absolute");
  }

  // EP-007, EP-011: messages inside an endpoint
  @Test
  void messagesInsideAnEndpointUseItsEnvelopeAndProtocol() throws Exception {
    server.ok("PUT", e, "{\"usage\":[\"consumer\"],\"protocol\":\"AMQP/1.0\",\"envelope\":\"CloudEvents\"}");
    String m = e + "/messages/m";
    server.ok("PUT", m, "{\"envelope\":\"CloudEvents/1.0\",\"protocol\":\"amqp/1.0\"}");
    assertInvalid("PUT", e + "/messages/n", "{\"protocol\":\"KAFKA\"}", "protocol", e + "/messages/n",
        "\"KAFKA\" differs from the endpoint's protocol \"AMQP/1.0\"; all messages inside an endpoint use its protocol");
    assertInvalid("PATCH", e, "{\"envelope\":\"CloudEvents/2.0\"}", "envelope", m, "\"CloudEvents/1.0\" differs from "
        + "the endpoint's envelope \"CloudEvents/2.0\"; all messages inside an endpoint use its envelope (at least as "
        + "precise, never another version)");
  }
}
