package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.AttributeSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies the model's attribute definitions (model.md "attributes") to an entity's
 * extension attributes after a write: types all the way down (maps, arrays, objects,
 * {@code *}), {@code enum} with {@code strict}, {@code readonly} and {@code immutable}
 * (client values ignored, CORE-ATTR-006/014), {@code default} (CORE-ATTR-013),
 * {@code required} (CORE-ATTR-012) and {@code ifvalues} (CORE-ATTR-015).
 */
public final class ModelAttributes {
  private static final Pattern STRICT_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
  private static final Pattern EXTENDED_NAME = Pattern.compile("^[a-z0-9][a-z0-9_.:-]{0,62}$");

  private ModelAttributes() {
  }

  /**
   * @param attrs the entity's attributes after the write (modified in place)
   * @param before the attributes before the write, or null on create
   */
  public static void apply(ObjectNode attrs, ObjectNode before, AttributeSet model, String xid) {
    ObjectNode defs = model.definitions().deepCopy();
    activateIfValues(defs, attrs, xid);
    if (!defs.has("*")) {
      // an ifvalues sibling whose condition does not hold is an unknown attribute (MSG-010)
      for (Iterator<String> it = attrs.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!defs.has(name) && model.conditional(name) && !attrs.get(name).isNull()) {
          throw XRegistryException.of(ErrorType.UNKNOWN_ATTRIBUTE, xid).arg("name", name)
              .detail("\"" + name + "\" is only defined by the model for other values of its ifvalues attribute")
              .build();
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode def = e.getValue();
      if ("*".equals(name)) {
        continue;
      }
      if (def.path("readonly").asBoolean(false) || (before != null && def.path("immutable").asBoolean(false))) {
        keep(attrs, before, name);
      }
      if ((!attrs.has(name) || attrs.get(name).isNull()) && def.has("default")) {
        attrs.set(name, def.get("default"));
      }
      if (def.path("required").asBoolean(false) && (!attrs.has(name) || attrs.get(name).isNull())
          && !def.path("readonly").asBoolean(false)) {
        throw XRegistryException.of(ErrorType.REQUIRED_ATTRIBUTE_MISSING, xid).arg("list", name)
            .detail("the model requires \"" + name + "\"").build();
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode def = defs.has(e.getKey()) ? defs.get(e.getKey()) : defs.get("*");
      if (def != null && !e.getKey().startsWith("$")) {
        check(e.getKey(), e.getValue(), def, xid);
      }
    }
  }

  /** Validates {@code value} against one attribute definition, recursively. */
  public static void check(String path, JsonNode value, JsonNode def, String xid) {
    if (value.isNull()) {
      return;
    }
    String type = def.path("type").asText("any");
    switch (type) {
      case "map" -> {
        if (!value.isObject()) {
          throw invalid(path, xid, "must be a map (a JSON object)");
        }
        JsonNode item = def.path("item");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!EXTENDED_NAME.matcher(e.getKey()).matches()) {
            throw invalid(path, xid, "map key \"" + e.getKey() + "\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$");
          }
          if (e.getValue().isNull()) {
            throw invalid(path + "." + e.getKey(), xid, "a map value must not be null");
          }
          check(path + "." + e.getKey(), e.getValue(), item, xid);
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          throw invalid(path, xid, "must be an array");
        }
        int i = 0;
        for (JsonNode item : value) {
          if (item.isNull()) {
            throw invalid(path + "[" + i + "]", xid, "an array must not contain null");
          }
          check(path + "[" + i++ + "]", item, def.path("item"), xid);
        }
      }
      case "object" -> object(path, value, def, xid);
      case "any" -> { }
      default -> AttributeValues.checkExtension(path, value, def, xid);
    }
    if (def.has("enum") && def.path("strict").asBoolean(true) && value.isArray()) {
      // endpoint "usage": an enum on an array constrains its items (docs/spec-decisions.md, A-7)
      int i = 0;
      for (JsonNode item : value) {
        checkEnum(path + "[" + i++ + "]", item, def, xid);
      }
    } else if (def.has("enum") && def.path("strict").asBoolean(true)) {
      checkEnum(path, value, def, xid);
    }
  }

  private static void checkEnum(String path, JsonNode value, JsonNode def, String xid) {
    boolean found = false;
    for (JsonNode allowed : def.get("enum")) {
      found |= allowed.equals(value);
    }
    if (!found) {
      throw invalid(path, xid, "must be one of " + def.get("enum"));
    }
  }

  private static void object(String path, JsonNode value, JsonNode def, String xid) {
    if (!value.isObject()) {
      throw invalid(path, xid, "must be an object");
    }
    JsonNode attrs = def.path("attributes");
    // model.md "default": a required attribute with a default inside an object is filled in
    // whenever the object itself is present (CloudEvents attribute type/required, protocol options).
    if (value instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode d = e.getValue();
        if (!"*".equals(e.getKey()) && d.has("default") && (!obj.has(e.getKey()) || obj.get(e.getKey()).isNull())) {
          obj.set(e.getKey(), d.get("default").deepCopy());
        }
      }
    }
    Pattern names = "extended".equalsIgnoreCase(def.path("namecharset").asText("strict")) ? EXTENDED_NAME : STRICT_NAME;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!names.matcher(e.getKey()).matches()) {
        throw invalid(path, xid, "attribute name \"" + e.getKey() + "\" is not allowed by namecharset "
            + def.path("namecharset").asText("strict"));
      }
      JsonNode sub = attrs.has(e.getKey()) ? attrs.get(e.getKey()) : attrs.get("*");
      if (sub == null && !attrs.isMissingNode()) {
        throw invalid(path, xid, "\"" + e.getKey() + "\" is not defined for this object");
      }
      if (sub != null) {
        check(path + "." + e.getKey(), e.getValue(), sub, xid);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("required").asBoolean(false) && !value.has(e.getKey())) {
        throw invalid(path, xid, "\"" + e.getKey() + "\" is required inside \"" + path + "\"");
      }
    }
  }

  /**
   * {@code ifvalues}: when a sibling's value matches, that entry's attributes join the
   * entity's model; a name defined twice by active entries is an error.
   */
  private static void activateIfValues(ObjectNode defs, ObjectNode attrs, String xid) {
    List<String> names = new ArrayList<>();
    defs.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode ifvalues = defs.get(name).get("ifvalues");
      JsonNode value = attrs.get(name);
      if (ifvalues == null || value == null || !value.isValueNode()) {
        continue;
      }
      JsonNode branch = ifvalues.get(value.asText());
      if (branch == null) {
        // model.md "ifvalues": the match is case-insensitive
        for (Iterator<Map.Entry<String, JsonNode>> it = ifvalues.fields(); it.hasNext() && branch == null; ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equalsIgnoreCase(value.asText())) {
            branch = e.getValue();
          }
        }
      }
      if (branch == null) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = branch.path("siblingattributes").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (defs.has(e.getKey()) && !"*".equals(e.getKey())) {
          throw invalid(e.getKey(), xid, "defined twice by active ifvalues");
        }
        defs.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void keep(ObjectNode attrs, ObjectNode before, String name) {
    if (before != null && before.has(name)) {
      attrs.set(name, before.get(name));
    } else {
      attrs.remove(name);
    }
  }

  private static XRegistryException invalid(String name, String xid, String detail) {
    return AttributeValues.invalid(name, xid, detail);
  }
}
