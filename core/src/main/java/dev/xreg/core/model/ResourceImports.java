package dev.xreg.core.model;

import static dev.xreg.core.model.ModelRules.modelError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * model.md "Reuse of Resource Definitions", {@code ximportresources} (CORE-MOD-018): a Group
 * type reuses Resource types of other Group types, named {@code /<GROUPS>/<RESOURCES>}; never
 * its own Group, never in a circle. A Group whose imports come from a Group that imports too
 * is resolved after it, so chains work in any order. The imported definitions are copied into
 * the expanded model and the key removed, so it never appears in {@code model}.
 */
final class ResourceImports {
  private final ObjectNode groups;
  /** Groups whose imports are already copied in. */
  private final Set<String> done = new HashSet<>();

  private ResourceImports(ObjectNode groups) {
    this.groups = groups;
  }

  /** Replaces every {@code ximportresources} in {@code expanded} (changed in place) by the Resource types it names. */
  static void expand(ObjectNode expanded) {
    JsonNode groupsNode = expanded.get("groups");
    if (groupsNode == null || !groupsNode.isObject()) {
      return; // no Group types, or a malformed "groups" the parser reports
    }
    ResourceImports imports = new ResourceImports((ObjectNode) groupsNode);
    for (Iterator<String> it = groupsNode.fieldNames(); it.hasNext(); ) {
      imports.into(it.next(), new ArrayList<>());
    }
  }

  /** {@code chain}: the Groups whose imports wait for this one, to name a circle. */
  private void into(String name, List<String> chain) {
    if (done.contains(name) || !(groups.get(name) instanceof ObjectNode g) || !g.has("ximportresources")) {
      return;
    }
    if (chain.contains(name)) {
      chain.add(name);
      throw modelError("\"ximportresources\" form a circle: " + String.join(" -> ", chain));
    }
    chain.add(name);
    String where = "groups." + name + ".ximportresources";
    JsonNode imports = g.get("ximportresources");
    if (!imports.isArray()) {
      throw modelError("\"" + where + "\" must be an array of /<GROUPS>/<RESOURCES> references");
    }
    for (JsonNode ref : imports) {
      String[] parts = ref.asText("").split("/");
      if (!ref.isTextual() || parts.length != 3 || !parts[0].isEmpty()) {
        throw modelError("\"" + where + "\" entry " + ref + " must look like /<GROUPS>/<RESOURCES>");
      }
      if (parts[1].equals(name)) {
        throw modelError("\"" + where + "\" entry " + ref + " names its own Group; it may only import other Groups'"
            + " Resource types");
      }
      into(parts[1], chain); // the source's own imports first
      JsonNode def = groups.path(parts[1]).path("resources").path(parts[2]);
      if (!def.isObject()) {
        throw modelError("\"" + where + "\" entry " + ref + " names no Resource type of this model");
      }
      ObjectNode resources = g.has("resources") && g.get("resources").isObject()
          ? (ObjectNode) g.get("resources") : g.putObject("resources");
      if (resources.has(parts[2])) {
        throw modelError("\"" + where + "\" imports " + parts[2] + " which groups." + name
            + " already has; Resource type names are unique within a Group");
      }
      resources.set(parts[2], def.deepCopy());
    }
    g.remove("ximportresources");
    chain.remove(chain.size() - 1);
    done.add(name);
  }
}
