package dev.xreg.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.domain.MessageRules.Container;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** message/spec.md rules outside the model (docs/conformance-domains.md MSG rows). */
class MessageRulesTest {
  static final String M = "/messagegroups/g/messages/m";
  static final List<String> PLURALS = List.of("messagegroups", "endpoints");
  static final JsonNode CE_GROUP = Json.parseTrusted("{\"envelope\":\"CloudEvents/1.0\",\"protocol\":\"KAFKA\"}");

  static void ok(String message, JsonNode group, Container in) {
    assertThatCode(() -> MessageRules.checkMessage(M, Json.parseTrusted(message), group, in, PLURALS))
        .doesNotThrowAnyException();
  }

  static void ok(String message) {
    ok(message, CE_GROUP, Container.MESSAGEGROUP);
  }

  static void invalid(String message, JsonNode group, Container in, String attribute, String detail) {
    assertThatThrownBy(() -> MessageRules.checkMessage(M, Json.parseTrusted(message), group, in, PLURALS))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
          assertThat(e.subject()).isEqualTo(M);
          assertThat(e.args()).containsEntry("name", attribute);
          assertThat(e.detail()).contains(detail);
        });
  }

  static void invalid(String message, String attribute, String detail) {
    invalid(message, CE_GROUP, Container.MESSAGEGROUP, attribute, detail);
  }

  @Test
  void groupEnvelopeAndProtocolIdentifiers_MSG_004_MSG_005() {
    MessageRules.checkGroup("/messagegroups/g", Json.parseTrusted("{\"envelope\":\"cloudevents/1.0\",\"protocol\":\"KAFKA\"}"));
    assertThatThrownBy(() -> MessageRules.checkGroup("/messagegroups/g", Json.parseTrusted("{\"envelope\":\"CloudEvents\"}")))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.args()).containsEntry("name", "envelope"));
    assertThatThrownBy(() -> MessageRules.checkGroup("/messagegroups/g", Json.parseTrusted("{\"protocol\":\"\"}")))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.args()).containsEntry("name", "protocol"));
    assertThatThrownBy(() -> MessageRules.checkGroup("/messagegroups/g", Json.parseTrusted("{\"protocol\":\"MQTT/\"}")))
        .isInstanceOf(XRegistryException.class);
  }

  @Test
  void messagesUseTheirGroupsEnvelopeAndProtocol_MSG_006() {
    ok("{\"envelope\":\"CLOUDEVENTS/1.0\",\"protocol\":\"kafka\"}");
    ok("{}"); // absent values are not required (D13)
    invalid("{\"envelope\":\"Other/1.0\"}", "envelope", "differs from the message group's envelope");
    invalid("{\"protocol\":\"AMQP/1.0\"}", "protocol", "differs from the message group's protocol \"KAFKA\"");
    ok("{\"protocol\":\"AMQP/1.0\"}", Json.parseTrusted("{}"), Container.MESSAGEGROUP); // no group value: no constraint
  }

  @Test
  void insideAnEndpointTheEnvelopeIsAtLeastAsPrecise_EP_007_andTheProtocolTheSame_EP_011() {
    JsonNode bare = Json.parseTrusted("{\"envelope\":\"myspec\",\"protocol\":\"MQTT/5.0\"}");
    ok("{\"envelope\":\"myspec/1.0\"}", bare, Container.ENDPOINT);
    ok("{\"envelope\":\"MySpec\"}", bare, Container.ENDPOINT);
    JsonNode versioned = Json.parseTrusted("{\"envelope\":\"myspec/1.0\"}");
    invalid("{\"envelope\":\"myspec\"}", versioned, Container.ENDPOINT, "envelope", "at least as precise");
    invalid("{\"envelope\":\"myspec/2.0\"}", versioned, Container.ENDPOINT, "envelope", "endpoint's envelope");
    invalid("{\"protocol\":\"MQTT/3.1.1\"}", bare, Container.ENDPOINT, "protocol", "endpoint's protocol \"MQTT/5.0\"");
  }

  @Test
  void dataschemaFormatExclusivityAndXid_MSG_024_MSG_025_MSG_027() {
    ok("{\"dataschemaformat\":\"JsonSchema/draft-07\",\"dataschema\":{\"type\":\"object\"}}");
    ok("{\"dataschemaformat\":\"Avro/1.11\",\"dataschemauri\":\"/schemagroups/s/schemas/a\"}");
    invalid("{\"dataschemaformat\":\"Avro\"}", "dataschemaformat", "<NAME>/<VERSION>");
    invalid("{\"dataschemaformat\":\"Avro/1.11\",\"dataschema\":{},\"dataschemauri\":\"/schemagroups/s/schemas/a\"}",
        "dataschema", "mutually exclusive");
    assertThatThrownBy(() -> MessageRules.checkMessage(M, Json.parseTrusted("{\"dataschemauri\":\"https://x/y\"}"),
        CE_GROUP, Container.MESSAGEGROUP, PLURALS)).isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.REQUIRED_ATTRIBUTE_MISSING);
          assertThat(e.args()).containsEntry("list", "dataschemaformat");
        });
    ok("{\"dataschemaxid\":\"/schemagroups/s/schemas/a\"}");
    ok("{\"dataschemaformat\":\"Avro/1\",\"dataschemaxid\":\"/schemagroups/s/schemas/a/versions/1\","
        + "\"dataschemauri\":\"https://reg.example.com/base/schemagroups/s/schemas/a/versions/1\"}");
    invalid("{\"dataschemaxid\":\"/messagegroups/g/messages/m\"}", "dataschemaxid", "xid of a schema");
    invalid("{\"dataschemaformat\":\"Avro/1\",\"dataschemaxid\":\"/schemagroups/s/schemas/a\","
        + "\"dataschemauri\":\"/schemagroups/s/schemas/b\"}", "dataschemauri", "self URL");
  }

  @Test
  void cloudEventsDataschemaAndContentTypeAgree_MSG_016_MSG_028() {
    String base = "\"envelope\":\"CloudEvents/1.0\",\"dataschemaformat\":\"Avro/1\",\"dataschemauri\":"
        + "\"https://x.example/schemas/tenant1/a\"";
    ok("{" + base + ",\"envelopemetadata\":{\"dataschema\":{\"value\":\"https://x.example/schemas/{tenant}/a\"}}}");
    invalid("{" + base + ",\"envelopemetadata\":{\"dataschema\":{\"value\":\"https://x.example/other\"}}}",
        "envelopemetadata.dataschema.value", "must match dataschemauri");
    ok("{\"envelope\":\"CloudEvents/1.0\",\"datacontenttype\":\"Text/Plain; CharSet=utf-8\","
        + "\"envelopemetadata\":{\"datacontenttype\":{\"value\":\"text/plain;charset=utf-8\"}}}");
    invalid("{\"envelope\":\"CloudEvents/1.0\",\"datacontenttype\":\"application/json\","
        + "\"envelopemetadata\":{\"datacontenttype\":{\"value\":\"application/avro\"}}}",
        "envelopemetadata.datacontenttype.value", "all occurrences");
    invalid("{\"protocol\":\"HTTP\",\"datacontenttype\":\"application/json\",\"protocoloptions\":{\"headers\":"
        + "[{\"name\":\"Content-Type\",\"value\":\"text/xml\"}]}}", Json.parseTrusted("{}"), Container.MESSAGEGROUP,
        "protocoloptions.headers[0].value", "differs from datacontenttype");
    invalid("{\"datacontenttype\":\"json\"}", "datacontenttype", "RFC 2046");
  }

  @Test
  void relativeBasemessageuriIsAMessageXid_MSG_020_absoluteIsNotChecked_MSG_021() {
    ok("{\"basemessageuri\":\"/messagegroups/g/messages/base\"}");
    ok("{\"basemessageuri\":\"/endpoints/e/messages/base/versions/1\"}");
    ok("{\"basemessageuri\":\"https://other.example/anything\"}");
    invalid("{\"basemessageuri\":\"/schemagroups/g/schemas/s\"}", "basemessageuri", "xid of a message");
    invalid("{\"basemessageuri\":\"/messagegroups/g/messages/\"}", "basemessageuri", "xid of a message");
    assertThat(MessageRules.baseTarget("/messagegroups/g/messages/b", PLURALS)).isEqualTo("/messagegroups/g/messages/b");
    assertThat(MessageRules.baseTarget("https://x/messagegroups/g/messages/b", PLURALS)).isNull();
  }
}
