package dev.xreg.core.path;

import dev.xreg.core.entity.Ids;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.text.PercentEncoding;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path inside the registry tree, resolved against the model:
 * {@code /<GROUPS>/<GID>/<RESOURCES>/<RID>[/meta | /versions/<VID>][$details]}.
 */
public record EntityPath(
    Level level, GroupType group, String groupId, ResourceType resource, String resourceId, String versionId,
    boolean details) {

  public static final String DETAILS = "$details";

  /** What a path points at. Collections end in "S". */
  public enum Level { REGISTRY, GROUPS, GROUP, RESOURCES, RESOURCE, META, VERSIONS, VERSION }

  public static EntityPath registry() {
    return new EntityPath(Level.REGISTRY, null, null, null, null, null, false);
  }

  /**
   * Parses {@code path} (relative to the registry root, starting with '/').
   * Unknown types are {@code api_not_found}; bad IDs {@code malformed_id}; a misplaced
   * {@code $details} is {@code bad_details} (ignored where {@code hasdocument=false}).
   */
  public static EntityPath parse(String path, Model model) {
    List<String> segments = segments(path);
    boolean details = false;
    if (!segments.isEmpty()) {
      String last = segments.get(segments.size() - 1);
      if (last.endsWith(DETAILS)) {
        details = true;
        segments.set(segments.size() - 1, last.substring(0, last.length() - DETAILS.length()));
      }
    }
    int n = segments.size();
    if (n == 0) {
      return detailsAllowed(registry(), details, path);
    }
    GroupType g = model.group(segments.get(0)).orElseThrow(() -> apiNotFound(path));
    if (n == 1) {
      return detailsAllowed(new EntityPath(Level.GROUPS, g, null, null, null, null, false), details, path);
    }
    String gid = Ids.check(segments.get(1), path);
    if (n == 2) {
      return detailsAllowed(new EntityPath(Level.GROUP, g, gid, null, null, null, false), details, path);
    }
    ResourceType r = g.resource(segments.get(2)).orElseThrow(() -> apiNotFound(path));
    if (n == 3) {
      return detailsAllowed(new EntityPath(Level.RESOURCES, g, gid, r, null, null, false), details, path);
    }
    String rid = Ids.check(segments.get(3), path);
    boolean docDetails = details && r.hasDocument();
    if (n == 4) {
      return new EntityPath(Level.RESOURCE, g, gid, r, rid, null, docDetails);
    }
    if (n == 5 && "meta".equals(segments.get(4))) {
      return detailsAllowed(new EntityPath(Level.META, g, gid, r, rid, null, false), details && r.hasDocument(), path);
    }
    if (!"versions".equals(segments.get(4)) || n > 6) {
      throw apiNotFound(path);
    }
    if (n == 5) {
      return detailsAllowed(new EntityPath(Level.VERSIONS, g, gid, r, rid, null, false), details && r.hasDocument(), path);
    }
    return new EntityPath(Level.VERSION, g, gid, r, rid, Ids.check(segments.get(5), path), docDetails);
  }

  /** The xid of the entity or collection (never with {@code $details}). */
  public String xid() {
    StringBuilder b = new StringBuilder();
    if (level == Level.REGISTRY) {
      return "/";
    }
    b.append('/').append(group.plural());
    if (groupId == null) {
      return b.toString();
    }
    b.append('/').append(groupId);
    if (resource == null) {
      return b.toString();
    }
    b.append('/').append(resource.plural());
    if (resourceId == null) {
      return b.toString();
    }
    b.append('/').append(resourceId);
    switch (level) {
      case META -> b.append("/meta");
      case VERSIONS -> b.append("/versions");
      case VERSION -> b.append("/versions/").append(versionId);
      default -> { }
    }
    return b.toString();
  }

  public boolean isCollection() {
    return level == Level.GROUPS || level == Level.RESOURCES || level == Level.VERSIONS;
  }

  /** True when the URL addresses a domain document rather than metadata. */
  public boolean isDocument() {
    return (level == Level.RESOURCE || level == Level.VERSION) && resource.hasDocument() && !details;
  }

  public EntityPath withGroup(String id) {
    return new EntityPath(Level.GROUP, group, id, null, null, null, false);
  }

  public EntityPath withResource(ResourceType type, String id) {
    return new EntityPath(Level.RESOURCE, group, groupId, type, id, null, true);
  }

  public EntityPath withVersion(String id) {
    return new EntityPath(Level.VERSION, group, groupId, resource, resourceId, id, true);
  }

  public EntityPath resourcePath() {
    return new EntityPath(Level.RESOURCE, group, groupId, resource, resourceId, null, details);
  }

  public EntityPath groupPath() {
    return new EntityPath(Level.GROUP, group, groupId, null, null, null, false);
  }

  private static EntityPath detailsAllowed(EntityPath p, boolean details, String path) {
    if (details) {
      throw XRegistryException.of(ErrorType.BAD_DETAILS, path).build();
    }
    return p;
  }

  private static XRegistryException apiNotFound(String path) {
    return XRegistryException.of(ErrorType.API_NOT_FOUND, path).build();
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        try {
          out.add(PercentEncoding.decode(s));
        } catch (IllegalArgumentException e) {
          throw XRegistryException.of(ErrorType.BAD_REQUEST, path)
              .errorDetail("the path segment \"" + s + "\" is malformed: " + e.getMessage()).build();
        }
      }
    }
    return out;
  }
}
