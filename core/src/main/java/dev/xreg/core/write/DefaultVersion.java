package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.util.List;

/**
 * The default Version of a Resource: meta's {@code defaultversionid} and
 * {@code defaultversionsticky} as a request sets them (spec.md "defaultversionid Attribute",
 * "defaultversionsticky Attribute", "Default Version of a Resource"; CORE-META-005..010/013)
 * and as the {@code ?setdefaultversionid} flag overrides them (spec.md "SetDefaultVersionID
 * Flag", CORE-SDV-001..003). A sticky default stays where it was put; otherwise the default
 * is the newest Version per {@code versionmode}.
 */
final class DefaultVersion {
  private final ResourceType type;
  private final String xid;
  /** The {@code ?setdefaultversionid} flag, or null. */
  private String flag;

  DefaultVersion(ResourceType type, String xid) {
    this.type = type;
    this.xid = xid;
  }

  void flag(String versionId) {
    this.flag = versionId;
  }

  /**
   * CORE-META-005/006/010: the stickiness and default ID a meta body asks for, written into
   * {@code written} (the meta attributes after the write). {@code stored} are meta's
   * attributes before it, {@code created} the Versions this request created.
   */
  void fromMeta(ObjectNode metaBody, Method method, ObjectNode stored, ObjectNode written, List<String> created) {
    JsonNode sticky = metaBody.get("defaultversionsticky");
    JsonNode dv = metaBody.get("defaultversionid");
    boolean wasSticky = stored.path("defaultversionsticky").asBoolean(false);
    boolean stickyValue;
    if (sticky == null) {
      stickyValue = method == Method.PATCH && (dv != null ? !dv.isNull() : wasSticky);
    } else {
      stickyValue = !sticky.isNull() && sticky.asBoolean();
    }
    if (stickyValue && type.maxVersions() == 1) {
      throw XRegistryException.of(ErrorType.SETDEFAULTVERSIONSTICKY_FALSE, xid).build();
    }
    written.put("defaultversionsticky", stickyValue);
    // A patch keeps the stored ID, unless it turns sticky on without naming a Version;
    // then the newest is pinned at the end (by choose()).
    boolean pinNewest = stickyValue && !wasSticky;
    if (dv == null && pinNewest) {
      written.remove("defaultversionid");
    } else if (dv == null && method == Method.PATCH && stored.has("defaultversionid")) {
      written.set("defaultversionid", stored.get("defaultversionid"));
    }
    if (dv != null && dv.isTextual() && "request".equals(dv.asText())) {
      if (created.isEmpty()) {
        throw XRegistryException.of(ErrorType.DEFAULTVERSIONID_REQUEST, xid).build();
      }
      written.put("defaultversionid", created.get(0));
    }
  }

  /**
   * Step 5 of the Resource Processing Algorithm, once the Versions are final: applies the
   * flag, then keeps a sticky default that exists, falls back to the newest when the sticky
   * one was deleted and nobody named another (CORE-META-013), or fails when a named one does
   * not exist (CORE-META-008, CORE-SDV-003); a non-sticky default is always the newest
   * (CORE-META-007). {@code meta} are meta's attributes, changed in place;
   * {@code namedInMeta} says whether the request's meta body named a {@code defaultversionid}.
   *
   * @return whether the flag changed meta's default or stickiness (which then counts as a meta write)
   */
  boolean choose(ObjectNode meta, ResourceVersions versions, boolean namedInMeta) {
    if (versions.isEmpty()) {
      return false;
    }
    boolean flagChanged = flag != null && applyFlag(meta, versions.created());
    boolean sticky = meta.path("defaultversionsticky").asBoolean(false);
    String current = meta.path("defaultversionid").asText(null);
    if (sticky && current != null && !versions.contains(current)) {
      if (flag != null || namedInMeta) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ID, xid).arg("singular", "version").arg("id", current)
            .detail("defaultversionid \"" + current + "\" names no Version of " + xid).build();
      }
      sticky = false;
      meta.put("defaultversionsticky", false);
    }
    if (!sticky || current == null) {
      // Non-sticky: any given or stored ID is ignored. Sticky without an ID: pin the newest.
      meta.put("defaultversionid", newest(versions));
    }
    return flagChanged;
  }

  /** The newest Version per {@code versionmode} (CORE-VER-010); there is at least one. */
  String newest(ResourceVersions versions) {
    return VersionOrder.newest(type.versionMode(), versions.all()).id();
  }

  /** CORE-SDV-001/002: the flag overrides meta's defaultversionid and defaultversionsticky. */
  private boolean applyFlag(ObjectNode meta, List<String> created) {
    String before = meta.path("defaultversionid").asText(null) + "/" + meta.path("defaultversionsticky").asBoolean();
    if ("null".equals(flag)) {
      meta.put("defaultversionsticky", false);
    } else if ("request".equals(flag)) {
      if (created.size() > 1) {
        throw XRegistryException.of(ErrorType.TOO_MANY_VERSIONS, xid).build();
      }
      if (created.isEmpty()) {
        throw XRegistryException.of(ErrorType.DEFAULTVERSIONID_REQUEST, xid).build();
      }
      meta.put("defaultversionid", created.get(0));
      meta.put("defaultversionsticky", true);
    } else {
      meta.put("defaultversionid", flag);
      meta.put("defaultversionsticky", true);
    }
    String after = meta.path("defaultversionid").asText(null) + "/" + meta.path("defaultversionsticky").asBoolean();
    return !before.equals(after);
  }
}
