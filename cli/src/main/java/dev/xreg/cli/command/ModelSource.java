package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.RegistryClient;
import java.nio.charset.StandardCharsets;

/**
 * Read-modify-write of {@code /modelsource}: the model commands edit what the user wrote
 * (not the expanded {@code /model}), so includes and omissions survive the round trip.
 */
final class ModelSource {
  private ModelSource() {
  }

  static ObjectNode read(RegistryClient client) {
    JsonNode n = client.get("/modelsource").requireOk().json();
    return n.isObject() ? (ObjectNode) n : Json.MAPPER.createObjectNode();
  }

  static JsonNode write(RegistryClient client, JsonNode source) {
    return client.send("PUT", "/modelsource", source.toString().getBytes(StandardCharsets.UTF_8), "application/json")
        .requireOk().json();
  }

  static JsonNode model(RegistryClient client) {
    return client.get("/model").requireOk().json();
  }

  /** {@code files:file} to plural and singular; {@code files} alone takes off one trailing s. */
  static String[] pluralSingular(String spec) {
    int colon = spec.indexOf(':');
    if (colon > 0) {
      return new String[] {spec.substring(0, colon), spec.substring(colon + 1)};
    }
    String singular = spec.endsWith("s") && spec.length() > 1 ? spec.substring(0, spec.length() - 1) : spec;
    return new String[] {spec, singular};
  }
}
