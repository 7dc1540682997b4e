package dev.xreg.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import org.junit.jupiter.api.Test;

/** endpoint/spec.md rules outside the model (docs/conformance-domains.md EP rows). */
class EndpointRulesTest {
  static final String E = "/endpoints/e";

  static void ok(String endpoint) {
    assertThatCode(() -> EndpointRules.check(E, Json.parseTrusted(endpoint))).doesNotThrowAnyException();
  }

  static void invalid(String endpoint, String attribute, String detail) {
    assertThatThrownBy(() -> EndpointRules.check(E, Json.parseTrusted(endpoint)))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
          assertThat(e.subject()).isEqualTo(E);
          assertThat(e.args()).containsEntry("name", attribute);
          assertThat(e.detail()).contains(detail);
        });
  }

  @Test
  void usageCombinations_EP_003_EP_004() {
    ok("{\"usage\":[\"producer\"],\"protocol\":\"HTTP\"}");
    ok("{\"usage\":[\"subscriber\",\"consumer\"],\"protocol\":\"mqtt/3.1.1\"}");
    ok("{\"usage\":[\"consumer\",\"subscriber\"],\"protocol\":\"AMQP\"}");
    invalid("{\"usage\":[\"subscriber\",\"consumer\"],\"protocol\":\"KAFKA\"}", "usage", "not KAFKA");
    invalid("{\"usage\":[\"subscriber\",\"consumer\"]}", "usage", "endpoint without protocol");
    invalid("{\"usage\":[\"producer\",\"consumer\"],\"protocol\":\"AMQP/1.0\"}", "usage", "producer is never combined");
    invalid("{\"usage\":[\"producer\",\"consumer\",\"subscriber\"],\"protocol\":\"NATS\"}", "usage", "combines roles");
    invalid("{\"usage\":[]}", "usage", "at least one");
    invalid("{\"usage\":[\"consumer\",\"consumer\"]}", "usage", "once");
  }

  @Test
  void channelEnvelopeAndProtocolAreNonEmpty_EP_006_EP_007_EP_009() {
    ok("{\"channel\":\"queue1\",\"envelope\":\"myspec\",\"protocol\":\"BunnyMQ/0.9.1\"}");
    invalid("{\"channel\":\"\"}", "channel", "non-empty");
    invalid("{\"envelope\":\"\"}", "envelope", "non-empty");
    invalid("{\"envelope\":\"/1.0\"}", "envelope", "<NAME>");
    invalid("{\"protocol\":\" \"}", "protocol", "non-empty");
  }

  @Test
  void cloudEventsEnvelopeOptions_EP_008() {
    ok("{\"envelope\":\"CloudEvents/1.0\",\"envelopeoptions\":{\"mode\":\"structured\",\"format\":\"application/cloudevents+json\"}}");
    invalid("{\"envelope\":\"CloudEvents/1.0\",\"envelopeoptions\":{\"mode\":\"Binary\"}}", "envelopeoptions.mode",
        "\"binary\" or \"structured\"");
    invalid("{\"envelope\":\"CloudEvents/1.0\",\"envelopeoptions\":{\"mode\":\"binary\",\"format\":\"application/json\"}}",
        "envelopeoptions.format", "must not be specified when mode is binary");
  }

  @Test
  void addressesPerProtocol_EP_013() {
    ok("{\"protocol\":\"MQTT/5.0\",\"protocoloptions\":{\"endpoints\":[{\"uri\":\"mqtt://{host}:1883\"}]}}");
    ok("{\"protocol\":\"KAFKA\",\"protocoloptions\":{\"endpoints\":[{\"bootstrap.servers\":[\"b1:9092\",\"b2:9092\"]}]}}");
    ok("{\"protocol\":\"BunnyMQ/0.9.1\",\"protocoloptions\":{\"endpoints\":[{\"address\":\"x\"}]}}");
    invalid("{\"protocol\":\"HTTP\",\"protocoloptions\":{\"endpoints\":[{\"uri\":\"https://a\"},{\"uri\":\"/relative\"}]}}",
        "protocoloptions.endpoints[1].uri", "not absolute");
    invalid("{\"protocol\":\"NATS\",\"protocoloptions\":{\"endpoints\":[{}]}}", "protocoloptions.endpoints[0].uri",
        "missing");
    invalid("{\"protocol\":\"KAFKA\",\"protocoloptions\":{\"endpoints\":[{\"bootstrap.servers\":[]}]}}",
        "protocoloptions.endpoints[0].bootstrap.servers", "non-empty");
  }

  @Test
  void authorization_EP_014() {
    ok("{\"protocoloptions\":{\"authorization\":[{\"type\":\"SASL\",\"mechanism\":\"SCRAM-SHA-256\"},"
        + "{\"type\":\"OAuth2\",\"authorityuri\":\"https://login.example.com\"}]}}");
    invalid("{\"protocoloptions\":{\"authorization\":{\"type\":\"OAuth2\"}}}", "protocoloptions.authorization",
        "array of objects");
    invalid("{\"protocoloptions\":{\"authorization\":[{\"type\":\"OAuth2\",\"mechanism\":\"PLAIN\"}]}}",
        "protocoloptions.authorization[0].mechanism", "only be used when type is SASL");
    invalid("{\"protocoloptions\":{\"authorization\":[{\"type\":\"\"}]}}", "protocoloptions.authorization[0].type",
        "non-empty");
  }
}
