package dev.xreg.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The extension attributes a model level declares: their names, and whether {@code "*"}
 * admits any other name (spec "Extensions": undefined names need {@code *}).
 */
public record AttributeSet(Set<String> names, boolean allowsAny, ObjectNode definitions) {

  public static AttributeSet none(ObjectNode empty) {
    return new AttributeSet(Set.of(), false, empty);
  }

  public boolean allows(String name) {
    return allowsAny || names.contains(name) || conditional(name);
  }

  /**
   * True when {@code name} is a sibling attribute of some {@code ifvalues} entry at this level;
   * whether it is really allowed depends on the value (checked by ModelAttributes).
   */
  public boolean conditional(String name) {
    for (com.fasterxml.jackson.databind.JsonNode def : definitions) {
      for (com.fasterxml.jackson.databind.JsonNode branch : def.path("ifvalues")) {
        if (branch.path("siblingattributes").has(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
