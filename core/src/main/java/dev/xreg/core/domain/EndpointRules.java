package dev.xreg.core.domain;

import static dev.xreg.core.domain.Identifiers.absolute;
import static dev.xreg.core.domain.Identifiers.name;
import static dev.xreg.core.domain.Identifiers.same;
import static dev.xreg.core.domain.Identifiers.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.write.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The endpoint rules of endpoint/spec.md that the model cannot express, checked on every
 * write of an endpoint (docs/spec-decisions-domains.md D7). A violation is
 * {@code invalid_attribute} naming the attribute (dotted path) with the reason.
 */
public final class EndpointRules {
  /** Protocols where one client connection both subscribes and consumes (EP-003), with the spec's shorthands. */
  private static final List<String> SUBSCRIBE_AND_CONSUME = List.of("MQTT/3.1.1", "MQTT/5.0", "MQTT", "AMQP/1.0",
      "AMQP", "NATS");
  /** Protocols whose {@code protocoloptions.endpoints[]} carry an absolute {@code uri} (EP-013). */
  private static final List<String> URI_ADDRESSED = List.of("HTTP", "AMQP/1.0", "AMQP", "MQTT/3.1.1", "MQTT/5.0",
      "MQTT", "NATS");

  private EndpointRules() {
  }

  public static void check(String subject, JsonNode endpoint) {
    String protocol = text(endpoint, "protocol");
    usage(subject, endpoint.get("usage"), protocol);
    JsonNode channel = endpoint.get("channel");
    if (channel != null && channel.isTextual() && channel.asText().isEmpty()) {
      throw AttributeValues.invalid("channel", subject, "must be a non-empty string when present"); // EP-006
    }
    String envelope = text(endpoint, "envelope");
    name("envelope", envelope, false, subject); // EP-007
    if (envelope != null && same(envelope, "CloudEvents/1.0")) {
      envelopeOptions(subject, endpoint.path("envelopeoptions"));
    }
    name("protocol", protocol, false, subject); // EP-009
    JsonNode options = endpoint.path("protocoloptions");
    if (protocol != null) {
      addresses(subject, options.get("endpoints"), protocol);
    }
    authorization(subject, options.get("authorization"));
  }

  /**
   * EP-002..004: at least one value, each once; exactly one, except {@code [subscriber, consumer]}
   * for MQTT, AMQP and NATS; {@code producer} never combined.
   */
  private static void usage(String subject, JsonNode usage, String protocol) {
    if (usage == null || !usage.isArray()) {
      return; // optional in the model (D7); its item enum is the model's
    }
    Set<String> roles = new LinkedHashSet<>();
    usage.forEach(u -> roles.add(u.asText()));
    if (roles.isEmpty()) {
      throw AttributeValues.invalid("usage", subject, "must contain at least one of subscriber, consumer, producer");
    }
    if (roles.size() < usage.size()) {
      throw AttributeValues.invalid("usage", subject, "each value may appear once: " + usage);
    }
    if (roles.size() == 1) {
      return;
    }
    if (roles.equals(Set.of("subscriber", "consumer"))) {
      if (protocol != null && SUBSCRIBE_AND_CONSUME.stream().anyMatch(p -> same(p, protocol))) {
        return;
      }
      throw AttributeValues.invalid("usage", subject, "[subscriber, consumer] is allowed only for the protocols "
          + "MQTT/3.1.1, MQTT/5.0, AMQP/1.0 and NATS, not " + (protocol == null ? "an endpoint without protocol"
          : protocol) + "; declare one endpoint per role and correlate them with a shared channel");
    }
    throw AttributeValues.invalid("usage", subject, usage + " combines roles: declare exactly one value "
        + "(producer is never combined); declare one endpoint per role and correlate them with a shared channel");
  }

  /** EP-008: {@code mode} is {@code binary} or {@code structured} (case-sensitive); no {@code format} with binary. */
  private static void envelopeOptions(String subject, JsonNode options) {
    JsonNode mode = options.get("mode");
    if (mode == null) {
      return;
    }
    if (!mode.isTextual() || !List.of("binary", "structured").contains(mode.asText())) {
      throw AttributeValues.invalid("envelopeoptions.mode", subject, mode + " must be \"binary\" or \"structured\"");
    }
    if (mode.asText().equals("binary") && options.has("format")) {
      throw AttributeValues.invalid("envelopeoptions.format", subject, "must not be specified when mode is binary "
          + "(format is the structured-mode event format)");
    }
  }

  /** EP-013: each address carries an absolute {@code uri}, or for KAFKA a non-empty {@code bootstrap.servers}. */
  private static void addresses(String subject, JsonNode endpoints, String protocol) {
    if (endpoints == null || !endpoints.isArray()) {
      return;
    }
    boolean kafka = same(protocol, "KAFKA");
    boolean uri = URI_ADDRESSED.stream().anyMatch(p -> same(p, protocol));
    for (int i = 0; i < endpoints.size(); i++) {
      JsonNode e = endpoints.get(i);
      String at = "protocoloptions.endpoints[" + i + "]";
      if (uri) {
        JsonNode u = e.get("uri");
        if (u == null || !u.isTextual() || !absolute(u.asText())) {
          throw AttributeValues.invalid(at + ".uri", subject, protocol + " endpoints carry their address in an "
              + "absolute uri" + (u == null ? "; it is missing" : "; " + u + " is not absolute"));
        }
      } else if (kafka) {
        JsonNode servers = e.get("bootstrap.servers");
        List<String> bad = new ArrayList<>();
        if (servers != null && servers.isArray()) {
          servers.forEach(s -> {
            if (!s.isTextual() || s.asText().isBlank()) {
              bad.add(s.toString());
            }
          });
        }
        if (servers == null || !servers.isArray() || servers.isEmpty() || !bad.isEmpty()) {
          throw AttributeValues.invalid(at + ".bootstrap.servers", subject, "KAFKA endpoints carry their address in "
              + "a non-empty bootstrap.servers array of host:port strings");
        }
      }
    }
  }

  /**
   * EP-014: an array of objects; {@code type}, {@code mechanism}, {@code resourceuri},
   * {@code authorityuri} non-empty when used; {@code mechanism} only with type SASL.
   */
  private static void authorization(String subject, JsonNode authorization) {
    if (authorization == null) {
      return;
    }
    if (!authorization.isArray()) {
      throw AttributeValues.invalid("protocoloptions.authorization", subject, "must be an array of objects");
    }
    for (int i = 0; i < authorization.size(); i++) {
      JsonNode a = authorization.get(i);
      String at = "protocoloptions.authorization[" + i + "]";
      if (!a.isObject()) {
        throw AttributeValues.invalid(at, subject, "must be an object");
      }
      for (String k : List.of("type", "mechanism", "resourceuri", "authorityuri")) {
        if (a.has(k) && (!a.get(k).isTextual() || a.get(k).asText().isBlank())) {
          throw AttributeValues.invalid(at + "." + k, subject, "must be a non-empty string when used");
        }
      }
      if (a.has("mechanism") && !same(a.path("type").asText(""), "SASL")) {
        throw AttributeValues.invalid(at + ".mechanism", subject, "may only be used when type is SASL");
      }
    }
  }
}
