package dev.xreg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Comparing exported documents across registries. */
final class ExportDocuments {
  private ExportDocuments() {
  }

  /**
   * A copy without any {@code epoch}: epochs are not transferable (creating an entity
   * ignores a given epoch, CORE-COM-005, and the target Registry has its own history).
   */
  static JsonNode withoutEpochs(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove("epoch");
      o.elements().forEachRemaining(ExportDocuments::strip);
    }
  }
}
