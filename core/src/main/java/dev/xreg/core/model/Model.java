package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.XRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry model: what the client supplied ({@link #source()}, served as
 * {@code /modelsource}) and the parsed Group and Resource types with their aspects.
 * Immutable; a model change builds a new instance.
 */
public final class Model {
  /** model.md: type names are valid attribute names of at most 57 characters. */
  private static final Pattern TYPE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,56}$");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
  private static final Set<String> MODEL_KEYS = Set.of("$schema", "attributes", "groups", "description", "documentation",
      "labels", "modelversion", "compatiblewith");
  /**
   * Paths the server serves at the root besides the xRegistry tree (operations, the OCI
   * {@code /v2/} and App Registry {@code /cnr} APIs, the token endpoint {@code /auth}): no
   * Registry attribute or Group type may use these names, or one would hide the other.
   * ({@code -}, {@code .well-known} and {@code .xregistry} are no valid names anyway.)
   */
  public static final java.util.SortedSet<String> SERVER_ROOT_PATHS = java.util.Collections.unmodifiableSortedSet(
      new java.util.TreeSet<>(Set.of("auth", "cnr", "health", "metrics", "ready", "v2")));
  /** The spec's own root paths (spec.md "Registry APIs"): a Group type of that name could never be reached. */
  private static final java.util.SortedSet<String> API_ROOT_PATHS = java.util.Collections.unmodifiableSortedSet(
      new java.util.TreeSet<>(Set.of("capabilities", "capabilitiesoffered", "export", "model", "modelsource")));
  private static final Set<String> GROUP_KEYS = Set.of("plural", "singular", "description", "documentation", "icon",
      "labels", "modelversion", "compatiblewith", "modelcompatiblewith", "attributes", "resources", "xmodelversion",
      "ximportresources", "constraints");
  private static final Set<String> RESOURCE_KEYS = Set.of("plural", "singular", "description", "documentation",
      "icon", "labels", "modelversion", "compatiblewith", "modelcompatiblewith", "maxversions", "setversionid", "setdefaultversionsticky",
      "hasdocument", "versionmode", "singleversionroot", "typemap", "validateformat", "validatecompatibility",
      "strictvalidation", "consistentformat", "attributes", "resourceattributes", "metaattributes");

  private static final ObjectNode TEMPLATE = loadTemplate();

  private final ObjectNode source;
  /** The source with {@code $include(s)} and {@code ximportresources} expanded. */
  private final ObjectNode expanded;
  private final Map<String, GroupType> groups;
  private final AttributeSet registryAttributes;

  private Model(ObjectNode source, ObjectNode expanded, Map<String, GroupType> groups,
      AttributeSet registryAttributes) {
    this.source = source;
    this.expanded = expanded;
    this.groups = groups;
    this.registryAttributes = registryAttributes;
  }

  /** The spec-only model: no Group types (modelsource {@code {}}). */
  public static Model empty() {
    return parse(Json.object());
  }

  /** Parses and validates a modelsource; problems are {@code model_error} with a precise detail. */
  public static Model parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return empty();
    }
    if (!node.isObject()) {
      throw modelError("the model must be a JSON object");
    }
    ObjectNode source = (ObjectNode) node.deepCopy();
    ObjectNode expanded = (ObjectNode) ModelIncludes.resolve(source.deepCopy());
    checkKeys(expanded, MODEL_KEYS, "the model");
    importResources(expanded);
    AttributeSet registryAttributes = attributes(expanded.get("attributes"), "attributes");
    expanded.path("attributes").fieldNames().forEachRemaining(name -> notAServerPath(name, "attributes"));
    Map<String, GroupType> groups = new LinkedHashMap<>();
    JsonNode groupsNode = expanded.get("groups");
    if (groupsNode != null && !groupsNode.isNull()) {
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
    }
    ModelRules.check(expanded, groups);
    return new Model(source, expanded, Collections.unmodifiableMap(groups), registryAttributes);
  }

  /**
   * A built-in domain model, or several combined ({@code "schema"}, {@code "cloudevents"},
   * {@code "message,endpoint"}): its modelsource keeps the {@code $include} directives.
   */
  public static ObjectNode builtInSource(String names) {
    List<String> list = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        list.add(n.trim());
      }
    }
    return ModelIncludes.combinedSource(list);
  }

  /**
   * model.md "ximportresources" (CORE-MOD-018): a Group type reuses Resource types of other
   * Group types, named {@code /<GROUPS>/<RESOURCES>}; never its own Group, never in a circle.
   * A Group whose imports come from a Group that imports too is resolved after it, so chains
   * work in any order. Processed here; it never appears in {@code model}.
   */
  private static void importResources(ObjectNode expanded) {
    JsonNode groupsNode = expanded.get("groups");
    if (groupsNode == null || !groupsNode.isObject()) {
      return;
    }
    ObjectNode groups = (ObjectNode) groupsNode;
    Set<String> done = new HashSet<>();
    for (Iterator<String> it = groups.fieldNames(); it.hasNext(); ) {
      importInto(groups, it.next(), new ArrayList<>(), done);
    }
  }

  private static void importInto(ObjectNode groups, String name, List<String> chain, Set<String> done) {
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
      importInto(groups, parts[1], chain, done); // the source's own imports first
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

  /** The modelsource exactly as supplied. */
  public ObjectNode source() {
    return source.deepCopy();
  }

  /** The model definition after {@code $include(s)} and {@code ximportresources} processing. */
  public ObjectNode expanded() {
    return expanded.deepCopy();
  }

  public Map<String, GroupType> groups() {
    return groups;
  }

  public Optional<GroupType> group(String plural) {
    return Optional.ofNullable(groups.get(plural));
  }

  public AttributeSet registryAttributes() {
    return registryAttributes;
  }

  /** The {@code constraints} of a Group type (model.md "groups.&lt;STRING&gt;.constraints"), empty if none. */
  public ObjectNode groupConstraints(String groupPlural) {
    JsonNode c = expanded.path("groups").path(groupPlural).path("constraints");
    return c.isObject() ? (ObjectNode) c : Json.object();
  }

  /**
   * The full model of {@code GET /model}: every spec-defined attribute at every level,
   * the collection attributes, and every Resource aspect with its default filled in.
   */
  public ObjectNode full() {
    ObjectNode out = Json.object();
    ObjectNode attrs = instantiate("registry", Map.of());
    mergeExtensions(attrs, registryAttributes);
    for (GroupType g : groups.values()) {
      attrs.setAll(instantiate("groupCollection", Map.of("{GROUPS}", g.plural())));
    }
    out.set("attributes", attrs);
    ObjectNode groupsOut = out.putObject("groups");
    for (GroupType g : groups.values()) {
      ObjectNode gOut = groupsOut.putObject(g.plural());
      gOut.put("plural", g.plural());
      gOut.put("singular", g.singular());
      copyDescriptive(expanded.path("groups").path(g.plural()), gOut);
      JsonNode constraints = expanded.path("groups").path(g.plural()).path("constraints");
      if (constraints.isObject()) {
        gOut.set("constraints", constraints);
      }
      ObjectNode gAttrs = instantiate("group", Map.of("{GROUP}", g.singular()));
      mergeExtensions(gAttrs, g.attributes());
      for (ResourceType r : g.resources().values()) {
        gAttrs.setAll(instantiate("resourceCollection", Map.of("{RESOURCES}", r.plural())));
      }
      gOut.set("attributes", gAttrs);
      ObjectNode rsOut = gOut.putObject("resources");
      for (ResourceType r : g.resources().values()) {
        rsOut.set(r.plural(), fullResource(g, r));
      }
    }
    return out;
  }

  private ObjectNode fullResource(GroupType g, ResourceType r) {
    JsonNode src = expanded.path("groups").path(g.plural()).path("resources").path(r.plural());
    Map<String, String> names = Map.of("{RESOURCE}", r.singular(), "{RESOURCES}", r.plural());
    ObjectNode out = Json.object();
    out.put("plural", r.plural());
    out.put("singular", r.singular());
    copyDescriptive(src, out);
    // as given: a limit beyond 2^31-1 is held as 2^31-1 (see uint) but shown exactly
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
    ObjectNode version = instantiate("version", names);
    mergeExtensions(version, r.versionAttributes());
    if (r.hasDocument()) {
      version.setAll(instantiate("versionDocument", names));
    }
    out.set("attributes", version);
    out.set("resourceattributes", instantiate("resource", names));
    ObjectNode meta = instantiate("meta", names);
    mergeExtensions(meta, r.metaAttributes());
    out.set("metaattributes", meta);
    return out;
  }

  private static void copyDescriptive(JsonNode src, ObjectNode out) {
    for (String key : new String[] {"description", "documentation", "icon", "labels", "modelversion", "compatiblewith",
        "modelcompatiblewith"}) {
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

  /** The spec-defined attributes of one level of the template, with the type names filled in. */
  static ObjectNode instantiate(String part, Map<String, String> names) {
    String text = Json.write(TEMPLATE.get(part));
    for (Map.Entry<String, String> n : names.entrySet()) {
      text = text.replace(n.getKey(), n.getValue());
    }
    return (ObjectNode) Json.parseTrusted(text);
  }

  private static GroupType group(String key, JsonNode node) {
    String where = "groups." + key;
    if (!node.isObject()) {
      throw modelError("\"" + where + "\" must be an object");
    }
    checkKeys(node, GROUP_KEYS, where);
    String plural = typeName(node, "plural", key, where);
    if (!plural.equals(key)) {
      throw modelError("\"" + where + ".plural\" (" + plural + ") must equal its key (" + key + ")");
    }
    String singular = typeName(node, "singular", null, where);
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

  private static ResourceType resource(String key, JsonNode node, String where) {
    if (!node.isObject()) {
      throw modelError("\"" + where + "\" must be an object");
    }
    checkKeys(node, RESOURCE_KEYS, where);
    String plural = typeName(node, "plural", key, where);
    if (!plural.equals(key)) {
      throw modelError("\"" + where + ".plural\" (" + plural + ") must equal its key (" + key + ")");
    }
    String singular = typeName(node, "singular", null, where);
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

  private static AttributeSet attributes(JsonNode node, String where) {
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

  private static String typeName(JsonNode node, String field, String fallback, String where) {
    JsonNode v = node.get(field);
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
   * CORE-HTTP-002: the server's own root paths ({@link #SERVER_ROOT_PATHS}) must not also be
   * Registry attributes or Group collections, or one would hide the other (issue 12).
   */
  private static void notAServerPath(String name, String where) {
    if (SERVER_ROOT_PATHS.contains(name)) {
      throw modelError("\"" + name + "\" in \"" + where + "\" is a root path of this server (" + SERVER_ROOT_PATHS
          + "); choose another name");
    }
  }

  private static void notARegistryApi(String plural) {
    if (API_ROOT_PATHS.contains(plural)) {
      throw modelError("\"" + plural + "\" in \"groups\" is one of the Registry's own paths (" + API_ROOT_PATHS
          + "); choose another name");
    }
  }

  private static void claim(Set<String> names, String name, String where) {
    if (!names.add(name)) {
      throw modelError("the name \"" + name + "\" is used twice in \"" + where + "\" (plural and singular names must be unique)");
    }
  }

  private static XRegistryException modelError(String detail) {
    return ModelRules.modelError(detail);
  }

  private static ObjectNode loadTemplate() {
    try (InputStream in = Model.class.getResourceAsStream("/dev/xreg/core/spec-model-template.json")) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
