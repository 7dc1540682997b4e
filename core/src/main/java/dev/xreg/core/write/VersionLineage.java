package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.model.VersionMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code ancestorid} of every Version (spec.md "ancestorid Attribute", model.md
 * {@code versionmode} and {@code singleversionroot}; CORE-VER-007..012): what a write
 * asks for, what the server assigns at the end of the request, and the checks on the result.
 * In {@code manual} mode clients choose ancestors; in the chained modes (createdat,
 * modifiedat, semver) the server keeps one chain in version order.
 */
final class VersionLineage {
  private final ResourceType type;
  private final String xid;
  private final ResourceVersions versions;
  /** Versions written without an ancestor: {@link #assign()} gives them one. */
  private final Set<String> needsAncestor = new LinkedHashSet<>();

  VersionLineage(ResourceType type, String xid, ResourceVersions versions) {
    this.type = type;
    this.xid = xid;
    this.versions = versions;
  }

  /**
   * CORE-VER-007: sets the {@code ancestorid} a written Version asks for in {@code attrs}:
   * the one given ({@code request} means itself), else the stored one; with neither, the
   * Version waits for {@link #assign()}.
   */
  void written(String vid, ObjectNode body, Entity existing, ObjectNode attrs) {
    JsonNode given = body.get("ancestorid");
    String ancestor;
    if (given == null || given.isNull()) {
      ancestor = existing == null ? null : existing.text("ancestorid");
    } else {
      ancestor = "request".equals(given.asText()) ? vid : given.asText();
    }
    if (ancestor == null) {
      needsAncestor.add(vid);
    } else {
      attrs.put("ancestorid", ancestor);
    }
  }

  /** CORE-VER-011: in manual mode an orphan of a deleted Version becomes a root; chained modes re-chain in {@link #assign()}. */
  void removed(String vid) {
    for (String orphan : List.copyOf(versions.ids())) {
      if (vid.equals(versions.get(orphan).text("ancestorid"))) {
        setAncestor(orphan, orphan);
      }
    }
  }

  /**
   * CORE-VER-007/008/010: chained modes re-chain every Version; in manual mode new Versions
   * without an ancestor chain onto the newest, in ID order, then every ancestor must exist
   * and the ancestors must form no cycle.
   */
  void assign() {
    VersionMode mode = type.versionMode();
    if (mode != VersionMode.MANUAL) {
      rechain();
      return;
    }
    List<String> pending = new ArrayList<>(needsAncestor);
    pending.sort(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)));
    // "Current" Versions: those that existed before this request, then each one assigned here.
    Set<String> current = new LinkedHashSet<>(versions.ids());
    current.removeAll(versions.created());
    for (String vid : pending) {
      List<Entity> candidates = current.stream().map(versions::get).toList();
      Entity newest = VersionOrder.newest(mode, candidates);
      versions.get(vid).attributes().put("ancestorid", newest == null ? vid : newest.id());
      current.add(vid);
    }
    for (Entity v : versions.all()) {
      String a = v.text("ancestorid");
      if (!versions.contains(a)) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ID, v.xid()).arg("singular", "version").arg("id", a)
            .detail("ancestorid \"" + a + "\" names no Version of " + xid).build();
      }
    }
    checkCycles();
  }

  /**
   * Chained modes: the ancestor of each Version is the previous one in version order (A18).
   * A no-op in manual mode.
   */
  void rechain() {
    if (type.versionMode() == VersionMode.MANUAL) {
      return;
    }
    List<Entity> ordered = new ArrayList<>(versions.all());
    ordered.sort(VersionOrder.ascending(type.versionMode()));
    String previous = null;
    for (Entity v : ordered) {
      setAncestor(v.id(), previous == null ? v.id() : previous);
      previous = v.id();
    }
  }

  /** CORE-VER-012: with {@code singleversionroot} at most one Version may be its own ancestor. */
  void checkSingleRoot() {
    if (!type.singleVersionRoot()) {
      return;
    }
    List<String> roots = versions.all().stream().filter(v -> v.id().equals(v.text("ancestorid")))
        .map(Entity::id).sorted().toList();
    if (roots.size() > 1) {
      throw XRegistryException.of(ErrorType.MULTIPLE_ROOTS, xid).arg("plural", type.plural())
          .detail("the Versions " + String.join(", ", roots) + " would all be roots; give all but one an ancestorid")
          .build();
    }
  }

  /**
   * A server-driven {@code ancestorid} change still bumps that Version's epoch and
   * modifiedat (CORE-VER-009), but at most once per request.
   */
  private void setAncestor(String vid, String ancestor) {
    Entity v = versions.get(vid);
    if (ancestor.equals(v.text("ancestorid"))) {
      return;
    }
    ObjectNode a = v.attributes().deepCopy();
    a.put("ancestorid", ancestor);
    versions.changed(v.withAttributes(a));
  }

  /** CORE-VER-008. */
  private void checkCycles() {
    for (Entity start : versions.all()) {
      Set<String> seen = new LinkedHashSet<>();
      String cur = start.id();
      while (cur != null && seen.add(cur)) {
        String next = versions.get(cur).text("ancestorid");
        cur = cur.equals(next) ? null : next;
      }
      if (cur != null) {
        throw XRegistryException.of(ErrorType.ANCESTOR_CIRCULAR_REFERENCE, xid).arg("list", String.join(",", seen))
            .build();
      }
    }
  }
}
