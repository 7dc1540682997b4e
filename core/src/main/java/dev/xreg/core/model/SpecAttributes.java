package dev.xreg.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The spec-defined attributes of each level of a registry (model.md, "Registry Model"), taken
 * from the template {@code spec-model-template.json} with the Group and Resource type names
 * filled in. The parser checks a modelsource against them (CORE-MOD-006, CORE-MOD-021) and
 * {@link FullModel} shows them in {@code GET /model}; each call returns a fresh copy that the
 * caller may change.
 */
final class SpecAttributes {
  private static final ObjectNode TEMPLATE = loadTemplate();

  private SpecAttributes() {
  }

  static ObjectNode registry() {
    return instantiate("registry", Map.of());
  }

  /** The {@code <GROUPS>}, {@code <GROUPS>url} and {@code <GROUPS>count} Registry attributes. */
  static ObjectNode groupCollection(GroupType g) {
    return instantiate("groupCollection", Map.of("{GROUPS}", g.plural()));
  }

  static ObjectNode group(GroupType g) {
    return instantiate("group", Map.of("{GROUP}", g.singular()));
  }

  /** The {@code <RESOURCES>}, {@code <RESOURCES>url} and {@code <RESOURCES>count} Group attributes. */
  static ObjectNode resourceCollection(ResourceType r) {
    return instantiate("resourceCollection", Map.of("{RESOURCES}", r.plural()));
  }

  static ObjectNode version(ResourceType r) {
    return instantiate("version", resourceNames(r));
  }

  /** The {@code <RESOURCE>}, {@code <RESOURCE>url} and {@code <RESOURCE>base64} attributes of {@code hasdocument}. */
  static ObjectNode versionDocument(ResourceType r) {
    return instantiate("versionDocument", resourceNames(r));
  }

  static ObjectNode resource(ResourceType r) {
    return instantiate("resource", resourceNames(r));
  }

  static ObjectNode meta(ResourceType r) {
    return instantiate("meta", resourceNames(r));
  }

  /**
   * The spec attribute a type's singular name would collide with (CORE-MOD-021): e.g. a Group
   * type with singular {@code x} names its ID attribute {@code xid}, which every level already
   * has; a Resource type with singular {@code version} names {@code versionid}. Null when none.
   */
  static String collision(String singular, boolean resourceType) {
    Map<String, String> names = resourceType ? Map.of("{RESOURCE}", singular, "{RESOURCES}", "")
        : Map.of("{GROUP}", singular);
    for (String part : resourceType ? new String[] {"version", "versionDocument", "resource", "meta"}
        : new String[] {"group"}) {
      java.util.Set<String> fixed = new java.util.HashSet<>();
      java.util.List<String> derived = new java.util.ArrayList<>();
      TEMPLATE.get(part).fieldNames().forEachRemaining(k -> (k.contains("{") ? derived : fixed).add(k));
      for (String k : derived) {
        String name = k;
        for (Map.Entry<String, String> n : names.entrySet()) {
          name = name.replace(n.getKey(), n.getValue());
        }
        if (fixed.contains(name)) {
          return name;
        }
      }
    }
    return null;
  }

  private static Map<String, String> resourceNames(ResourceType r) {
    return Map.of("{RESOURCE}", r.singular(), "{RESOURCES}", r.plural());
  }

  /** One part of the template; the names are replaced in its text, keys and values alike. */
  private static ObjectNode instantiate(String part, Map<String, String> names) {
    String text = Json.write(TEMPLATE.get(part));
    for (Map.Entry<String, String> n : names.entrySet()) {
      text = text.replace(n.getKey(), n.getValue());
    }
    return (ObjectNode) Json.parseTrusted(text);
  }

  private static ObjectNode loadTemplate() {
    try (InputStream in = SpecAttributes.class.getResourceAsStream("/dev/xreg/core/spec-model-template.json")) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
