package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The full model of {@code GET /model} (model.md "Retrieving the Registry Model", CORE-MOD-001,
 * CORE-MOD-004): every spec-defined attribute at every level overlaid with the model's own, the
 * collection attributes, and every Resource aspect with its default filled in. Built from a
 * parsed {@link Model}; nothing here checks anything, the parser already has.
 */
final class FullModel {
  private static final String[] DESCRIPTIVE = {"description", "documentation", "icon", "labels", "modelversion",
      "compatiblewith", "modelcompatiblewith"};

  private FullModel() {
  }

  /**
   * {@code expanded} is the model definition after {@code $include(s)} and {@code ximportresources}:
   * the descriptive keys, constraints and aspects are shown as written there.
   */
  static ObjectNode of(ObjectNode expanded, Collection<GroupType> groups, AttributeSet registryAttributes) {
    ObjectNode out = Json.object();
    ObjectNode attrs = SpecAttributes.registry();
    mergeExtensions(attrs, registryAttributes);
    for (GroupType g : groups) {
      attrs.setAll(SpecAttributes.groupCollection(g));
    }
    out.set("attributes", attrs);
    ObjectNode groupsOut = out.putObject("groups");
    for (GroupType g : groups) {
      groupsOut.set(g.plural(), group(expanded.path("groups").path(g.plural()), g));
    }
    nameEveryAttribute(out);
    return out;
  }

  /**
   * model.md: {@code attributes.<NAME>.name} is REQUIRED and equals its key, at every depth:
   * the levels' attribute maps, an object's {@code attributes}, an {@code item}'s (however deeply
   * nested) and {@code ifvalues.<VALUE>.siblingattributes}. Generic clients (the reference
   * CLI's {@code xr model get}) read it there; a modelsource may leave it out.
   */
  private static void nameEveryAttribute(ObjectNode model) {
    named(model.path("attributes"));
    for (JsonNode g : model.path("groups")) {
      named(g.path("attributes"));
      for (JsonNode r : g.path("resources")) {
        for (String level : new String[] {"attributes", "resourceattributes", "metaattributes"}) {
          named(r.path(level));
        }
      }
    }
  }

  private static void named(JsonNode attributes) {
    if (!(attributes instanceof ObjectNode map)) {
      return;
    }
    java.util.List<String> keys = new java.util.ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (!(map.get(key) instanceof ObjectNode def)) {
        continue;
      }
      if (!key.equals(def.path("name").asText(null))) {
        ObjectNode first = Json.object(); // name first, as in the spec's samples
        first.put("name", key);
        def.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("name")) {
            first.set(f.getKey(), f.getValue());
          }
        });
        map.set(key, first);
        def = first;
      }
      named(def.path("attributes"));
      namedItem(def.path("item"));
      for (JsonNode branch : def.path("ifvalues")) {
        named(branch.path("siblingattributes"));
      }
    }
  }

  private static void namedItem(JsonNode item) {
    if (item.isObject()) {
      named(item.path("attributes"));
      namedItem(item.path("item"));
      for (JsonNode branch : item.path("ifvalues")) {
        named(branch.path("siblingattributes"));
      }
    }
  }

  private static ObjectNode group(JsonNode src, GroupType g) {
    ObjectNode out = Json.object();
    out.put("plural", g.plural());
    out.put("singular", g.singular());
    copyDescriptive(src, out);
    JsonNode constraints = src.path("constraints");
    if (constraints.isObject()) {
      out.set("constraints", constraints);
    }
    ObjectNode attrs = SpecAttributes.group(g);
    mergeExtensions(attrs, g.attributes());
    for (ResourceType r : g.resources().values()) {
      attrs.setAll(SpecAttributes.resourceCollection(r));
    }
    out.set("attributes", attrs);
    ObjectNode rsOut = out.putObject("resources");
    for (ResourceType r : g.resources().values()) {
      rsOut.set(r.plural(), resource(src.path("resources").path(r.plural()), r));
    }
    return out;
  }

  private static ObjectNode resource(JsonNode src, ResourceType r) {
    ObjectNode out = Json.object();
    out.put("plural", r.plural());
    out.put("singular", r.singular());
    copyDescriptive(src, out);
    // as given: a limit beyond 2^31-1 is held as 2^31-1 (see ModelParser) but shown exactly
    JsonNode max = src.path("maxversions");
    out.set("maxversions", max.isIntegralNumber() ? max : out.numberNode(r.maxVersions()));
    out.put("setversionid", r.setVersionId());
    out.put("hasdocument", r.hasDocument());
    out.put("versionmode", r.versionMode().specName());
    out.put("singleversionroot", r.singleVersionRoot());
    for (String flag : new String[] {"validateformat", "validatecompatibility", "strictvalidation"}) {
      out.put(flag, src.path(flag).asBoolean(false));
    }
    if (src.has("setdefaultversionsticky")) {
      out.set("setdefaultversionsticky", src.get("setdefaultversionsticky"));
    }
    if (src.has("typemap")) {
      out.set("typemap", src.get("typemap"));
    }
    ObjectNode version = SpecAttributes.version(r);
    mergeExtensions(version, r.versionAttributes());
    if (r.hasDocument()) {
      version.setAll(SpecAttributes.versionDocument(r));
    }
    out.set("attributes", version);
    out.set("resourceattributes", SpecAttributes.resource(r));
    ObjectNode meta = SpecAttributes.meta(r);
    mergeExtensions(meta, r.metaAttributes());
    out.set("metaattributes", meta);
    return out;
  }

  private static void copyDescriptive(JsonNode src, ObjectNode out) {
    for (String key : DESCRIPTIVE) {
      if (src.has(key)) {
        out.set(key, src.get(key));
      }
    }
  }

  /**
   * Adds the model's extensions to a level's spec attributes. A spec attribute the modelsource
   * restates is overlaid aspect by aspect (model.md: the full model is the spec attributes
   * "overlaid with" the explicit ones; ModelRules allows only narrowing, CORE-MOD-006).
   */
  private static void mergeExtensions(ObjectNode into, AttributeSet ext) {
    for (Iterator<Map.Entry<String, JsonNode>> it = ext.definitions().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode def = into.has(e.getKey()) ? (ObjectNode) into.get(e.getKey()) : Json.object();
      def.put("name", e.getKey()); // first, as in the spec's samples
      def.setAll((ObjectNode) e.getValue().deepCopy());
      def.put("name", e.getKey());
      into.set(e.getKey(), def);
    }
  }
}
