package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Group {@code constraints} that apply to one Resource type in one Group instance
 * (model.md "groups.&lt;STRING&gt;.constraints", spec.md "constraints Attribute"): the Group
 * type's from the model merged with the Group instance's own. Each entry constrains the
 * Version attribute at a dot path: {@code enum} (allowed values, an empty list is no
 * constraint), {@code equals} (the value of a Group attribute, ignored while the Group has
 * none) and {@code default} (filled into written Versions that lack the attribute).
 * Violations are {@code constraint_failure} (CORE-COM-014, CORE-XREF-007).
 */
public final class GroupConstraints {
  /** No constraints: every check passes. */
  public static final GroupConstraints NONE = new GroupConstraints(List.of(), null);

  private final List<Rule> rules;
  private final Entity group;

  private GroupConstraints(List<Rule> rules, Entity group) {
    this.rules = rules;
    this.group = group;
  }

  /** One constrained attribute: its dot path below the Version, and the aspects of both levels. */
  private record Rule(String path, List<JsonNode> enums, List<String> equals, JsonNode dflt) {
  }

  /**
   * The constraints for Resources of {@code resourcePlural} in {@code group}: {@code model} is
   * the Group type's {@code constraints} map, the instance's is the Group's {@code constraints}
   * attribute. Both levels apply (the instance may only narrow, see {@link #checkNarrowing}).
   */
  public static GroupConstraints of(JsonNode model, Entity group, String resourcePlural) {
    JsonNode instance = group == null ? null : group.attributes().get("constraints");
    Map<String, Rule> byPath = new java.util.LinkedHashMap<>();
    for (JsonNode level : new JsonNode[] {model, instance}) {
      if (level == null || !level.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = level.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        int dot = key.indexOf('.');
        if (dot < 0 || !key.substring(0, dot).equals(resourcePlural) || !e.getValue().isObject()) {
          continue;
        }
        String path = key.substring(dot + 1);
        Rule before = byPath.getOrDefault(path, new Rule(path, new ArrayList<>(), new ArrayList<>(), null));
        JsonNode c = e.getValue();
        List<JsonNode> enums = new ArrayList<>(before.enums());
        if (c.path("enum").isArray() && !c.get("enum").isEmpty()) {
          enums.add(c.get("enum"));
        }
        List<String> equals = new ArrayList<>(before.equals());
        if (c.path("equals").isTextual() && !c.get("equals").asText().isEmpty()) {
          equals.add(c.get("equals").asText());
        }
        // the instance's default, when it has one, replaces the Group type's
        JsonNode dflt = c.has("default") && !c.get("default").isNull() ? c.get("default") : before.dflt();
        byPath.put(path, new Rule(path, enums, equals, dflt));
      }
    }
    return byPath.isEmpty() ? NONE : new GroupConstraints(List.copyOf(byPath.values()), group);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Whether a Group write from {@code before} to {@code after} can break the constraints of
   * Resources already in the Group: its {@code constraints} changed, or a Group attribute
   * that an {@code equals} names. Only then are they checked again.
   */
  public static boolean groupSideChanged(JsonNode model, Entity before, Entity after) {
    JsonNode was = before.attributes().get("constraints");
    JsonNode is = after.attributes().get("constraints");
    if (was == null ? is != null : !was.equals(is)) {
      return true;
    }
    for (JsonNode level : new JsonNode[] {model, is}) {
      if (level == null) {
        continue;
      }
      for (JsonNode c : level) {
        String path = c.path("equals").asText("");
        if (!path.isEmpty() && !java.util.Objects.equals(at(before.attributes(), path), at(after.attributes(), path))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The request body of a Version write with each constraint {@code default} filled in where the
   * Version would otherwise end up without the attribute: absent from the body, and either
   * {@code replaces} (PUT) or absent from {@code existing} (null for a new Version). Applied
   * before the model's rules, so a Group default satisfies a {@code required} attribute.
   */
  public ObjectNode withDefaults(ObjectNode body, ObjectNode existing, boolean replaces) {
    ObjectNode out = body;
    for (Rule r : rules) {
      if (r.dflt() != null && !present(body, r.path())
          && (replaces || existing == null || at(existing, r.path()) == null)) {
        out = out == body ? body.deepCopy() : out;
        put(out, r.path(), r.dflt().deepCopy());
      }
    }
    return out;
  }

  /** Given in the body at all, also as an explicit null (which then deletes it, as asked). */
  private static boolean present(JsonNode root, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
    return parent != null && parent.isObject() && parent.has(path.substring(dot + 1));
  }

  /** Checks every Version of the Resource at {@code resourceXid} against {@code enum} and {@code equals}. */
  public void check(String resourceXid, Collection<Entity> versions) {
    check(resourceXid, versions, "", "");
  }

  /**
   * CORE-XREF-007 from the target's side: {@code sourceXid}, a Resource of this Group, is an
   * xref to {@code targetXid}, so the target's {@code targetVersions} (just written) must meet
   * this Group's {@code enum} and {@code equals} as well. The failure is about the source, as
   * when the xref is set; its detail names the target's offending Version and this Group.
   */
  public void checkXrefTarget(String sourceXid, String targetXid, Collection<Entity> targetVersions) {
    check(sourceXid, targetVersions, " of " + targetXid, " (Group " + (group == null ? "?" : group.xid())
        + " constrains it: its Resource " + sourceXid + " is an xref to " + targetXid + ")");
  }

  private void check(String resourceXid, Collection<Entity> versions, String of, String why) {
    for (Rule r : rules) {
      for (Entity v : versions) {
        JsonNode value = at(v.attributes(), r.path());
        String version = "Version \"" + v.id() + "\"" + of + " has " + r.path() + " ";
        for (JsonNode allowed : r.enums()) {
          if (value != null && !contains(allowed, value)) {
            throw failure(resourceXid, "enum", r.path(), version + value + ", which is not one of " + allowed + why);
          }
        }
        for (String groupPath : r.equals()) {
          JsonNode expected = group == null ? null : at(group.attributes(), groupPath);
          if (expected != null && (value == null || !same(expected, value))) {
            throw failure(resourceXid, "equals", r.path(), version + (value == null ? "unset" : value.toString())
                + ", but the Group's " + groupPath + " is " + expected + why);
          }
        }
      }
    }
  }

  /**
   * CORE-COM-014: a Group instance's {@code constraints} may only narrow its Group type's: an
   * {@code enum} at both levels must be a subset, an {@code equals} at both levels identical.
   * Keys must name a Resource type of the Group ({@code <RESOURCES>.<PATH>}).
   */
  public static void checkNarrowing(GroupType type, JsonNode model, JsonNode instance, String groupXid) {
    if (instance == null || !instance.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = instance.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      int dot = key.indexOf('.');
      if (dot <= 0 || dot == key.length() - 1 || type.resource(key.substring(0, dot)).isEmpty()) {
        throw invalid(groupXid, "the key \"" + key + "\" must be <RESOURCES>.<PATH> with a Resource type of "
            + type.plural() + " " + type.resources().keySet());
      }
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw invalid(groupXid, "\"" + key + "\" must be an object with default, enum and/or equals");
      }
      if (c.has("enum") && !c.get("enum").isArray() && !c.get("enum").isNull()) {
        throw invalid(groupXid, "\"" + key + ".enum\" must be an array");
      }
      if (c.has("equals") && !c.get("equals").isTextual() && !c.get("equals").isNull()) {
        throw invalid(groupXid, "\"" + key + ".equals\" must be a string, a dot path of a Group attribute");
      }
      JsonNode typeLevel = model == null ? null : model.get(key);
      if (typeLevel == null || !typeLevel.isObject()) {
        continue;
      }
      JsonNode typeEnum = typeLevel.path("enum");
      if (c.path("enum").isArray() && !c.get("enum").isEmpty() && typeEnum.isArray() && !typeEnum.isEmpty()) {
        for (JsonNode v : c.get("enum")) {
          if (!contains(typeEnum, v)) {
            throw invalid(groupXid, "\"" + key + ".enum\" may only narrow the Group type's " + typeEnum + "; "
                + v + " is not in it");
          }
        }
      }
      String typeEquals = typeLevel.path("equals").asText("");
      String own = c.path("equals").asText("");
      if (!typeEquals.isEmpty() && !own.isEmpty() && !typeEquals.equals(own)) {
        throw invalid(groupXid, "\"" + key + ".equals\" must be the Group type's \"" + typeEquals + "\" if given");
      }
    }
  }

  private static XRegistryException invalid(String groupXid, String why) {
    return AttributeValues.invalid("constraints", groupXid, why);
  }

  private static XRegistryException failure(String resourceXid, String kind, String path, String detail) {
    return XRegistryException.of(ErrorType.CONSTRAINT_FAILURE, resourceXid).arg("kind", kind).arg("path", path)
        .detail(detail).build();
  }

  /** The value at a dot path (objects only, spec.md "dot notation"), null when absent or JSON null. */
  static JsonNode at(JsonNode root, String path) {
    JsonNode cur = root;
    for (String part : path.split("\\.", -1)) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  private static void put(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.", -1);
    ObjectNode cur = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      if (next == null || next.isNull()) {
        cur = cur.putObject(parts[i]);
      } else if (next.isObject()) {
        cur = (ObjectNode) next;
      } else {
        return; // a scalar where the path needs an object: the type check of the attribute reports it
      }
    }
    cur.set(parts[parts.length - 1], value);
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode a : array) {
      if (same(a, value)) {
        return true;
      }
    }
    return false;
  }

  /** Scalars compare by value: 1 and 1.0 are the same number. */
  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
