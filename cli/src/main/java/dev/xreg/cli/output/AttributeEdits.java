package dev.xreg.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --set NAME=VALUE}, {@code --add NAME=VALUE} and {@code --del NAME}, applied in that
 * order to an entity's current attributes. NAME is a dot path ({@code labels.env}); VALUE is
 * JSON when it parses as JSON ({@code 5}, {@code true}, {@code {"a":1}}, {@code "5"}) and a
 * string otherwise. {@code --add} appends to an array (creating it); on a map, use
 * {@code --set MAP.KEY=VALUE}.
 *
 * <p>Edits change whole top-level attributes: the server's PATCH replaces an attribute's value
 * wholesale (a PATCH of {@code labels} drops the labels it does not name), so the CLI reads
 * the entity, edits the nested value and sends the attribute complete.
 */
public final class AttributeEdits {
  private final List<String> sets;
  private final List<String> adds;
  private final List<String> dels;

  public AttributeEdits(List<String> sets, List<String> adds, List<String> dels) {
    this.sets = sets == null ? List.of() : sets;
    this.adds = adds == null ? List.of() : adds;
    this.dels = dels == null ? List.of() : dels;
  }

  public boolean isEmpty() {
    return sets.isEmpty() && adds.isEmpty() && dels.isEmpty();
  }

  /** Applies the edits to {@code entity} in place; returns the top-level attributes touched. */
  public Set<String> applyTo(ObjectNode entity) {
    Set<String> touched = new LinkedHashSet<>();
    for (String s : sets) {
      String[] nv = split(s, "--set");
      List<String> path = path(nv[0]);
      parentOf(entity, path, true).set(path.get(path.size() - 1), value(nv[1]));
      touched.add(path.get(0));
    }
    for (String a : adds) {
      String[] nv = split(a, "--add");
      List<String> path = path(nv[0]);
      ObjectNode parent = parentOf(entity, path, true);
      String key = path.get(path.size() - 1);
      JsonNode current = parent.get(key);
      if (current == null || current.isNull()) {
        parent.putArray(key).add(value(nv[1]));
      } else if (current.isArray()) {
        ((ArrayNode) current).add(value(nv[1]));
      } else {
        throw CliFailure.usage("--add " + nv[0] + ": the attribute is " + current.getNodeType().name().toLowerCase()
            + ", not an array" + (current.isObject() ? " (use --set " + nv[0] + ".KEY=VALUE for a map)" : ""));
      }
      touched.add(path.get(0));
    }
    for (String d : dels) {
      List<String> path = path(d);
      ObjectNode parent = parentOf(entity, path, false);
      if (parent != null) {
        parent.remove(path.get(path.size() - 1));
      }
      touched.add(path.get(0));
    }
    return touched;
  }

  /**
   * A PATCH body for the edits: each touched attribute with its whole new value, or null
   * (the spec's "delete this attribute") when the edits removed it.
   */
  public ObjectNode patchFor(ObjectNode current) {
    ObjectNode edited = current.deepCopy();
    ObjectNode body = Json.MAPPER.createObjectNode();
    for (String name : applyTo(edited)) {
      JsonNode v = edited.get(name);
      body.set(name, v == null ? Json.MAPPER.nullNode() : v);
    }
    return body;
  }

  private static String[] split(String s, String option) {
    int eq = s.indexOf('=');
    if (eq <= 0) {
      throw CliFailure.usage(option + " '" + s + "': expected NAME=VALUE");
    }
    return new String[] {s.substring(0, eq), s.substring(eq + 1)};
  }

  private static List<String> path(String name) {
    List<String> p = new ArrayList<>(List.of(name.split("\\.", -1)));
    if (p.stream().anyMatch(String::isEmpty)) {
      throw CliFailure.usage("attribute name '" + name + "' has an empty part");
    }
    return p;
  }

  private static ObjectNode parentOf(ObjectNode root, List<String> path, boolean create) {
    ObjectNode n = root;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = n.get(path.get(i));
      if (next == null || next.isNull()) {
        if (!create) {
          return null;
        }
        next = n.putObject(path.get(i));
      }
      if (!next.isObject()) {
        throw CliFailure.usage("'" + String.join(".", path.subList(0, i + 1)) + "' is not a map");
      }
      n = (ObjectNode) next;
    }
    return n;
  }

  static JsonNode value(String text) {
    try {
      JsonNode n = Json.MAPPER.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
      if (n != null && !n.isMissingNode()) {
        return n;
      }
    } catch (IOException notJson) {
      // a plain string
    }
    return TextNode.valueOf(text);
  }
}
