package dev.xreg.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serializes entities in API view with the spec's key order (checklist section 4):
 * IDs, self, xid, epoch, descriptive attributes, timestamps, entity-specific,
 * extensions, documents, then navigation and collections.
 */
public final class Serializer {
  public static final String SPEC_VERSION = "1.0-rc4";

  private static final List<String> DESCRIPTIVE_HEAD = List.of("name");
  private static final List<String> DESCRIPTIVE = List.of("description", "documentation", "icon", "labels");
  private static final Set<String> VERSION_SPEC = Set.of("name", "description", "documentation", "icon", "labels",
      "ancestorid", "contenttype", "format", "formatvalidated", "formatvalidatedreason", "compatibilityvalidated",
      "compatibilityvalidatedreason");
  private static final Set<String> META_SPEC = Set.of("labels", "xref", "readonly", "compatibility", "deprecated",
      "defaultversionid", "defaultversionsticky");

  private final String base;
  private final Inline inline;

  /**
   * @param base the registry's absolute base URL without a trailing slash, e.g. {@code http://h:8080/reg}
   */
  public Serializer(String base, Inline inline) {
    this.base = base;
    this.inline = inline;
  }

  public ObjectNode toJson(View view) {
    if (view instanceof View.RegistryView r) {
      return registry(r.registry(), r.groupCounts());
    } else if (view instanceof View.GroupView g) {
      return group(g);
    } else if (view instanceof View.ResourceView r) {
      return resource(r);
    } else if (view instanceof View.MetaView m) {
      return meta(m.type(), m.resourceXid(), m.meta());
    } else if (view instanceof View.VersionView v) {
      return version(v.type(), v.version(), v.isDefault(), inline.documents());
    }
    throw new IllegalArgumentException(view.toString());
  }

  public String url(String xid) {
    return "/".equals(xid) ? base + "/" : base + xid;
  }

  private ObjectNode registry(RegistryState r, Map<String, Long> counts) {
    ObjectNode o = Json.object();
    o.put("specversion", SPEC_VERSION);
    o.put("registryid", r.registryid());
    o.put("self", url("/"));
    o.put("xid", "/");
    o.put("epoch", r.epoch());
    copy(r.attributes(), o, DESCRIPTIVE_HEAD);
    copy(r.attributes(), o, DESCRIPTIVE);
    timestamps(o, r.createdat(), r.modifiedat());
    extensions(r.attributes(), o, Set.of("name", "description", "documentation", "icon", "labels"));
    if (inline.capabilities()) {
      o.set("capabilities", r.capabilities());
    }
    if (inline.model()) {
      o.set("model", r.model().full());
    }
    if (inline.modelsource()) {
      o.set("modelsource", r.model().source());
    }
    for (GroupType g : r.model().groups().values()) {
      o.put(g.plural() + "url", url("/" + g.plural()));
      o.put(g.plural() + "count", counts.getOrDefault(g.plural(), 0L));
    }
    return o;
  }

  private ObjectNode group(View.GroupView g) {
    Entity e = g.group();
    ObjectNode o = Json.object();
    o.put(g.type().idAttribute(), e.id());
    o.put("self", url(g.xid()));
    o.put("xid", g.xid());
    o.put("epoch", e.epoch());
    copy(e.attributes(), o, DESCRIPTIVE_HEAD);
    copy(e.attributes(), o, DESCRIPTIVE);
    timestamps(o, e.createdat(), e.modifiedat());
    copy(e.attributes(), o, List.of("deprecated", "constraints"));
    extensions(e.attributes(), o, Set.of("name", "description", "documentation", "icon", "labels", "deprecated", "constraints"));
    for (ResourceType r : g.type().resources().values()) {
      o.put(r.plural() + "url", url(g.xid() + "/" + r.plural()));
      o.put(r.plural() + "count", g.resourceCounts().getOrDefault(r.plural(), 0L));
    }
    return o;
  }

  private ObjectNode resource(View.ResourceView r) {
    ResourceType t = r.type();
    ObjectNode o = version(t, r.defaultVersion(), true, inline.documents());
    o.put(t.idAttribute(), r.meta().id());
    o.put("self", self(t, r.xid()));
    o.put("xid", r.xid());
    ObjectNode ordered = Json.object();
    ordered.put(t.idAttribute(), r.meta().id());
    ordered.setAll(o);
    ordered.put("metaurl", url(r.xid() + "/meta"));
    if (inline.meta()) {
      ordered.set("meta", meta(t, r.xid(), r.meta()));
    }
    ordered.put("versionsurl", url(r.xid() + "/versions"));
    ordered.put("versionscount", r.versionsCount());
    if (inline.versions() && r.versions() != null) {
      ObjectNode vs = ordered.putObject("versions");
      String dv = r.meta().text("defaultversionid");
      for (Entity v : r.versions()) {
        vs.set(v.id(), version(t, v, v.id().equals(dv), inline.documents()));
      }
    }
    return ordered;
  }

