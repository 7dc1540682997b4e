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
  /**
   * The representation variants a tag can name after the entity's own tag (RFC 9110 8.8.3: a
   * strong tag belongs to one representation): the media type when it is not plain JSON,
   * then the content coding. {@code .} never occurs in an entity's own tag (base64url).
   */
  private static final java.util.regex.Pattern VARIANT =
      java.util.regex.Pattern.compile("\\.(?:yaml|cejson|ceyaml)(?:\\.(?:gzip|deflate))?\"$|\\.(?:gzip|deflate)\"$");

  private ETags() {
  }

  /**
   * The strong tag of one representation of the entity state tagged {@code entityTag}: the
   * entity's tag itself for identity-coded JSON (and a document as stored), else with the
   * media type variant ({@code yaml}, {@code cejson}, {@code ceyaml}; null for none) and the
   * content coding ({@code gzip}, {@code deflate}; null for identity) appended, so a gzip body
   * and an identity body, or a JSON and a YAML one, never share a strong validator.
   */
  public static String representation(String entityTag, String mediaVariant, String coding) {
    if (mediaVariant == null && coding == null) {
      return entityTag;
    }
    String opaque = entityTag.substring(1, entityTag.length() - 1);
    return '"' + opaque + (mediaVariant == null ? "" : "." + mediaVariant) + (coding == null ? "" : "." + coding) + '"';
  }

  /**
   * The entity's tag a representation tag was made from ({@link #representation}), or
   * {@code tag} unchanged when it names no variant; a weak tag keeps its {@code W/} prefix.
   * A write's {@code If-Match} compares this, so a tag read from any representation of the
   * current state (gzip, YAML) lets the write through.
   */
  public static String entityTag(String tag) {
    java.util.regex.Matcher m = VARIANT.matcher(tag);
    return m.find() ? tag.substring(0, m.start()) + '"' : tag;
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
