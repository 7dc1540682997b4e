package dev.xreg.storage.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The names an update changed, as the change feed records them (events.md {@code data.changed}):
 * every top-level attribute added, modified or removed, and for a changed {@code deprecated}
 * sub-object also {@code deprecated.<name>} per changed name inside it, from which the
 * {@code *.deprecation} events take their lists. Server bookkeeping keys ({@code $...}) are no
 * attributes and never listed.
 */
public final class ChangedAttributes {
  /** The prefix of the entries naming changes inside the {@code deprecated} sub-object. */
  public static final String DEPRECATED = "deprecated";

  /**
   * Marks the update of a Version that is its Resource's default, whose attributes are also the
   * Resource's: the Resource changed too (events.md "Update a Resource attribute"). No attribute
   * name starts with '$'.
   */
  public static final String DEFAULT_VERSION = "$default";

  /**
   * Prefixes, on a meta's row, names that are its Resource's own (not {@code meta.}): the
   * attributes of the old and new default Version when the default pointer moved.
   */
  public static final String RESOURCE = "$resource.";

  private final TreeSet<String> names = new TreeSet<>();

  /** Adds the differences between two attribute objects (either may be null = empty). */
  public ChangedAttributes compare(ObjectNode before, ObjectNode after) {
    for (String name : keys(before, after)) {
      JsonNode a = before == null ? null : before.get(name);
      JsonNode b = after == null ? null : after.get(name);
      if (name.startsWith("$") || sameValue(a, b)) {
        continue;
      }
      names.add(name);
      if (name.equals(DEPRECATED)) {
        compareInside(DEPRECATED, a instanceof ObjectNode o ? o : null, b instanceof ObjectNode o ? o : null);
      }
    }
    return this;
  }

  /**
   * Adds {@code prefix.<name>} for every top-level name that differs between two objects, and
   * {@code prefix} itself if any does (a changed {@code deprecated} or {@code capabilities}).
   */
  public ChangedAttributes compareInside(String prefix, ObjectNode before, ObjectNode after) {
    for (String inner : keys(before, after)) {
      if (!sameValue(before == null ? null : before.get(inner), after == null ? null : after.get(inner))) {
        names.add(prefix);
        names.add(prefix + "." + inner);
      }
    }
    return this;
  }

  /** Adds {@code name} if the two values differ. */
  public ChangedAttributes compare(String name, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      names.add(name);
    }
    return this;
  }

  /** Adds {@code name} unconditionally. */
  public ChangedAttributes add(String name) {
    names.add(name);
    return this;
  }

  public boolean isEmpty() {
    return names.isEmpty();
  }

  /** The names in a stable (sorted) order. */
  public String[] toArray() {
    return names.toArray(new String[0]);
  }

  private static TreeSet<String> keys(ObjectNode a, ObjectNode b) {
    TreeSet<String> all = new TreeSet<>();
    for (ObjectNode o : new ObjectNode[] {a, b}) {
      if (o != null) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
          all.add(it.next());
        }
      }
    }
    return all;
  }

  /** Absent and JSON null are the same: an attribute set to null is removed. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    boolean noA = a == null || a.isNull();
    boolean noB = b == null || b.isNull();
    return noA || noB ? noA == noB : a.equals(b);
  }
}
