package dev.xreg.core.write;

import dev.xreg.core.entity.Entity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Versions of one Resource while one request changes them, with what the request did
 * to each: created, deleted, or updated (its epoch already moved). The collaborators of
 * {@link ResourceWrite} share this one working set instead of each keeping a copy.
 */
final class ResourceVersions {
  private final Map<String, Entity> byId = new LinkedHashMap<>();
  private final List<String> created = new ArrayList<>();
  private final Set<String> deleted = new LinkedHashSet<>();
  /** Versions whose epoch already moved in this request: one update bumps an epoch once (CORE-COM-004). */
  private final Set<String> updated = new LinkedHashSet<>();
  private final Instant now;

  ResourceVersions(Map<String, Entity> before, Instant now) {
    this.byId.putAll(before);
    this.now = now;
  }

  Entity get(String vid) {
    return byId.get(vid);
  }

  boolean contains(String vid) {
    return byId.containsKey(vid);
  }

  /** IDs are unique case-insensitively (CORE-ID-*): the existing ID that differs from {@code vid} only in case. */
  String sameIgnoringCase(String vid) {
    return byId.keySet().stream().filter(k -> k.equalsIgnoreCase(vid)).findFirst().orElse(null);
  }

  Set<String> ids() {
    return byId.keySet();
  }

  Collection<Entity> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The live map, in insertion order: what the outcome's {@code ResourceState} is made of. */
  Map<String, Entity> byId() {
    return byId;
  }

  /** A Version the request wrote (its epoch and modifiedat were set by the write itself). */
  void written(Entity version, boolean isNew) {
    byId.put(version.id(), version);
    updated.add(version.id());
    if (isNew) {
      created.add(version.id());
    }
  }

  /**
   * A server-driven change to a Version (a new ancestor, a validation result): it still
   * counts as an update, but bumps epoch and modifiedat at most once per request.
   */
  void changed(Entity version) {
    byId.put(version.id(), updated.add(version.id()) ? version.touched(now) : version);
  }

  /** Removes a Version; null if there is none with that ID. */
  Entity remove(String vid) {
    Entity gone = byId.remove(vid);
    if (gone != null) {
      deleted.add(vid);
    }
    return gone;
  }

  /** Removes every Version (the Resource becomes an xref). */
  void removeAll() {
    deleted.addAll(byId.keySet());
    byId.clear();
  }

  /** A Version pruned by {@code maxversions} in the same request that created it is not reported as created. */
  void forgetCreated(String vid) {
    created.remove(vid);
  }

  /** Created by this request, in the order they were written. */
  List<String> created() {
    return created;
  }

  Set<String> deleted() {
    return deleted;
  }

  /** The Versions this request wrote or changed that still exist. */
  List<String> updated() {
    return updated.stream().filter(byId::containsKey).toList();
  }
}
