package dev.xreg.events;

import dev.xreg.storage.feed.Change;
import dev.xreg.storage.feed.ChangeSet;
import dev.xreg.storage.feed.ChangedAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The events of one committed transaction (one interaction), by events.md's rules: one
 * {@code created}, {@code updated} or {@code deleted} event per subject, chosen in the order
 * deleted, created, updated, with the {@code changed} names of all its updates merged; a child
 * created or deleted updates its parent ({@code <GROUPS>}, {@code <GROUPS>count} and so on);
 * a meta change is its Resource's, with names prefixed {@code meta.}; a default Version's
 * change is also its Resource's; {@code deprecated}, {@code model}, {@code modelsource} and
 * {@code capabilities} changes add their own events. All share the transaction's time and
 * correlation ID. Rows of other APIs' changes (OCI, App Registry) are events as written, after
 * the transaction's xRegistry events.
 */
public final class EntityEvents {
  private static final String DEPRECATED_PREFIX = ChangedAttributes.DEPRECATED + ".";
  private static final String CAPABILITIES = "capabilities";

  private EntityEvents() {
  }

  /** The events of {@code set} with {@code source} the absolute URL of the Registry's root. */
  public static List<XRegistryEvent> of(ChangeSet set, String source) {
    Map<String, Subject> subjects = new LinkedHashMap<>();
    List<Change> apiEvents = new ArrayList<>();
    for (Change c : set.changes()) {
      if (c.apiEvent()) {
        apiEvents.add(c); // an OCI or App Registry change: its row is its event
        continue;
      }
      Target t = Target.of(c.xid());
      if (t == null) {
        continue; // not an xRegistry entity (another API's row): no xRegistry event
      }
      Subject s = subjects.computeIfAbsent(t.subject, k -> new Subject(t));
      s.record(c.operation(), c.changed(), t.meta ? "meta." : "");
      if (t.entity.equals("version") && c.changed().contains(ChangedAttributes.DEFAULT_VERSION)) {
        Target resource = Target.of(t.parent);
        subjects.computeIfAbsent(resource.subject, k -> new Subject(resource)).record(Change.UPDATED, c.changed(), "");
      }
    }
    for (Subject child : List.copyOf(subjects.values())) {
      if (child.target.parent != null && child.action() != Change.UPDATED) {
        Target parent = Target.of(child.target.parent);
        subjects.computeIfAbsent(parent.subject, k -> new Subject(parent)).record(Change.UPDATED,
            List.of(child.target.collection, child.target.collection + "count"), "");
      }
    }
    List<XRegistryEvent> out = new ArrayList<>();
    for (Subject s : subjects.values()) {
      s.emit(set, source, out);
    }
    for (Change c : apiEvents) {
      out.add(new XRegistryEvent(c.type(), source, c.xid(), EventPosition.format(set.tx(), out.size()), set.at(),
          set.correlationId(), null, c.data() == null ? null : new io.vertx.core.json.JsonObject(c.data())));
    }
    return out;
  }

  /** The entity a feed row is about: its event subject, type word, parent and the collection it is in. */
  private record Target(String entity, String subject, boolean meta, String parent, String collection) {
    static Target of(String xid) {
      String[] seg = xid.equals("/") ? new String[0] : xid.substring(1).split("/", -1);
      return switch (seg.length) {
        case 0 -> new Target("registry", "/", false, null, null);
        case 2 -> new Target("group", xid, false, "/", seg[0]);
        case 4 -> new Target("resource", xid, false, "/" + seg[0] + "/" + seg[1], seg[2]);
        case 5 -> seg[4].equals("meta") ? new Target("resource", xid.substring(0, xid.length() - "/meta".length()),
            true, "/" + seg[0] + "/" + seg[1], seg[2]) : null;
        case 6 -> seg[4].equals("versions")
            ? new Target("version", xid, false, "/" + String.join("/", seg[0], seg[1], seg[2], seg[3]), seg[4]) : null;
        default -> null;
      };
    }
  }

  /** What one interaction did to one subject. */
  private static final class Subject {
    private final Target target;
    private boolean created;
    private boolean deleted;
    private boolean updated;
    private final TreeSet<String> changed = new TreeSet<>();
    private final TreeSet<String> deprecated = new TreeSet<>();
    private final TreeSet<String> capabilities = new TreeSet<>();

    Subject(Target target) {
      this.target = target;
    }

    void record(char operation, List<String> names, String prefix) {
      switch (operation) {
        case Change.CREATED -> created = true;
        case Change.DELETED -> deleted = true;
        default -> updated = true;
      }
      for (String n : names) {
        if (n.startsWith(ChangedAttributes.RESOURCE)) {
          changed.add(n.substring(ChangedAttributes.RESOURCE.length()));
          continue;
        }
        if (n.startsWith("$")) {
          continue;
        }
        if (n.startsWith(DEPRECATED_PREFIX)) {
          deprecated.add(n.substring(DEPRECATED_PREFIX.length()));
        } else if (n.startsWith(CAPABILITIES + ".")) {
          capabilities.add(n.substring(CAPABILITIES.length() + 1));
        } else {
          changed.add(prefix + n);
        }
      }
    }

    /** events.md: deleted before created before updated. */
    char action() {
      return deleted ? Change.DELETED : created ? Change.CREATED : Change.UPDATED;
    }

    void emit(ChangeSet set, String source, List<XRegistryEvent> out) {
      char action = action();
      String word = action == Change.DELETED ? "deleted" : action == Change.CREATED ? "created" : "updated";
      add(out, set, source, target.entity, word, target.subject,
          action == Change.UPDATED ? List.copyOf(changed) : null);
      if (action != Change.UPDATED) {
        return;
      }
      if (changed.contains("deprecated") || changed.contains("meta.deprecated")) {
        add(out, set, source, target.entity, "deprecation", target.subject, List.copyOf(deprecated));
      }
      if (target.entity.equals("registry")) {
        if (changed.contains("model")) {
          add(out, set, source, "model", "updated", "/model", null);
        }
        if (changed.contains("modelsource")) {
          add(out, set, source, "modelsource", "updated", "/modelsource", null);
        }
        if (changed.contains(CAPABILITIES)) {
          add(out, set, source, CAPABILITIES, "updated", "/capabilities", List.copyOf(capabilities));
        }
      }
    }

    private static void add(List<XRegistryEvent> out, ChangeSet set, String source, String entity, String action,
        String subject, List<String> changed) {
      out.add(new XRegistryEvent(XRegistryEvent.TYPE_PREFIX + entity + "." + action, source, subject,
          EventPosition.format(set.tx(), out.size()), set.at(), set.correlationId(), changed));
    }
  }
}
