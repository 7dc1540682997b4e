package dev.xreg.core.render;

import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * What storage hands back for rendering: entity state, the derived numbers (collection
 * counts) and whatever nested entities the request inlined. Rendering happens on the HTTP side.
 */
public sealed interface View {
  /*
   * Sub-filters (CORE-FIL-006): in a response to a filtered request, the filter parameter
   * values that make a nested collection's URL select the same members as shown: null = the
   * request has no filter, empty = none needed; an empty collection gets "excludeall".
   */

  /** The entity's ID: the key of this view in a collection map. */
  String id();

  /** The entity's path ({@code /} for the Registry), on which read permissions are granted (issue 19). */
  String xid();

  /**
   * {@code groups}: plural name to inlined Groups, for the Group types that were inlined.
   * {@code subfilters}: in a filtered response, the {@code filter} values for each collection's URL
   * (see the note above); null otherwise.
   */
  record RegistryView(RegistryState registry, Map<String, Long> groupCounts, Map<String, List<View>> groups,
      Map<String, List<String>> subfilters) implements View {
    public RegistryView(RegistryState registry, Map<String, Long> groupCounts, Map<String, List<View>> groups) {
      this(registry, groupCounts, groups, null);
    }

    public String id() {
      return registry.registryid();
    }

    public String xid() {
      return "/";
    }
  }

  record GroupView(GroupType type, String xid, Entity group, Map<String, Long> resourceCounts,
      Map<String, List<View>> resources, Map<String, List<String>> subfilters) implements View {
    public GroupView(GroupType type, String xid, Entity group, Map<String, Long> resourceCounts,
        Map<String, List<View>> resources) {
      this(type, xid, group, resourceCounts, resources, null);
    }

    public String id() {
      return group.id();
    }
  }

  /** A Resource: its meta, its default Version and (when inlined) all Versions. */
  record ResourceView(ResourceType type, String xid, Entity meta, Entity defaultVersion, long versionsCount,
      List<Entity> versions, List<String> versionsSubfilter) implements View {
    public ResourceView(ResourceType type, String xid, Entity meta, Entity defaultVersion, long versionsCount,
        List<Entity> versions) {
      this(type, xid, meta, defaultVersion, versionsCount, versions, null);
    }

    public String id() {
      return meta.id();
    }
  }

  record MetaView(ResourceType type, String resourceXid, Entity meta) implements View {
    public String id() {
      return meta.id();
    }

    public String xid() {
      return resourceXid + "/meta";
    }
  }

  record VersionView(ResourceType type, String resourceXid, Entity version, boolean isDefault) implements View {
    public String id() {
      return version.id();
    }

    public String xid() {
      return version.xid();
    }
  }
}
