package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.write.AttributeValues;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of model.md that a model definition itself must follow, checked once the Group
 * and Resource types are known (a {@code target} or a constraint may name any of them).
 * Every violation is {@code model_error} (or the spec's own model error) naming the path.
 */
final class ModelRules {
  static final Set<String> SCALARS = Set.of("boolean", "decimal", "integer", "string", "timestamp",
      "uinteger", "uri", "uriabsolute", "urirelative", "uritemplate", "url", "urlabsolute", "urlrelative", "xid",
      "xidtype");
  private static final Set<String> NON_SCALARS = Set.of("array", "map", "object", "any");
  /** model.md "target": only these types may point at an entity type. */
  private static final Set<String> TARGET_TYPES = Set.of("url", "uri", "xid");
  private static final Set<String> NAMECHARSETS = Set.of("strict", "extended");
  private static final Set<String> CONSTRAINT_KEYS = Set.of("default", "enum", "equals");
  /** The four xid-template forms of model.md "target". */
  private static final Pattern TARGET = Pattern.compile("^/([^/]+)(?:/([^/\\[]+)(\\[/versions]|/versions)?)?$");

  private final ObjectNode expanded;
  private final Map<String, GroupType> groups;

  private ModelRules(ObjectNode expanded, Map<String, GroupType> groups) {
    this.expanded = expanded;
    this.groups = groups;
  }

  static void check(ObjectNode expanded, Map<String, GroupType> groups) {
    new ModelRules(expanded, groups).check();
  }

  private void check() {
    ObjectNode registrySpec = SpecAttributes.registry();
    for (GroupType g : groups.values()) {
      registrySpec.setAll(SpecAttributes.groupCollection(g));
    }
    level(expanded.get("attributes"), "attributes", registrySpec, null);
    for (GroupType g : groups.values()) {
      String gWhere = "groups." + g.plural();
      JsonNode gNode = expanded.path("groups").path(g.plural());
      ObjectNode groupSpec = SpecAttributes.group(g);
      for (ResourceType r : g.resources().values()) {
        groupSpec.setAll(SpecAttributes.resourceCollection(r));
      }
      level(gNode.get("attributes"), gWhere + ".attributes", groupSpec, null);
      for (ResourceType r : g.resources().values()) {
        resource(r, gNode.path("resources").path(r.plural()), gWhere + ".resources." + r.plural());
      }
      constraints(g, gNode.get("constraints"), gWhere + ".constraints");
    }
  }

  private void resource(ResourceType r, JsonNode node, String where) {
    ObjectNode versionSpec = SpecAttributes.version(r);
    if (r.hasDocument()) {
      versionSpec.setAll(SpecAttributes.versionDocument(r));
    }
    ObjectNode resourceSpec = SpecAttributes.resource(r);
    // CORE-MOD-021: a Version-level extension must not take a Resource-level attribute's name
    level(node.get("attributes"), where + ".attributes", versionSpec, resourceSpec);
    level(node.get("metaattributes"), where + ".metaattributes", SpecAttributes.meta(r), null);
    JsonNode ra = node.get("resourceattributes");
    if (ra != null && ra.isObject()) {
      // CORE-MOD-021: users MUST NOT add resourceattributes; restating the spec's ones is allowed
      for (Iterator<String> it = ra.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!resourceSpec.has(name)) {
          throw modelError("\"" + where + ".resourceattributes." + name + "\" is not a spec-defined Resource"
              + " attribute; extensions belong in \"attributes\" (Version) or \"metaattributes\" (meta)");
        }
      }
      level(ra, where + ".resourceattributes", resourceSpec, null);
    }
    // CORE-MOD-017
    if (r.validateCompatibility() && !r.validateFormat()) {
      throw modelError("\"" + where + ".validatecompatibility\" is true, so \"" + where
          + ".validateformat\" must be true too");
    }
    // typemap (CORE-MOD-013) is checked where it is parsed: TypeMap.parse
  }

  /**
   * One level's attribute map: spec attributes may only be restated compatibly (CORE-MOD-006),
   * names of {@code forbidden} (another level's spec attributes) are refused (CORE-MOD-021),
   * then every definition is checked recursively.
   */
  private void level(JsonNode attrs, String where, ObjectNode spec, ObjectNode forbidden) {
    if (attrs == null || !attrs.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String path = where + "." + name;
      if (spec.has(name)) {
        compatible(e.getValue(), spec.get(name), path);
      } else if (forbidden != null && forbidden.has(name)) {
        throw modelError("\"" + path + "\" uses the name of the Resource-level attribute \"" + name
            + "\"; Version-level extensions must not");
      }
    }
    Set<String> levelNames = names(attrs);
    levelNames.addAll(names(spec));
    attributes(attrs, where, levelNames);
  }

  /**
   * CORE-MOD-006 (model.md "Creating or Updating the Registry Model"): a spec-defined attribute
   * in a modelsource may narrow its definition but not change its type, drop {@code required}
   * or {@code readonly}, or remove its {@code default}. Aspects left out keep the spec's value
   * (docs/spec-decisions.md, M1).
   */
  private static void compatible(JsonNode def, JsonNode spec, String where) {
    if (!def.isObject()) {
      return; // reported by the definition check
    }
    String type = def.path("type").asText("");
    if (!type.equals(spec.path("type").asText())) {
      throw modelError("\"" + where + ".type\" (" + def.path("type") + ") must stay \"" + spec.path("type").asText()
          + "\": it is a spec-defined attribute, which a model may narrow but not change");
    }
    for (String aspect : new String[] {"required", "readonly"}) {
      if (spec.path(aspect).asBoolean(false) && def.has(aspect) && !def.get(aspect).asBoolean(true)) {
        throw modelError("\"" + where + "." + aspect + "\" must stay true for this spec-defined attribute");
      }
    }
    if (spec.has("default") && def.has("default") && def.get("default").isNull()) {
      throw modelError("\"" + where + ".default\" must not be removed from this spec-defined attribute");
    }
  }

  /** Every definition of an attribute map; {@code levelNames} are the statically named attributes beside them. */
  private void attributes(JsonNode attrs, String where, Set<String> levelNames) {
    for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      definition(e.getKey(), e.getValue(), where + "." + e.getKey(), levelNames);
    }
  }

  private void definition(String name, JsonNode def, String where, Set<String> levelNames) {
    if (!def.isObject()) {
      throw modelError("\"" + where + "\" must be an object");
    }
    String type = def.path("type").asText("");
    if (!SCALARS.contains(type) && !NON_SCALARS.contains(type)) {
      throw modelError("\"" + where + ".type\" (" + def.path("type") + ") is not an xRegistry type");
    }
    if (def.has("default")) {
      if (!SCALARS.contains(type)) {
        throw XRegistryException.of(ErrorType.MODEL_SCALAR_DEFAULT, "/model").arg("name", name).build();
      }
      if (!def.path("required").asBoolean(false)) {
        throw XRegistryException.of(ErrorType.MODEL_REQUIRED_TRUE, "/model").arg("name", name).build();
      }
    }
    if ("*".equals(name)) {
      // CORE-MOD-010
      for (String aspect : new String[] {"required", "readonly"}) {
        if (def.path(aspect).asBoolean(false)) {
          throw modelError("\"" + where + "." + aspect + "\" must not be true for the \"*\" attribute");
        }
      }
      if (def.has("ifvalues")) {
        throw modelError("\"" + where + ".ifvalues\" is not allowed: the \"*\" attribute must not use ifvalues");
      }
    }
    integerValues(def, type, where);
    namecharset(def, type, where);
    target(def, type, where);
    if (def.has("ifvalues")) {
      ifvalues(def, type, where, levelNames);
    }
    if (def.has("item")) {
      definition(name, def.get("item"), where + ".item", Set.of());
    }
    JsonNode nested = def.get("attributes");
    if (nested != null && nested.isObject()) {
      attributes(nested, where + ".attributes", names(nested));
    }
  }

  /**
   * The {@code default} and {@code enum} values of an integer attribute are of its type and in
   * range: a default beyond 64 bits would otherwise be written into every entity (issue 13).
   */
  private static void integerValues(JsonNode def, String type, String where) {
    IntegerType t = IntegerType.of(type);
    if (t == null) {
      return;
    }
    JsonNode dflt = def.get("default");
    if (dflt != null && !dflt.isNull() && t.problem(dflt) != null) {
      throw modelError("\"" + where + ".default\" " + t.problem(dflt));
    }
    JsonNode en = def.get("enum");
    if (en != null && en.isArray()) {
      for (int i = 0; i < en.size(); i++) {
        if (t.problem(en.get(i)) != null) {
          throw modelError("\"" + where + ".enum[" + i + "]\" " + t.problem(en.get(i)));
        }
      }
    }
  }

  /** CORE-MOD-013: {@code namecharset} only on objects, and only a known character set (case-insensitive). */
  private static void namecharset(JsonNode def, String type, String where) {
    JsonNode v = def.get("namecharset");
    if (v == null) {
      return;
    }
    if (!"object".equals(type)) {
      throw modelError("\"" + where + ".namecharset\" is only allowed when \"type\" is \"object\"");
    }
    if (!v.isTextual() || !NAMECHARSETS.contains(v.asText().toLowerCase(Locale.ROOT))) {
      throw modelError("\"" + where + ".namecharset\" (" + v + ") is not a known character set (strict, extended)");
    }
  }

  /** CORE-MOD-022: {@code target} only on url/uri/xid, one of the four xid templates over defined types. */
  private void target(JsonNode def, String type, String where) {
    JsonNode v = def.get("target");
    if (v == null) {
      return;
    }
    if (!TARGET_TYPES.contains(type)) {
      throw modelError("\"" + where + ".target\" is only allowed when \"type\" is url, uri or xid");
    }
    Matcher m = TARGET.matcher(v.asText(""));
    if (!v.isTextual() || !m.matches()) {
      throw modelError("\"" + where + ".target\" (" + v + ") must be /<GROUPS>, /<GROUPS>/<RESOURCES>,"
          + " /<GROUPS>/<RESOURCES>[/versions] or /<GROUPS>/<RESOURCES>/versions");
    }
    GroupType g = groups.get(m.group(1));
    if (g == null) {
      throw modelError("\"" + where + ".target\" (" + v.asText() + ") names the Group type \"" + m.group(1)
          + "\", which this model does not define");
    }
    if (m.group(2) != null && g.resource(m.group(2)).isEmpty()) {
      throw modelError("\"" + where + ".target\" (" + v.asText() + ") names the Resource type \"" + m.group(2)
          + "\", which Group type \"" + g.plural() + "\" does not define");
    }
  }

  /**
   * CORE-MOD-011 (model.md "ifvalues"): scalars only; keys non-empty, not starting with
   * {@code ^}, unique ignoring case, within a strict enum; sibling names new at this level.
   */
  private void ifvalues(JsonNode def, String type, String where, Set<String> levelNames) {
    String at = where + ".ifvalues";
    JsonNode ifvalues = def.get("ifvalues");
    if (!SCALARS.contains(type)) {
      throw modelError("\"" + at + "\" is only allowed on scalar attributes, not on type \"" + type + "\"");
    }
    if (!ifvalues.isObject()) {
      throw modelError("\"" + at + "\" must be an object keyed by attribute value");
    }
    JsonNode enumValues = def.path("enum");
    boolean strictEnum = enumValues.isArray() && !enumValues.isEmpty() && def.path("strict").asBoolean(true);
    Set<String> seen = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ifvalues.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String value = e.getKey();
      String path = at + "." + value;
      if (value.isEmpty()) {
        throw modelError("\"" + at + "\" must not have an empty key");
      }
      if (value.startsWith("^")) {
        throw modelError("\"" + path + "\": ifvalues keys must not start with ^ (reserved)");
      }
      if (!seen.add(value.toLowerCase(Locale.ROOT))) {
        throw modelError("\"" + path + "\" duplicates another ifvalues key of \"" + where + "\" ignoring case");
      }
      if (strictEnum && !inEnum(value, enumValues)) {
        throw modelError("\"" + path + "\" is not one of the strict enum values " + enumValues);
      }
      JsonNode branch = e.getValue();
      if (!branch.isObject()) {
        throw modelError("\"" + path + "\" must be an object with \"siblingattributes\"");
      }
      for (Iterator<String> keys = branch.fieldNames(); keys.hasNext(); ) {
        String k = keys.next();
        if (!"siblingattributes".equals(k)) {
          throw modelError("unknown key \"" + k + "\" in " + path);
        }
      }
      JsonNode siblings = branch.get("siblingattributes");
      if (siblings == null || siblings.isNull()) {
        continue;
      }
      if (!siblings.isObject()) {
        throw modelError("\"" + path + ".siblingattributes\" must be an object keyed by attribute name");
      }
      Set<String> scope = new HashSet<>(levelNames);
      for (Iterator<String> names = siblings.fieldNames(); names.hasNext(); ) {
        String sibling = names.next();
        if (levelNames.contains(sibling)) {
          throw modelError("\"" + path + ".siblingattributes." + sibling + "\" is already defined at this level");
        }
        scope.add(sibling);
      }
      attributes(siblings, path + ".siblingattributes", scope);
    }
  }

  private static boolean inEnum(String value, JsonNode enumValues) {
    for (JsonNode v : enumValues) {
      if (v.asText().equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * CORE-MOD-020: each key is {@code <RESOURCES>.<PATH>} to a static scalar Version attribute;
   * {@code enum} and {@code default} are valid values of it; {@code equals} names a static
   * Group attribute of the same scalar type.
   */
  private void constraints(GroupType g, JsonNode constraints, String where) {
    if (constraints == null || constraints.isNull()) {
      return;
    }
    if (!constraints.isObject()) {
      throw modelError("\"" + where + "\" must be an object keyed by <RESOURCES>.<PATH>");
    }
    JsonNode gNode = expanded.path("groups").path(g.plural());
    for (Iterator<Map.Entry<String, JsonNode>> it = constraints.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String path = where + "." + key;
      int dot = key.indexOf('.');
      ResourceType r = dot < 0 ? null : g.resources().get(key.substring(0, dot));
      if (r == null) {
        throw modelError("\"" + path + "\" must start with the plural name of one of the Resource types of \""
            + g.plural() + "\"");
      }
      ObjectNode versionAttrs = SpecAttributes.version(r);
      overlay(versionAttrs, gNode.path("resources").path(r.plural()).path("attributes"));
      JsonNode attr = staticScalar(versionAttrs, key.substring(dot + 1));
      if (attr == null) {
        throw modelError("\"" + path + "\" must name a statically defined scalar attribute of " + r.plural());
      }
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw modelError("\"" + path + "\" must be an object");
      }
      for (Iterator<String> keys = c.fieldNames(); keys.hasNext(); ) {
        String k = keys.next();
        if (!CONSTRAINT_KEYS.contains(k)) {
          throw modelError("unknown key \"" + k + "\" in " + path);
        }
      }
      JsonNode en = c.get("enum");
      if (en != null && !en.isNull()) {
        if (!en.isArray()) {
          throw modelError("\"" + path + ".enum\" must be an array");
        }
        for (JsonNode v : en) {
          validValue(v, attr, path + ".enum");
        }
      }
      if (c.has("default") && !c.get("default").isNull()) {
        validValue(c.get("default"), attr, path + ".default");
      }
      String equals = c.path("equals").asText("");
      if (!equals.isEmpty()) {
        ObjectNode groupAttrs = SpecAttributes.group(g);
        overlay(groupAttrs, gNode.path("attributes"));
        JsonNode target = staticScalar(groupAttrs, equals);
        if (target == null) {
          throw modelError("\"" + path + ".equals\" (" + equals + ") must name a statically defined scalar"
              + " attribute of the Group type \"" + g.plural() + "\"");
        }
        if (!target.path("type").asText().equals(attr.path("type").asText())) {
          throw modelError("\"" + path + ".equals\" (" + equals + ") is of type " + target.path("type")
              + " but the constrained attribute is of type " + attr.path("type"));
        }
      }
    }
  }

  private static void overlay(ObjectNode spec, JsonNode user) {
    for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      spec.set(e.getKey(), e.getValue());
    }
  }

  /** The definition at dot-path {@code path} through objects only, if it is a scalar; else null. */
  private static JsonNode staticScalar(JsonNode attrs, String path) {
    JsonNode def = null;
    for (String part : path.split("\\.", -1)) {
      if (def != null) {
        if (!"object".equals(def.path("type").asText())) {
          return null;
        }
        attrs = def.path("attributes");
      }
      if ("*".equals(part) || part.isEmpty()) {
        return null;
      }
      def = attrs.get(part);
      if (def == null) {
        return null;
      }
    }
    return def != null && SCALARS.contains(def.path("type").asText()) ? def : null;
  }

  /** A constraint value must be valid for the attribute: its type and, if strict, its enum. */
  private static void validValue(JsonNode v, JsonNode attr, String where) {
    try {
      AttributeValues.checkExtension(where, v, attr, "/model");
    } catch (XRegistryException ex) {
      throw modelError("\"" + where + "\" value " + v + " does not fit the attribute's type \""
          + attr.path("type").asText() + "\"");
    }
    JsonNode en = attr.path("enum");
    if (en.isArray() && !en.isEmpty() && attr.path("strict").asBoolean(true)) {
      boolean found = false;
      for (JsonNode allowed : en) {
        found |= allowed.equals(v);
      }
      if (!found) {
        throw modelError("\"" + where + "\" value " + v + " is not one of the attribute's strict enum " + en);
      }
    }
  }

  private static Set<String> names(JsonNode attrs) {
    Set<String> out = new HashSet<>();
    attrs.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static XRegistryException modelError(String detail) {
    return XRegistryException.of(ErrorType.MODEL_ERROR, "/model").errorDetail(detail).build();
  }
}
