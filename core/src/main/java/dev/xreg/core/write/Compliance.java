package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an entity already stored complies with one level of a new model (model.md "Creating
 * or Updating the Registry Model": all entities must adhere to the new model before the update
 * completes). The rules of a write ({@link ModelAttributes}), except that nothing is filled in:
 * a default applies to new writes only, so a required attribute an entity lacks is a violation.
 */
public final class Compliance {
  private Compliance() {
  }

  /**
   * @param stored the entity's stored attribute map
   * @throws XRegistryException the first rule the entity breaks (unknown_attribute,
   *     required_attribute_missing or invalid_attribute, subject {@code xid})
   */
  public static void check(ObjectNode stored, Shape shape, String xid) {
    ObjectNode attrs = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.startsWith("$") || shape.idAttributes().contains(name) || shape.ignored().contains(name)
          || shape.nested().contains(name)) {
        continue; // server-managed, never checked against the model
      }
      if (!shape.settable().contains(name) && !shape.extensions().allows(name)) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ATTRIBUTE, xid).arg("name", name)
            .detail("\"" + name + "\" is no longer defined by the model").build();
      }
      attrs.set(name, e.getValue());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = shape.extensions().definitions().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode def = e.getValue();
      if (!"*".equals(e.getKey()) && def.path("required").asBoolean(false) && !def.path("readonly").asBoolean(false)
          && (!attrs.has(e.getKey()) || attrs.get(e.getKey()).isNull())) {
        throw XRegistryException.of(ErrorType.REQUIRED_ATTRIBUTE_MISSING, xid).arg("list", e.getKey())
            .detail("the model requires \"" + e.getKey() + "\", which this entity does not have").build();
      }
    }
    ModelAttributes.apply(attrs, attrs.deepCopy(), shape.extensions(), xid);
  }
}
