package dev.xreg.core.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code $include} / {@code $includes} directives of model.md ("Includes in the
 * xRegistry Model Data") and the built-in domain models.
 *
 * <p>xreg resolves only built-in documents: {@code xreg:/models/<name>/model.json}
 * where name is {@code schema}, {@code message}, {@code endpoint} or {@code cloudevents}
 * (the spec files, shipped on the classpath), {@code oci} (xreg's own model of the
 * xRegistry view of OCI content, docs/oci.md "xRegistry view") or {@code cnr} (the view of
 * App Registry packages, docs/cnr.md "xRegistry view"). Relative references resolve against the
 * including document, so the spec's own {@code ../message/model.json#/groups/messagegroups}
 * works inside them. The server never fetches other URLs (no outbound requests from a
 * model update); such an include is a {@code model_error}.
 *
 * <p>Rules: siblings of the directive win over included keys, earlier entries of
 * {@code $includes} win over later ones, both directives at one level is an error, and
 * a cycle is an error. The fragment is a JSON Pointer; as the spec's own
 * {@code cloudevents/model.json} writes {@code #groups}, a fragment without the leading
 * {@code /} is read as {@code /groups} (docs/spec-decisions.md, A-17).
 */
public final class ModelIncludes {
  /** The names accepted by {@code XREG_MODEL} and {@link #builtIn(String)}. */
  public static final List<String> BUILT_IN = List.of("schema", "message", "endpoint", "cloudevents", "oci",
      "cnr");
  private static final String SCHEME = "xreg";
  private static final int MAX_DEPTH = 32;

  private ModelIncludes() {
  }

  /** The include reference of a built-in model, e.g. {@code xreg:/models/schema/model.json}. */
  public static String reference(String name) {
    return SCHEME + ":/models/" + name + "/model.json";
  }

  /** A built-in model by name, includes resolved. */
  public static ObjectNode builtIn(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (!BUILT_IN.contains(n)) {
      throw modelError("unknown built-in model \"" + name + "\"; built-in models are " + BUILT_IN);
    }
    URI uri = URI.create(reference(n));
    return (ObjectNode) resolve(load(uri), uri, new ArrayDeque<>(List.of(uri.toString())));
  }

  /**
   * Several built-in models combined: a modelsource that includes each one's groups
   * (earlier names win on a clash, which for the domain models is the same definition).
   *
   * <p>A Group type that several of the models define differently (the {@code namespaces} of
   * {@code oci} and {@code cnr}) is one Group type with the Resource types of all of them:
   * it is written out with its own {@code $includes} of each definition and of each one's
   * {@code resources}, so the earlier model still wins on the Group's own attributes and on a
   * Resource type both define, and the modelsource stays made of directives only.
   */
  public static ObjectNode combinedSource(List<String> names) {
    ObjectNode src = Json.object();
    ObjectNode groups = src.putObject("groups");
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (!BUILT_IN.contains(n)) {
        throw modelError("unknown built-in model \"" + name + "\"; built-in models are " + BUILT_IN);
      }
      seen.add(n);
    }
    for (Map.Entry<String, List<String>> shared : sharedGroups(seen).entrySet()) {
      ObjectNode group = groups.putObject(shared.getKey());
      ArrayNode resources = group.putObject("resources").putArray("$includes");
      ArrayNode definitions = group.putArray("$includes");
      for (String n : shared.getValue()) {
        resources.add(reference(n) + "#/groups/" + shared.getKey() + "/resources");
        definitions.add(reference(n) + "#/groups/" + shared.getKey());
      }
    }
    ArrayNode includes = groups.putArray("$includes");
    seen.forEach(n -> includes.add(reference(n) + "#/groups"));
    return src;
  }

  /**
   * The Group types that more than one of {@code names} defines, each with the models that do,
   * when their definitions differ (identical ones, as the domain models share, need no merge).
   */
  private static Map<String, List<String>> sharedGroups(Set<String> names) {
    Map<String, List<String>> definedBy = new java.util.TreeMap<>();
    Map<String, JsonNode> first = new java.util.HashMap<>();
    Set<String> differing = new java.util.HashSet<>();
    for (String n : names) {
      builtIn(n).path("groups").fields().forEachRemaining(e -> {
        definedBy.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(n);
        JsonNode before = first.putIfAbsent(e.getKey(), e.getValue());
        if (before != null && !before.equals(e.getValue())) {
          differing.add(e.getKey());
        }
      });
    }
    definedBy.keySet().retainAll(differing);
    return definedBy;
  }

  /** True when the node contains a directive anywhere. */
  public static boolean hasDirectives(JsonNode node) {
    if (node.isObject()) {
      if (node.has("$include") || node.has("$includes")) {
        return true;
      }
      for (JsonNode child : node) {
        if (hasDirectives(child)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        if (hasDirectives(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Expands every directive of a client modelsource (whose base is the registry itself). */
  public static JsonNode resolve(JsonNode source) {
    if (!hasDirectives(source)) {
      return source;
    }
    URI base = URI.create(SCHEME + ":/modelsource");
    return resolve(source.deepCopy(), base, new ArrayDeque<>(List.of(base.toString())));
  }

  private static JsonNode resolve(JsonNode node, URI base, Deque<String> chain) {
    if (chain.size() > MAX_DEPTH) {
      throw modelError("includes nested deeper than " + MAX_DEPTH + " levels: " + chain);
    }
    if (node.isArray()) {
      ArrayNode arr = (ArrayNode) node;
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, resolve(arr.get(i), base, chain));
      }
      return arr;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode obj = (ObjectNode) node;
    JsonNode one = obj.remove("$include");
    JsonNode many = obj.remove("$includes");
    if (one != null && many != null) {
      throw modelError("\"$include\" and \"$includes\" must not both be present at one level");
    }
    List<String> refs = new ArrayList<>();
    if (one != null) {
      if (!one.isTextual()) {
        throw modelError("\"$include\" must be a string, not " + one);
      }
      refs.add(one.asText());
    }
    if (many != null) {
      if (!many.isArray()) {
        throw modelError("\"$includes\" must be an array of strings, not " + many);
      }
      for (JsonNode r : many) {
        if (!r.isTextual()) {
          throw modelError("\"$includes\" entries must be strings, not " + r);
        }
        refs.add(r.asText());
      }
    }
    // Children first (siblings are already final), then the included keys that no sibling
    // or earlier include defined.
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      obj.set(name, resolve(obj.get(name), base, chain));
    }
    for (String ref : refs) {
      JsonNode included = fetch(ref, base, chain);
      if (!included.isObject()) {
        throw modelError("the include \"" + ref + "\" must reference a JSON object, not " + included.getNodeType());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = included.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!obj.has(e.getKey())) {
          obj.set(e.getKey(), e.getValue());
        }
      }
    }
    return obj;
  }

  private static JsonNode fetch(String ref, URI base, Deque<String> chain) {
    URI target;
    try {
      target = base.resolve(new URI(ref));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw modelError("the include \"" + ref + "\" is not a valid URI reference");
    }
    String fragment = target.getRawFragment();
    URI doc;
    try {
      doc = new URI(target.getScheme(), target.getSchemeSpecificPart(), null);
    } catch (URISyntaxException e) {
      throw modelError("the include \"" + ref + "\" is not a valid URI reference");
    }
    String key = doc + "#" + (fragment == null ? "" : fragment);
    if (chain.contains(key) || chain.contains(doc.toString()) && fragment == null) {
      throw modelError("circular include chain: " + String.join(" -> ", chain) + " -> " + key);
    }
    JsonNode whole = load(doc);
    JsonNode part = whole;
    if (fragment != null && !fragment.isEmpty()) {
      String pointer = fragment.startsWith("/") ? fragment : "/" + fragment;
      try {
        part = whole.at(JsonPointer.compile(decode(pointer)));
      } catch (IllegalArgumentException e) {
        throw modelError("the fragment of \"" + ref + "\" is not a JSON Pointer");
      }
      if (part.isMissingNode()) {
        throw modelError("the include \"" + ref + "\" points at nothing in " + doc);
      }
    }
    chain.push(key);
    try {
      return resolve(part.deepCopy(), doc, chain);
    } finally {
      chain.pop();
    }
  }

  private static String decode(String pointer) {
    return java.net.URLDecoder.decode(pointer.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonNode load(URI doc) {
    if (!SCHEME.equals(doc.getScheme()) || doc.getPath() == null) {
      throw modelError("the include \"" + doc + "\" cannot be fetched: xreg resolves only built-in models ("
          + reference("<name>") + " with <name> one of " + BUILT_IN + ")");
    }
    String path = doc.getPath();
    String name = path.startsWith("/models/") && path.endsWith("/model.json")
        ? path.substring("/models/".length(), path.length() - "/model.json".length()) : "";
    if (!BUILT_IN.contains(name)) {
      throw modelError("the include \"" + doc + "\" names no built-in model; built-in models are "
          + BUILT_IN.stream().map(ModelIncludes::reference).toList());
    }
    try (InputStream in = ModelIncludes.class.getResourceAsStream("/dev/xreg/core/models/" + name + "/model.json")) {
      if (in == null) {
        throw new IOException("missing classpath resource for " + name);
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("built-in model " + name + " is unreadable", e);
    }
  }

  private static XRegistryException modelError(String detail) {
    return XRegistryException.of(ErrorType.MODEL_ERROR, "/model").errorDetail(detail).build();
  }
}
