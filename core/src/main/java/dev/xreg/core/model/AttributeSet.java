package dev.xreg.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The extension attributes a model level declares: their names, and whether {@code "*"}
 * admits any other name (spec "Extensions": undefined names need {@code *}).
 */
public record AttributeSet(Set<String> names, boolean allowsAny, ObjectNode definitions) {

  public static AttributeSet none(ObjectNode empty) {
    return new AttributeSet(Set.of(), false, empty);
  }

  /**
   * This set without the definitions of {@code names}: spec attributes the server keeps outside
   * an entity's attribute map (IDs, epoch, timestamps, collections), which a modelsource may
   * restate (CORE-MOD-006) but which must not be checked as if a client had to supply them.
   */
  public AttributeSet without(Set<String> names) {
    if (names.stream().noneMatch(definitions::has)) {
      return this;
    }
    ObjectNode defs = definitions.deepCopy();
    defs.remove(names);
    Set<String> kept = new LinkedHashSet<>(this.names);
    kept.removeAll(names);
    return new AttributeSet(Collections.unmodifiableSet(kept), allowsAny, defs);
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
