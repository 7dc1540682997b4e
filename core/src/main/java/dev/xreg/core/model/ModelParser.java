package dev.xreg.core.model;

import static dev.xreg.core.model.ModelRules.modelError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a modelsource into a {@link Model} (model.md "Creating or Updating the Registry Model"):
 * expands {@code $include(s)} ({@link ModelIncludes}) and {@code ximportresources}
 * ({@link ResourceImports}), checks the model language itself here (known keys, type names,
 * aspects, attribute maps, root paths), then the rules between definitions ({@link ModelRules}).
 * Every problem is a {@code model_error} (or one of the spec's own model errors) whose detail
 * names the offending path.
 */
final class ModelParser {
  /** model.md: type names are valid attribute names of at most 57 characters (CORE-MOD-008). */
  private static final Pattern TYPE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,56}$");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
  /** The keys of the model language at each level; anything else is a model_error (CORE-MOD-005). */
  private static final Set<String> MODEL_KEYS = Set.of("$schema", "attributes", "groups", "description", "documentation",
      "labels", "modelversion", "compatiblewith");
  private static final Set<String> GROUP_KEYS = Set.of("plural", "singular", "description", "documentation", "icon",
      "labels", "modelversion", "compatiblewith", "modelcompatiblewith", "attributes", "resources", "xmodelversion",
      "ximportresources", "constraints");
  private static final Set<String> RESOURCE_KEYS = Set.of("plural", "singular", "description", "documentation",
      "icon", "labels", "modelversion", "compatiblewith", "modelcompatiblewith", "maxversions", "setversionid", "setdefaultversionsticky",
      "hasdocument", "versionmode", "singleversionroot", "typemap", "validateformat", "validatecompatibility",
      "strictvalidation", "consistentformat", "attributes", "resourceattributes", "metaattributes");
  /** The spec's own root paths (spec.md "Registry APIs"): a Group type of that name could never be reached. */
  private static final SortedSet<String> API_ROOT_PATHS = Collections.unmodifiableSortedSet(
      new TreeSet<>(Set.of("capabilities", "capabilitiesoffered", "export", "model", "modelsource")));

  private ModelParser() {
  }

  /** Parses and validates a modelsource; {@code null} or JSON {@code null} is the empty model. */
  static Model parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return Model.empty();
    }
    if (!node.isObject()) {
      throw modelError("the model must be a JSON object");
    }
    ObjectNode source = (ObjectNode) node.deepCopy();
    ObjectNode expanded = (ObjectNode) ModelIncludes.resolve(source.deepCopy());
    checkKeys(expanded, MODEL_KEYS, "the model");
    ResourceImports.expand(expanded);
    AttributeSet registryAttributes = attributes(expanded.get("attributes"), "attributes");
    expanded.path("attributes").fieldNames().forEachRemaining(name -> notAServerPath(name, "attributes"));
    Map<String, GroupType> groups = groups(expanded.get("groups"));
    ModelRules.check(expanded, groups);
    return new Model(source, expanded, Collections.unmodifiableMap(groups), registryAttributes);
  }

  /** The {@code groups} map, in definition order; plural and singular names are unique among all of them. */
  static Map<String, GroupType> groups(JsonNode groupsNode) {
    Map<String, GroupType> groups = new LinkedHashMap<>();
    if (groupsNode == null || groupsNode.isNull()) {
      return groups;
    }
    if (!groupsNode.isObject()) {
      throw modelError("\"groups\" must be an object keyed by the Group type's plural name");
    }
    Set<String> names = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = groupsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      GroupType g = group(e.getKey(), e.getValue());
      notAServerPath(g.plural(), "groups");
      notARegistryApi(g.plural());
      claim(names, g.plural(), "groups");
      claim(names, g.singular(), "groups");
      groups.put(g.plural(), g);
    }
    return groups;
  }

  static GroupType group(String key, JsonNode node) {
    String where = "groups." + key;
    if (!node.isObject()) {
      throw modelError("\"" + where + "\" must be an object");
    }
    checkKeys(node, GROUP_KEYS, where);
    String plural = plural(node, key, where);
    String singular = typeName(node, "singular", null, where);
    noSpecAttributeClash(singular, false, where);
    Map<String, ResourceType> resources = new LinkedHashMap<>();
    JsonNode rs = node.get("resources");
    if (rs != null && !rs.isNull()) {
      if (!rs.isObject()) {
        throw modelError("\"" + where + ".resources\" must be an object");
      }
      Set<String> names = new HashSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = rs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ResourceType r = resource(e.getKey(), e.getValue(), where + ".resources." + e.getKey());
        claim(names, r.plural(), where + ".resources");
        claim(names, r.singular(), where + ".resources");
        resources.put(r.plural(), r);
      }
    }
    return new GroupType(plural, singular, Collections.unmodifiableMap(resources),
        attributes(node.get("attributes"), where + ".attributes"));
  }

  /** CORE-MOD-021: a singular name must not make an attribute name the spec already uses at that level. */
  private static void noSpecAttributeClash(String singular, boolean resourceType, String where) {
    String clash = SpecAttributes.collision(singular, resourceType);
    if (clash != null) {
      throw modelError("\"" + where + ".singular\" (" + singular + ") would name an attribute \"" + clash
          + "\", which the spec already defines at that level; choose another singular name");
    }
  }

  /** One Resource type with its aspects, the spec's defaults filled in for those left out. */
  static ResourceType resource(String key, JsonNode node, String where) {
    if (!node.isObject()) {
      throw modelError("\"" + where + "\" must be an object");
    }
    checkKeys(node, RESOURCE_KEYS, where);
    String plural = plural(node, key, where);
    String singular = typeName(node, "singular", null, where);
    noSpecAttributeClash(singular, true, where);
    int maxVersions = uint(node, "maxversions", 0, where);
    boolean setVersionId = bool(node, "setversionid", true, where);
    boolean hasDocument = bool(node, "hasdocument", true, where);
    boolean singleRoot = bool(node, "singleversionroot", false, where);
    for (String flag : new String[] {"validateformat", "validatecompatibility", "strictvalidation", "setdefaultversionsticky"}) {
      bool(node, flag, false, where);
    }
    VersionMode mode = VersionMode.MANUAL;
    JsonNode vm = node.get("versionmode");
    if (vm != null && !vm.isNull()) {
      mode = VersionMode.fromSpecName(vm.asText())
          .filter(m -> vm.isTextual())
          .orElseThrow(() -> modelError("\"" + where + ".versionmode\" (" + vm + ") is not one of manual, createdat, modifiedat, semver"));
    }
    if (mode != VersionMode.MANUAL) {
      // CORE-MOD-016: these modes MUST have singleversionroot true. Left out, the server sets it
      // (GET /model shows true); explicitly false contradicts the mode (A20, docs/spec-decisions.md).
      if (node.has("singleversionroot") && !singleRoot) {
        throw modelError("\"" + where + ".singleversionroot\" must be true with versionmode \"" + vm.asText()
            + "\": leave it out or set it to true");
      }
      singleRoot = true;
    }
    return new ResourceType(plural, singular, maxVersions, setVersionId, hasDocument, mode, singleRoot,
        bool(node, "validateformat", false, where), bool(node, "validatecompatibility", false, where),
        bool(node, "strictvalidation", false, where),
        attributes(node.get("attributes"), where + ".attributes"),
        attributes(node.get("metaattributes"), where + ".metaattributes"),
        TypeMap.parse(node.get("typemap"), where));
  }

  /**
   * One level's attribute map: the names it declares and whether {@code "*"} admits others.
   * Only the names and the shape are checked here; the definitions themselves in ModelRules.
   */
  static AttributeSet attributes(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return AttributeSet.none(Json.object());
    }
    if (!node.isObject()) {
      throw modelError("\"" + where + "\" must be an object keyed by attribute name");
    }
    Set<String> names = new LinkedHashSet<>();
    boolean any = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if ("*".equals(name)) {
        any = true;
      } else if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        throw modelError("attribute name \"" + name + "\" in \"" + where + "\" must match ^[a-z_][a-z0-9_]{0,62}$");
      } else {
        names.add(name);
      }
      if (!e.getValue().isObject()) {
        throw modelError("\"" + where + "." + name + "\" must be an object");
      }
    }
    return new AttributeSet(Collections.unmodifiableSet(names), any, (ObjectNode) node.deepCopy());
  }

  /** {@code plural} may be left out, as the map key names it; given, it must be that key. */
  private static String plural(JsonNode node, String key, String where) {
    String plural = typeName(node, "plural", key, where);
    if (!plural.equals(key)) {
      throw modelError("\"" + where + ".plural\" (" + plural + ") must equal its key (" + key + ")");
    }
    return plural;
  }

  /**
   * A type name, or {@code fallback} if left out; without a fallback it is required. The empty
   * string counts as left out (docs/spec-decisions.md: the reference server does so, and its CLI
   * sends {@code "plural": ""} for every type whose plural the user did not write).
   */
  private static String typeName(JsonNode node, String field, String fallback, String where) {
    JsonNode v = node.get(field);
    if (v != null && v.isTextual() && v.asText().isEmpty()) {
      v = null;
    }
    if ((v == null || v.isNull()) && fallback == null) {
      throw modelError("\"" + where + "." + field + "\" is required");
    }
    if (v == null || v.isNull()) {
      v = Json.MAPPER.getNodeFactory().textNode(fallback);
    }
    if (!v.isTextual() || !TYPE_NAME.matcher(v.asText()).matches()) {
      throw modelError("\"" + where + "." + field + "\" (" + v + ") must be a lowercase name of 1-57 characters matching ^[a-z_][a-z0-9_]*$");
    }
    return v.asText();
  }

  private static int uint(JsonNode node, String field, int dflt, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    String problem = IntegerType.UINTEGER.problem(v);
    if (problem != null) {
      throw modelError("\"" + where + "." + field + "\" " + problem);
    }
    // The model keeps the value as given; a count limit above 2^31-1 acts exactly like 2^31-1,
    // since no Resource can hold that many Versions.
    return (int) Math.min(IntegerType.UINTEGER.value(v), Integer.MAX_VALUE);
  }

  private static boolean bool(JsonNode node, String field, boolean dflt, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw modelError("\"" + where + "." + field + "\" must be a boolean");
    }
    return v.asBoolean();
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw modelError("unknown key \"" + k + "\" in " + where);
      }
    }
  }

  /**
   * CORE-HTTP-002: the server's own root paths ({@link Model#SERVER_ROOT_PATHS}) must not also be
   * Registry attributes or Group collections, or one would hide the other (issue 12).
   */
  private static void notAServerPath(String name, String where) {
    if (Model.SERVER_ROOT_PATHS.contains(name)) {
      throw modelError("\"" + name + "\" in \"" + where + "\" is a root path of this server (" + Model.SERVER_ROOT_PATHS
          + "); choose another name");
    }
  }

  private static void notARegistryApi(String plural) {
    if (API_ROOT_PATHS.contains(plural)) {
      throw modelError("\"" + plural + "\" in \"groups\" is one of the Registry's own paths (" + API_ROOT_PATHS
          + "); choose another name");
    }
  }

  /** CORE-MOD-008: plural and singular names share one namespace per level. */
  private static void claim(Set<String> names, String name, String where) {
    if (!names.add(name)) {
      throw modelError("the name \"" + name + "\" is used twice in \"" + where + "\" (plural and singular names must be unique)");
    }
  }
}
