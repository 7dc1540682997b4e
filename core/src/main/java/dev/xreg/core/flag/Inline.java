package dev.xreg.core.flag;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ?inline} flag (spec "Inline Flag", CORE-INL-001..005) as a tree of the
 * names to inline below the request's target. Storage walks it to decide what to load,
 * the serializer to decide what to write, so both always agree.
 */
public final class Inline {
  /** Never included by {@code *} (CORE-INL-003). */
  private static final Set<String> REGISTRY_ONLY = Set.of("capabilities", "model", "modelsource");
  public static final Inline NONE = new Inline(false);
  private static final Inline ALL = new Inline(true);
  // NONE and ALL are shared; parse() only ever mutates nodes it created itself.

  private boolean all;
  private final Map<String, Inline> children = new HashMap<>();

  private Inline(boolean all) {
    this.all = all;
  }

  /** Whether {@code name} (a collection, {@code meta}, a document, or a Registry-only attribute) is inlined here. */
  public boolean has(String name) {
    return children.containsKey(name) || (all && !REGISTRY_ONLY.contains(name));
  }

  /** The subtree below {@code name}: what to inline inside the entities of that collection. */
  public Inline child(String name) {
    Inline c = children.get(name);
    if (c != null) {
      return c;
    }
    return all && !REGISTRY_ONLY.contains(name) ? ALL : NONE;
  }

  public boolean isEmpty() {
    return !all && children.isEmpty();
  }

  /** Everything below: {@code inline=*}. */
  public static Inline all() {
    return ALL;
  }

  /**
   * Parses the values of every {@code inline} parameter (each may hold comma-separated
   * paths) relative to {@code target}. A bare {@code ?inline} means {@code *}.
   */
  public static Inline parse(List<String> values, EntityPath target, Model model, String subject) {
    if (values == null || values.isEmpty()) {
      return NONE;
    }
    Inline root = new Inline(false);
    for (String value : values) {
      for (String raw : value.split(",", -1)) {
        String path = raw.trim();
        if (path.isEmpty()) {
          if (values.size() == 1 && value.isEmpty()) {
            return ALL;
          }
          throw bad(subject, raw, "empty inline path");
        }
        root.add(path, target, model, subject);
      }
    }
    return root;
  }

  private void add(String path, EntityPath target, Model model, String subject) {
    String[] segs = path.split("\\.", -1);
    Inline node = this;
    Level level = Level.of(target);
    for (int i = 0; i < segs.length; i++) {
      String s = segs[i];
      if ("*".equals(s)) {
        if (i != segs.length - 1) {
          throw bad(subject, path, "'*' may only be the last segment of an inline path");
        }
        node.markAll();
        return;
      }
      if (s.contains("*")) {
        throw bad(subject, path, "'*' must stand alone as a path segment");
      }
      Level next = level.step(s, model, i == 0);
      if (next == null) {
        if (level.knownAttribute(s)) {
          throw XRegistryException.of(ErrorType.INLINE_NONINLINEABLE, subject).arg("name", s).build();
        }
        throw bad(subject, path, "\"" + s + "\" is not an inlineable name at this level");
      }
      if (node.all && !REGISTRY_ONLY.contains(s)) {
        return; // already covered by an earlier '*'
      }
      node = node.children.computeIfAbsent(s, k -> new Inline(false));
      level = next;
    }
  }

  /** {@code *} at this node: everything below, keeping explicitly named Registry-only attributes. */
  private void markAll() {
    children.keySet().removeIf(k -> !REGISTRY_ONLY.contains(k));
    all = true;
  }

  private static XRegistryException bad(String subject, String value, String detail) {
    return XRegistryException.of(ErrorType.BAD_INLINE, subject).arg("value", value).errorDetail(detail).build();
  }

  /** Where a path segment is being resolved: which names are inlineable there. */
  private record Level(String kind, GroupType group, ResourceType resource) {
    static Level of(EntityPath t) {
      return switch (t.level()) {
        case REGISTRY -> new Level("registry", null, null);
        case GROUPS -> new Level("groups", t.group(), null);
        case GROUP -> new Level("group", t.group(), null);
        case RESOURCES -> new Level("resources", t.group(), t.resource());
        case RESOURCE -> new Level("resource", t.group(), t.resource());
        case META -> new Level("meta", t.group(), t.resource());
        case VERSIONS -> new Level("versions", t.group(), t.resource());
        case VERSION -> new Level("version", t.group(), t.resource());
      };
    }

    Level step(String name, Model model, boolean first) {
      switch (kind) {
        case "registry":
          if (first && REGISTRY_ONLY.contains(name)) {
            return new Level("leaf", null, null);
          }
          return model.group(name).map(g -> new Level("group", g, null)).orElse(null);
        case "groups":
        case "group":
          return group.resource(name).map(r -> new Level("resource", group, r)).orElse(null);
        case "resources":
        case "resource":
          if ("meta".equals(name)) {
            return new Level("leaf", group, resource);
          }
          if ("versions".equals(name)) {
            return new Level("version", group, resource);
          }
          return resource.hasDocument() && resource.singular().equals(name) ? new Level("leaf", group, resource) : null;
        case "versions":
        case "version":
          return resource.hasDocument() && resource.singular().equals(name) ? new Level("leaf", group, resource) : null;
        default:
          return null;
      }
    }

    boolean knownAttribute(String name) {
      return Set.of("name", "description", "labels", "epoch", "self", "xid", "createdat", "modifiedat",
          "documentation", "icon", "versionid", "isdefault", "ancestorid", "contenttype").contains(name)
          || (resource != null && name.equals(resource.documentBase64Attribute()));
    }
  }
}
