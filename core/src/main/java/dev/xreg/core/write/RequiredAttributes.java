package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code required} and {@code default} aspects of model-defined extension attributes
 * (model.md "attributes.<STRING>.required"/"default", CORE-ATTR-012/013): after a write,
 * an absent or null attribute takes its default; a required one without a default is
 * {@code required_attribute_missing} (A3: missing is that error, present-but-bad is
 * {@code invalid_attribute}). Read-only attributes are the server's to set and are skipped.
 */
final class RequiredAttributes {
  private RequiredAttributes() {
  }

  static void apply(ObjectNode attrs, ObjectNode definitions, String xid) {
    if (definitions == null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode def = e.getValue();
      String name = e.getKey();
      if ("*".equals(name) || !def.path("required").asBoolean(false) || def.path("readonly").asBoolean(false)) {
        continue;
      }
      JsonNode value = attrs.get(name);
      if (value != null && !value.isNull()) {
        continue;
      }
      if (def.has("default") && !def.get("default").isNull()) {
        attrs.set(name, def.get("default"));
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw XRegistryException.of(ErrorType.REQUIRED_ATTRIBUTE_MISSING, xid).arg("list", String.join(",", missing))
          .detail("give a value for " + String.join(", ", missing) + "; the model marks "
              + (missing.size() == 1 ? "it" : "them") + " required")
          .build();
    }
  }
}