  public ObjectNode meta(ResourceType t, String resourceXid, Entity m) {
    ObjectNode o = Json.object();
    ObjectNode a = m.attributes();
    o.put(t.idAttribute(), m.id());
    o.put("self", url(resourceXid + "/meta"));
    o.put("xid", resourceXid + "/meta");
    copy(a, o, List.of("xref"));
    o.put("epoch", m.epoch());
    copy(a, o, List.of("labels"));
    timestamps(o, m.createdat(), m.modifiedat());
    o.put("readonly", a.path("readonly").asBoolean(false));
    copy(a, o, List.of("compatibility", "deprecated"));
    extensions(a, o, META_SPEC);
    String dv = m.text("defaultversionid");
    if (dv != null) {
      o.put("defaultversionid", dv);
      o.put("defaultversionurl", self(t, resourceXid + "/versions/" + dv));
    }
    o.put("defaultversionsticky", a.path("defaultversionsticky").asBoolean(false));
    return o;
  }

  public ObjectNode version(ResourceType t, Entity v, boolean isDefault, boolean withDocument) {
    ObjectNode o = Json.object();
    ObjectNode a = v.attributes();
    String resourceXid = v.xid().substring(0, v.xid().lastIndexOf("/versions/"));
    o.put(t.idAttribute(), resourceXid.substring(resourceXid.lastIndexOf('/') + 1));
    o.put("versionid", v.id());
    o.put("self", self(t, v.xid()));
    o.put("xid", v.xid());
    o.put("epoch", v.epoch());
    copy(a, o, DESCRIPTIVE_HEAD);
    o.put("isdefault", isDefault);
    copy(a, o, DESCRIPTIVE);
    timestamps(o, v.createdat(), v.modifiedat());
    copy(a, o, List.of("ancestorid", "contenttype", "format", "formatvalidated", "formatvalidatedreason",
        "compatibilityvalidated", "compatibilityvalidatedreason"));
    extensions(a, o, VERSION_SPEC, t.documentUrlAttribute());
    if (t.hasDocument()) {
      if (a.has(t.documentUrlAttribute())) {
        o.set(t.documentUrlAttribute(), a.get(t.documentUrlAttribute()));
      } else if (withDocument) {
        document(t, v, o);
      }
    }
    return o;
  }

  /** CORE-DOC-005: {@code <RESOURCE>} when the bytes are JSON per contenttype, else base64. */
  private void document(ResourceType t, Entity v, ObjectNode o) {
    byte[] doc = v.document() == null ? new byte[0] : v.document();
    String ct = v.attributes().path("contenttype").asText("");
    if (doc.length > 0 && !inline.binary() && isJson(ct)) {
      try {
        o.set(t.documentAttribute(), Json.MAPPER.readTree(doc));
        return;
      } catch (java.io.IOException notJson) {
        // fall through to base64, as the spec requires for invalid JSON
      }
    }
    o.put(t.documentBase64Attribute(), Base64.getEncoder().encodeToString(doc));
  }

  private static boolean isJson(String contentType) {
    String ct = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return ct.equals("application/json") || ct.endsWith("+json");
  }

  /** {@code self} ends in {@code $details} for document-bearing Resources and Versions (CORE-COM-001). */
  private String self(ResourceType t, String xid) {
    return url(xid) + (t.hasDocument() ? "$details" : "");
  }

  private static void timestamps(ObjectNode o, java.time.Instant created, java.time.Instant modified) {
    o.put("createdat", Timestamps.format(created));
    o.put("modifiedat", Timestamps.format(modified));
  }

  private static void copy(ObjectNode from, ObjectNode to, List<String> names) {
    for (String n : names) {
      JsonNode v = from.get(n);
      if (v != null && !v.isNull()) {
        to.set(n, v);
      }
    }
  }

  /** Copies extension attributes: everything not spec-defined, not internal ('$'), not {@code skip}. */
  private static void extensions(ObjectNode from, ObjectNode to, Set<String> spec, String... skip) {
    Set<String> skipped = Set.of(skip);
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!k.startsWith("$") && !spec.contains(k) && !skipped.contains(k) && !to.has(k) && !e.getValue().isNull()) {
        to.set(k, e.getValue());
      }
    }
  }
}
