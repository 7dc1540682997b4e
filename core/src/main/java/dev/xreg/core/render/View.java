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

  /** The entity's ID: the key of this view in a collection map. */
  String id();

  /** {@code groups}: plural name to inlined Groups, for the Group types that were inlined. */
  record RegistryView(RegistryState registry, Map<String, Long> groupCounts, Map<String, List<View>> groups)
      implements View {
    public String id() {
      return registry.registryid();
    }
  }

  record GroupView(GroupType type, String xid, Entity group, Map<String, Long> resourceCounts,
      Map<String, List<View>> resources) implements View {
    public String id() {
      return group.id();
    }
  }

  /** A Resource: its meta, its default Version and (when inlined) all Versions. */
  record ResourceView(ResourceType type, String xid, Entity meta, Entity defaultVersion, long versionsCount,
      List<Entity> versions) implements View {
    public String id() {
      return meta.id();
    }
  }

  record MetaView(ResourceType type, String resourceXid, Entity meta) implements View {
    public String id() {
      return meta.id();
    }
  }

  record VersionView(ResourceType type, String resourceXid, Entity version, boolean isDefault) implements View {
    public String id() {
      return version.id();
    }
  }
}
