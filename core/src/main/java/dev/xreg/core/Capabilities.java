package dev.xreg.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.format.Formats;
import dev.xreg.core.render.Serializer;
import dev.xreg.core.write.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The capabilities this server really has (CORE-CAP-002: every supported capability,
 * nothing it cannot do), what a client may change them to ({@code /capabilitiesoffered}),
 * and the validation of {@code PUT}/{@code PATCH /capabilities} (CORE-CAP-010..014).
 */
public final class Capabilities {
  /** Flags this server implements; a flag switched off in {@code flags} is ignored. */
  public static final List<String> FLAGS = List.of("binary", "collections", "doc", "dryrun", "epoch", "filter", "ignore",
      "inline", "setdefaultversionid", "sort", "specversion");
  /** Values of {@code ?ignore} this server implements (CORE-IGN-001). */
  public static final List<String> IGNORES = List.of("capabilities", "defaultversionid", "defaultversionsticky",
      "epoch", "id", "modelsource", "readonly");
  public static final List<String> VERSION_MODES = List.of("manual", "createdat", "modifiedat", "semver");
  private static final List<String> KEYS = List.of("available", "compatibilities", "flags", "formats", "ignores",
      "pagination", "shortself", "specversions", "versionmodes");

  private Capabilities() {
  }

  public static ObjectNode defaults() {
    ObjectNode c = Json.object();
    c.set("available", available());
    ObjectNode compat = c.putObject("compatibilities");
    Formats.compatibilities().forEach((format, rules) -> strings(compat.putArray(format), rules));
    strings(c.putArray("flags"), FLAGS);
    strings(c.putArray("formats"), Formats.advertised());
    strings(c.putArray("ignores"), IGNORES);
    c.put("pagination", true);
    c.put("shortself", false);
    c.putArray("specversions").add(Serializer.SPEC_VERSION);
    strings(c.putArray("versionmodes"), VERSION_MODES);
    return c;
  }

  /**
   * Capabilities a client never changed are kept as {@code {}} ("the server's defaults") and
   * read as the current server's defaults, so an upgraded server advertises its new features;
   * changed ones are kept as they are. {@link #stored} and {@link #fromStored} are the two
   * directions of that rule, whatever the store.
   */
  public static ObjectNode stored(ObjectNode capabilities) {
    return capabilities.equals(defaults()) ? Json.object() : capabilities;
  }

  /** The capabilities in force for what {@link #stored} kept. */
  public static ObjectNode fromStored(ObjectNode stored) {
    return stored.isEmpty() ? defaults() : stored;
  }

  /** {@code GET /capabilitiesoffered}: each capability's type and the values this server accepts. */
  public static ObjectNode offered() {
    ObjectNode o = Json.object();
    ObjectNode available = o.putObject("available");
    available.put("type", "object");
    ObjectNode attrs = available.putObject("attributes");
    for (String name : List.of("capabilities", "capabilitiesoffered", "entities", "export", "model", "modelsource")) {
      attrs.putObject(name).put("type", "object").putObject("attributes").putObject("mutable").put("type", "boolean");
    }
    o.putObject("compatibilities").put("type", "map").putObject("item").put("type", "array");
    enumArray(o.putObject("flags"), FLAGS);
    enumArray(o.putObject("formats"), Formats.advertised());
    enumArray(o.putObject("ignores"), IGNORES);
    o.putObject("pagination").put("type", "boolean").putArray("enum").add(true);
    o.putObject("shortself").put("type", "boolean").putArray("enum").add(false).add(true);
    enumArray(o.putObject("specversions"), List.of(Serializer.SPEC_VERSION));
    enumArray(o.putObject("versionmodes"), VERSION_MODES);
    return o;
  }

