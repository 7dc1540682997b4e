package dev.xreg.core.render;

import dev.xreg.core.entity.Entity;

/**
 * Strong HTTP {@code ETag}s of single entities, derived from what identifies a state of
 * the entity: its kind, xid, epoch and timestamps (createdat/modifiedat tell a deleted and
 * re-created entity apart; epoch changes on every update, CORE-COM-004). A Resource's tag
 * covers its meta, its default Version and the number of Versions, i.e. everything its
 * default view shows; a Version's covers whether it is the default. The same state gives
 * the same tag on every node, so a tag read from one node is checked on another.
 */
public final class ETags {
  private ETags() {
  }

  /** The tag of {@code view} (quoted, as sent in the {@code ETag} header). */
  public static String of(View view) {
    StringBuilder s = new StringBuilder();
    if (view instanceof View.RegistryView r) {
      s.append("registry|").append(r.registry().registryid()).append('|').append(r.registry().epoch()).append('|')
          .append(r.registry().createdat()).append('|').append(r.registry().modifiedat());
    } else if (view instanceof View.GroupView g) {
      s.append("group|");
      entity(s, g.group());
    } else if (view instanceof View.ResourceView r) {
      s.append("resource|");
      entity(s, r.meta());
      s.append('|');
      if (r.defaultVersion() != null) {
        entity(s, r.defaultVersion());
      }
      s.append('|').append(r.versionsCount());
    } else if (view instanceof View.MetaView m) {
      s.append("meta|");
      entity(s, m.meta());
    } else if (view instanceof View.VersionView v) {
      s.append("version|");
      entity(s, v.version());
      s.append('|').append(v.isDefault());
    } else {
      throw new IllegalArgumentException(String.valueOf(view));
    }
    return '"' + hash(s.toString()) + '"';
  }

  private static void entity(StringBuilder s, Entity e) {
    s.append(e.xid()).append('|').append(e.epoch()).append('|').append(e.createdat()).append('|')
        .append(e.modifiedat());
  }

  private static String hash(String identity) {
    return Digests.sha256UrlSafe(identity, 18);
  }
}
