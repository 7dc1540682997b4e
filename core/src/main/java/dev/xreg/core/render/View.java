package dev.xreg.core.render;

import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * What storage hands back for rendering: entity state plus the derived numbers
 * (collection counts) the serialization needs. Rendering happens on the HTTP side.
 */
public sealed interface View {

  record RegistryView(RegistryState registry, Map<String, Long> groupCounts) implements View {
  }

  record GroupView(GroupType type, String xid, Entity group, Map<String, Long> resourceCounts) implements View {
  }

  /** A Resource: its meta, its default Version and (when inlined) all Versions. */
  record ResourceView(ResourceType type, String xid, Entity meta, Entity defaultVersion, long versionsCount,
      List<Entity> versions) implements View {
  }

  record MetaView(ResourceType type, String resourceXid, Entity meta) implements View {
  }

  record VersionView(ResourceType type, String resourceXid, Entity version, boolean isDefault) implements View {
  }
}
