package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The message rules outside the model ({@code XREG_MODEL=message}; message/spec.md,
 * docs/spec-decisions-domains.md D13, D15-D17): each violation is an error naming the
 * attribute, and the failed request changes nothing. Each test works in its own group.
 */
class MessageRegistryIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "message");

  private String g;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/messagegroups/g");
  }

  private static String invalidTitle(String name, String subject, String detail) {
    return "The attribute \"" + name + "\" for \"" + subject + "\" is not valid: " + detail + ".";
  }

  private void assertInvalid(String method, String path, String body, String name, String subject, String detail)
      throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/messagegroups?inline=messagegroups.messages");
    assertProblem(server.send(method, path, body), 400, "invalid_attribute", invalidTitle(name, subject, detail),
        subject);
    before.assertUnchanged();
  }

  // MSG-004, MSG-005
  @Test
  void groupEnvelopeAndProtocolIdentifiers() throws Exception {
    server.ok("PUT", g, "{\"envelope\":\"CloudEvents/1.0\",\"protocol\":\"KAFKA\"}");
    assertInvalid("PATCH", g, "{\"envelope\":\"CloudEvents\"}", "envelope", g,
        "\"CloudEvents\" must have the form <NAME>/<VERSION>");
    assertInvalid("PATCH", g, "{\"protocol\":\"\"}", "protocol", g,
        "must be a non-empty string of the form <NAME> or <NAME>/<VERSION>");
  }

  // MSG-006: a message that names an envelope or protocol uses its group's; a group change re-checks its messages
  @Test
  void messagesUseTheGroupsEnvelopeAndProtocol() throws Exception {
    server.ok("PUT", g, "{\"envelope\":\"CloudEvents/1.0\",\"protocol\":\"KAFKA\"}");
    String m = g + "/messages/m";
    assertInvalid("PUT", m, "{\"envelope\":\"CloudEvents/1.0\",\"protocol\":\"AMQP/1.0\"}", "protocol", m,
        "\"AMQP/1.0\" differs from the message group's protocol \"KAFKA\"; all messages inside a message group use "
            + "its protocol");
    server.ok("PUT", m, "{\"envelope\":\"cloudevents/1.0\",\"protocol\":\"kafka\"}");
    assertInvalid("PATCH", g, "{\"protocol\":\"MQTT/5.0\"}", "protocol", m,
        "\"kafka\" differs from the message group's protocol \"MQTT/5.0\"; all messages inside a message group use "
            + "its protocol");
  }

  // MSG-024, MSG-025, MSG-027
  @Test
  void dataschemaAttributes() throws Exception {
    server.ok("PUT", g, "{}");
    String m = g + "/messages/m";
    assertInvalid("PUT", m, "{\"dataschemaformat\":\"Avro/1.11\",\"dataschema\":{\"type\":\"string\"},"
        + "\"dataschemauri\":\"/schemagroups/s/schemas/a\"}", "dataschema", m,
        "dataschema and dataschemauri are mutually exclusive");
    Snapshot before = Snapshot.of(server, "/", g + "?inline=messages");
    assertProblem(server.send("PUT", m, "{\"dataschemauri\":\"/schemagroups/s/schemas/a\"}"), 400,
        "required_attribute_missing", "One or more mandatory attributes for \"" + m + "\" are missing: "
            + "dataschemaformat.", m);
    before.assertUnchanged();
    assertInvalid("PUT", m, "{\"dataschemaformat\":\"Avro\"}", "dataschemaformat", m,
        "\"Avro\" must have the form <NAME>/<VERSION>");
    assertInvalid("PUT", m, "{\"dataschemaformat\":\"Avro/1.11\",\"dataschemaxid\":\"/schemagroups/s/schemas/a\","
        + "\"dataschemauri\":\"/schemagroups/s/schemas/b\"}", "dataschemauri", m,
        "\"/schemagroups/s/schemas/b\" must be the self URL of the dataschemaxid entity /schemagroups/s/schemas/a");
    JsonNode ok = server.ok("PUT", m, "{\"dataschemaformat\":\"Avro/1.11\",\"dataschemaxid\":\"/schemagroups/s/schemas/a\","
        + "\"dataschemauri\":\"/schemagroups/s/schemas/a\"}");
    assertThat(ok.path("dataschemaxid").asText()).isEqualTo("/schemagroups/s/schemas/a");
  }

  // MSG-016, MSG-028
  @Test
  void cloudEventsDataschemaAndContentTypeAgree() throws Exception {
    server.ok("PUT", g, "{\"envelope\":\"CloudEvents/1.0\"}");
    String m = g + "/messages/m";
    assertInvalid("PUT", m, "{\"envelope\":\"CloudEvents/1.0\",\"datacontenttype\":\"application/json\","
        + "\"envelopemetadata\":{\"datacontenttype\":{\"value\":\"application/avro\"}}}",
        "envelopemetadata.datacontenttype.value", m, "\"application/avro\" differs from datacontenttype "
            + "\"application/json\"; all occurrences of the content type must have the same value");
    assertInvalid("PUT", m, "{\"envelope\":\"CloudEvents/1.0\",\"dataschemaformat\":\"Avro/1.11\",\"dataschemauri\":"
        + "\"https://s.example/a\",\"envelopemetadata\":{\"dataschema\":{\"value\":\"https://s.example/b\"}}}",
        "envelopemetadata.dataschema.value", m, "\"https://s.example/b\" must match dataschemauri \"https://s.example/a\"");
    server.ok("PUT", m, "{\"envelope\":\"CloudEvents/1.0\",\"datacontenttype\":\"Application/JSON; Charset=utf-8\","
        + "\"envelopemetadata\":{\"datacontenttype\":{\"value\":\"application/json;charset=utf-8\"}}}");
  }

  // MSG-020, MSG-021, MSG-022
  @Test
  void basemessageTargetsAndCycles() throws Exception {
    server.ok("PUT", g, "{}");
    String a = g + "/messages/a";
    String b = g + "/messages/b";
    server.ok("PUT", a, "{\"basemessageuri\":\"" + b + "\"}"); // dangling is allowed (MSG-021)
    server.ok("PUT", g + "/messages/ext", "{\"basemessageuri\":\"https://other.example/messagegroups/x/messages/y\"}");
    assertInvalid("PUT", b, "{\"basemessageuri\":\"/schemagroups/s/schemas/x\"}", "basemessageuri", b,
        "\"/schemagroups/s/schemas/x\" is relative, so it must be the xid of a message Resource or Version: "
            + "/<GROUPS>/<gid>/messages/<mid>[/versions/<vid>] with <GROUPS> one of [messagegroups]");
    assertInvalid("PUT", b, "{\"basemessageuri\":\"" + a + "\"}", "basemessageuri", b,
        "the basemessageuri chain is recursive: " + b + " -> " + b + "/versions/1 -> " + a + " -> " + a
            + "/versions/1 -> " + b);
    assertInvalid("PUT", b, "{\"basemessageuri\":\"" + b + "/versions/1\"}", "basemessageuri", b,
        "the basemessageuri chain is recursive: " + b + " -> " + b + "/versions/1 -> " + b + "/versions/1");
    server.ok("PUT", b, "{\"basemessageuri\":\"" + g + "/messages/c\"}");

    // one document that closes a cycle is refused whole
    String g2 = g + "x";
    Snapshot before = Snapshot.of(server, "/", "/messagegroups?inline=messagegroups.messages");
    assertProblem(server.send("PATCH", "/", "{\"messagegroups\":{\"" + g2.substring(15) + "\":{\"messages\":{"
        + "\"p\":{\"basemessageuri\":\"" + g2 + "/messages/q\"},\"q\":{\"basemessageuri\":\"" + g2 + "/messages/p\"}}}}}"),
        400, "invalid_attribute", invalidTitle("basemessageuri", g2 + "/messages/p", "the basemessageuri chain is "
            + "recursive: " + g2 + "/messages/p -> " + g2 + "/messages/p/versions/1 -> " + g2 + "/messages/q -> " + g2
            + "/messages/q/versions/1 -> " + g2 + "/messages/p"), g2 + "/messages/p");
    before.assertUnchanged();
  }
}