  /** Applies a PUT (full replacement, missing means default) or PATCH (listed ones replaced whole). */
  public static ObjectNode apply(ObjectNode current, JsonNode body, Method method) {
    if (body == null || body.isNull()) {
      return defaults();
    }
    if (!body.isObject()) {
      throw error("the capabilities must be a JSON object");
    }
    ObjectNode next = method == Method.PUT ? defaults() : current.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (!KEYS.contains(key)) {
        throw XRegistryException.of(ErrorType.CAPABILITY_UNKNOWN, "/capabilities").arg("field", key)
            .detail("known capabilities: " + KEYS).build();
      }
      if (v.isNull()) {
        next.set(key, defaults().get(key));
        continue;
      }
      next.set(key, switch (key) {
        case "flags" -> subset(key, v, FLAGS);
        case "formats" -> subset(key, v, Formats.advertised());
        case "ignores" -> subset(key, v, IGNORES);
        case "versionmodes" -> required(key, subset(key, v, VERSION_MODES), "manual");
        case "specversions" -> required(key, subset(key, v, List.of(Serializer.SPEC_VERSION)), Serializer.SPEC_VERSION);
        case "pagination" -> only(key, v, defaults().get(key));
        case "shortself" -> bool(key, v);
        case "compatibilities" -> only(key, v, defaults().get(key));
        default -> only(key, v, available());
      });
    }
    return next;
  }

  /** An array capability: values compared case-insensitively, {@code "*"} alone expands to all. */
  private static ArrayNode subset(String field, JsonNode v, List<String> allowed) {
    if (!v.isArray()) {
      throw value(field, v, allowed, "must be an array of strings");
    }
    Set<String> chosen = new LinkedHashSet<>();
    boolean wildcard = false;
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw value(field, item, allowed, "must be a string");
      }
      if ("*".equals(item.asText())) {
        wildcard = true;
        continue;
      }
      String match = allowed.stream().filter(a -> a.equalsIgnoreCase(item.asText())).findFirst()
          .orElseThrow(() -> value(field, item, allowed, "this server does not support it"));
      chosen.add(match);
    }
    if (wildcard && (!chosen.isEmpty() || v.size() > 1)) {
      throw XRegistryException.of(ErrorType.CAPABILITY_WILDCARD, "/capabilities").arg("field", field).build();
    }
    List<String> values = wildcard ? allowed : new ArrayList<>(chosen);
    ArrayNode out = Json.MAPPER.createArrayNode();
    allowed.stream().filter(values::contains).forEach(out::add);
    return out;
  }

  private static ArrayNode required(String field, ArrayNode values, String mandatory) {
    for (JsonNode v : values) {
      if (v.asText().equalsIgnoreCase(mandatory)) {
        return values;
      }
    }
    throw XRegistryException.of(ErrorType.CAPABILITY_MISSING_VALUE, "/capabilities").arg("name", field)
        .arg("value", mandatory).build();
  }

  private static JsonNode bool(String field, JsonNode v) {
    if (!v.isBoolean()) {
      throw XRegistryException.of(ErrorType.CAPABILITY_VALUE, "/capabilities").arg("value", v.toString())
          .arg("field", field).arg("list", "[false,true]").detail("\"" + field + "\" is true or false").build();
    }
    return v;
  }

  private static JsonNode only(String field, JsonNode v, JsonNode supported) {
    if (!v.equals(supported)) {
      throw XRegistryException.of(ErrorType.CAPABILITY_VALUE, "/capabilities").arg("value", v.toString())
          .arg("field", field).arg("list", supported.toString())
          .detail("this server supports only " + supported + " for \"" + field + "\"").build();
    }
    return v;
  }

  /** Whether {@code flag} is switched on in {@code capabilities} (CORE-FLG-002: off means ignored). */
  public static boolean flagEnabled(ObjectNode capabilities, String flag) {
    for (JsonNode f : capabilities.path("flags")) {
      if (f.asText().toLowerCase(Locale.ROOT).equals(flag)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode available() {
    ObjectNode a = Json.object();
    a.putObject("capabilities").put("mutable", true);
    a.putObject("capabilitiesoffered").put("mutable", false);
    a.putObject("entities").put("mutable", true);
    a.putObject("export").put("mutable", false);
    a.putObject("model").put("mutable", false);
    a.putObject("modelsource").put("mutable", true);
    return a;
  }

  private static XRegistryException value(String field, JsonNode v, List<String> allowed, String why) {
    return XRegistryException.of(ErrorType.CAPABILITY_VALUE, "/capabilities").arg("value", v.isTextual() ? v.asText()
        : v.toString()).arg("field", field).arg("list", String.join(",", allowed)).detail(why).build();
  }

  private static XRegistryException error(String detail) {
    return XRegistryException.of(ErrorType.CAPABILITY_ERROR, "/capabilities").errorDetail(detail).build();
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static void enumArray(ObjectNode o, List<String> values) {
    o.put("type", "array");
    o.putObject("item").put("type", "string");
    strings(o.putArray("enum"), values);
  }
}
