package dev.xreg.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.flag.Inline;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.model.TypeMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Serializes entities with the spec's key order (checklist section 4): IDs, self, xid,
 * epoch, descriptive attributes, timestamps, entity-specific, extensions, documents,
 * then navigation and collections. In document view ({@code ?doc}) URLs of entities in
 * the same response become {@code #<json-pointer>} relative to the response root.
 */
public final class Serializer {
  public static final String SPEC_VERSION = "1.0-rc4";

  private static final List<String> DESCRIPTIVE = List.of("description", "documentation", "icon", "labels");
  private static final Set<String> VERSION_SPEC = Set.of("name", "description", "documentation", "icon", "labels",
      "ancestorid", "contenttype", "format", "formatvalidated", "formatvalidatedreason", "compatibilityvalidated",
      "compatibilityvalidatedreason");
  private static final Set<String> META_SPEC = Set.of("labels", "xref", "readonly", "compatibility", "deprecated",
      "defaultversionid", "defaultversionsticky");
  private static final Set<String> GROUP_SPEC = Set.of("name", "description", "documentation", "icon", "labels",
      "deprecated", "constraints");

  private final String base;
  private final Rendering rendering;
  private final boolean holes;
  /** Which entities of a collection the reader may see, by path (issue 19); all by default. */
  private final Predicate<String> visible;

  /**
   * @param base the registry's absolute base URL without a trailing slash, e.g. {@code http://h:8080/reg}
   */
  public Serializer(String base, Rendering rendering) {
    this(base, rendering, false);
  }

  private Serializer(String base, Rendering rendering, boolean holes) {
    this(base, rendering, holes, xid -> true);
  }

  private Serializer(String base, Rendering rendering, boolean holes, Predicate<String> visible) {
    this.base = base;
    this.rendering = rendering;
    this.holes = holes;
    this.visible = visible;
  }

  /**
   * This serializer, leaving out of every collection map it writes the entities whose path
   * {@code visible} refuses: a listing shows a reader only what it may read. Counts stay the
   * collection's (docs/security.md).
   */
  public Serializer visibleTo(Predicate<String> visible) {
    return new Serializer(base, rendering, holes, visible);
  }

  /** Whether {@code view} belongs in a collection map this serializer writes. */
  public boolean shows(View view) {
    return visible.test(view.xid());
  }

  /**
   * A serializer for streamed responses: an inlined collection whose entities were not
   * loaded becomes a {@link Hole} (a POJO node) for the writer to fill page by page.
   */
  public static Serializer streaming(String base, Rendering rendering) {
    return new Serializer(base, rendering, true);
  }

  /** The hole a node stands for, or null when it is ordinary JSON. */
  public static Hole holeOf(JsonNode node) {
    return node instanceof POJONode p && p.getPojo() instanceof Hole h ? h : null;
  }

  public Rendering rendering() {
    return rendering;
  }

  /** One entity at {@code pointer} inside a larger response, inlining what {@code in} asks. */
  public ObjectNode toJson(View view, Inline in, String pointer) {
    return render(view, in, pointer);
  }

  /** One entity as the response root. */
  public ObjectNode toJson(View view) {
    return render(view, rendering.inline(), "");
  }

  /**
   * {@code ?collections} (CORE-COLF-001): of the root Registry or Group only its collection
   * maps, without its attributes and without the collections' {@code url}/{@code count}
   * (the spec lets a server omit them), so the output can be POSTed to another registry.
   */
  public ObjectNode collectionsOnly(View root, ObjectNode rendered) {
    ObjectNode out = Json.object();
    List<String> plurals = root instanceof View.RegistryView r ? List.copyOf(r.registry().model().groups().keySet())
        : root instanceof View.GroupView g ? List.copyOf(g.type().resources().keySet()) : List.of();
    for (String plural : plurals) {
      out.set(plural, rendered.has(plural) ? rendered.get(plural) : Json.object());
    }
    return out;
  }

  /** A collection response: a bare map keyed by ID, each entry at pointer {@code /<id>}. */
  public ObjectNode toJson(List<View> items) {
    ObjectNode out = Json.object();
    for (View v : items) {
      if (shows(v)) {
        out.set(v.id(), render(v, rendering.inline(), "/" + escape(v.id())));
      }
    }
    return out;
  }

  /** Several collections keyed by their plural names, e.g. the reply of {@code POST /}. */
  public ObjectNode toJson(Map<String, List<View>> collections) {
    ObjectNode out = Json.object();
    collections.forEach((plural, items) -> {
      ObjectNode map = out.putObject(plural);
      for (View v : items) {
        if (shows(v)) {
          map.set(v.id(), render(v, rendering.inline(), "/" + escape(plural) + "/" + escape(v.id())));
        }
      }
    });
    return out;
  }

  public String url(String xid) {
    return "/".equals(xid) ? base + "/" : base + xid;
  }

  private ObjectNode render(View view, Inline in, String pointer) {
    if (view instanceof View.RegistryView r) {
      return registry(r, in, pointer);
    } else if (view instanceof View.GroupView g) {
      return group(g, in, pointer);
    } else if (view instanceof View.ResourceView r) {
      return resource(r, in, pointer);
    } else if (view instanceof View.MetaView m) {
      return meta(m.type(), m.resourceXid(), m.meta(), pointer, false);
    } else if (view instanceof View.VersionView v) {
      return version(v.type(), v.version(), v.isDefault(), in.has(v.type().singular()), pointer);
    }
    throw new IllegalArgumentException(view.toString());
  }

  private ObjectNode registry(View.RegistryView view, Inline in, String pointer) {
    RegistryState r = view.registry();
    ObjectNode o = Json.object();
    o.put("specversion", SPEC_VERSION);
    o.put("registryid", r.registryid());
    o.put("self", self("/", pointer, false));
    shortself(o, "/"); // the Registry's self is as short as it gets
    o.put("xid", "/");
    o.put("epoch", r.epoch());
    common(r.attributes(), o, r.createdat(), r.modifiedat());
    extensions(r.attributes(), o, GROUP_SPEC);
    if (in.has("capabilities")) {
      o.set("capabilities", r.capabilities());
    }
    if (in.has("model")) {
      o.set("model", r.model().full());
    }
    if (in.has("modelsource")) {
      o.set("modelsource", r.model().source());
    }
    for (GroupType g : r.model().groups().values()) {
      collection(o, g.plural(), "/" + g.plural(), view.groupCounts().getOrDefault(g.plural(), 0L),
          view.groups() == null ? null : view.groups().get(g.plural()), in, pointer,
          view.subfilters() == null ? null : view.subfilters().get(g.plural()));
    }
    return o;
  }

  private ObjectNode group(View.GroupView g, Inline in, String pointer) {
    Entity e = g.group();
    ObjectNode o = Json.object();
    o.put(g.type().idAttribute(), e.id());
    o.put("self", self(g.xid(), pointer, false));
    shortself(o, ShortSelf.path(g.xid()));
    o.put("xid", g.xid());
    o.put("epoch", e.epoch());
    common(e.attributes(), o, e.createdat(), e.modifiedat());
    copy(e.attributes(), o, List.of("deprecated", "constraints"));
    extensions(e.attributes(), o, GROUP_SPEC);
    for (ResourceType r : g.type().resources().values()) {
      collection(o, r.plural(), g.xid() + "/" + r.plural(), g.resourceCounts().getOrDefault(r.plural(), 0L),
          g.resources() == null ? null : g.resources().get(r.plural()), in, pointer,
          g.subfilters() == null ? null : g.subfilters().get(r.plural()));
    }
    return o;
  }

  /** {@code <C>url}, {@code <C>count} and, when inlined, {@code <C>} (CORE-COLL-001..003). */
  private void collection(ObjectNode o, String plural, String xid, long count, List<View> items, Inline in,
      String pointer, List<String> subfilter) {
    boolean hole = holes && in.has(plural) && items == null;
    boolean inlined = in.has(plural) && items != null || hole;
    String childPointer = pointer + "/" + escape(plural);
    o.put(plural + "url", rendering.doc() && inlined ? "#" + childPointer : collectionUrl(xid, count, subfilter));
    o.put(plural + "count", count);
    if (hole) {
      o.putPOJO(plural, new Hole(xid, in.child(plural), childPointer));
    } else if (inlined) {
      ObjectNode map = o.putObject(plural);
      Inline below = in.child(plural);
      for (View v : items) {
        if (shows(v)) {
          map.set(v.id(), render(v, below, childPointer + "/" + escape(v.id())));
        }
      }
    }
  }

  /**
   * {@code <C>url} (CORE-FIL-006): in a filtered response it carries the sub-filter that
   * selects the same members, and an empty collection's is {@code ?filter=excludeall}.
   */
  private String collectionUrl(String xid, long count, List<String> subfilter) {
    String url = url(xid);
    if (subfilter == null) {
      return url;
    }
    if (count == 0) {
      return url + "?filter=excludeall";
    }
    StringBuilder out = new StringBuilder(url);
    for (String f : subfilter) {
      out.append(out.length() == url.length() ? '?' : '&').append("filter=").append(queryEncode(f));
    }
    return out.toString();
  }

  /** Percent-encodes what may not stand in a query value as is ({@code & # + % [ ] < > "} and the like). */
  private static String queryEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$'()*,;=:@/?".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private ObjectNode resource(View.ResourceView r, Inline in, String pointer) {
    ResourceType t = r.type();
    ObjectNode o = Json.object();
    o.put(t.idAttribute(), r.meta().id());
    if (onlyXrefIdentity(r.meta())) {
      o.put("self", self(r.xid(), pointer, !rendering.doc() && t.hasDocument()));
      shortself(o, ShortSelf.path(r.xid()));
      o.put("xid", r.xid());
      boolean metaInlined = in.has("meta");
      o.put("metaurl", rendering.doc() && metaInlined ? "#" + pointer + "/meta" : url(r.xid() + "/meta"));
      if (metaInlined) {
        o.set("meta", meta(t, r.xid(), r.meta(), pointer + "/meta", false));
      }
      return o;
    }
    if (!rendering.doc()) {
      // Layer 1: the default Version's attributes, under the Resource's own identity (CORE-RES-001).
      ObjectNode dv = version(t, r.defaultVersion(), true, in.has(t.singular()), null);
      dv.remove(List.of(t.idAttribute(), "self", "shortself", "xid"));
      o.put("versionid", dv.remove("versionid").asText());
      o.put("self", self(r.xid(), pointer, t.hasDocument()));
      shortself(o, ShortSelf.path(r.xid()));
      o.put("xid", r.xid());
      o.setAll(dv);
    } else {
      o.put("self", self(r.xid(), pointer, false));
      shortself(o, ShortSelf.path(r.xid()));
      o.put("xid", r.xid());
    }
    boolean metaInlined = in.has("meta");
    boolean versionsInlined = in.has("versions") && r.versions() != null;
    o.put("metaurl", rendering.doc() && metaInlined ? "#" + pointer + "/meta" : url(r.xid() + "/meta"));
    if (metaInlined) {
      o.set("meta", meta(t, r.xid(), r.meta(), pointer + "/meta", versionsInlined));
    }
    o.put("versionsurl", rendering.doc() && versionsInlined ? "#" + pointer + "/versions"
        : collectionUrl(r.xid() + "/versions", r.versionsCount(), r.versionsSubfilter()));
    o.put("versionscount", r.versionsCount());
    if (versionsInlined) {
      ObjectNode vs = o.putObject("versions");
      String dvId = r.meta().text("defaultversionid");
      boolean docs = in.child("versions").has(t.singular());
      for (Entity v : r.versions()) {
        vs.set(v.id(), version(t, v, v.id().equals(dvId), docs, pointer + "/versions/" + escape(v.id())));
      }
    }
    return o;
  }

  private ObjectNode meta(ResourceType t, String resourceXid, Entity m, String pointer, boolean versionsInResponse) {
    ObjectNode o = Json.object();
    ObjectNode a = m.attributes();
    o.put(t.idAttribute(), m.id());
    o.put("self", self(resourceXid + "/meta", pointer, false));
    shortself(o, ShortSelf.metaPath(resourceXid));
    o.put("xid", resourceXid + "/meta");
    copy(a, o, List.of("xref"));
    if (onlyXrefIdentity(m)) {
      return o;
    }
    o.put("epoch", m.epoch());
    copy(a, o, List.of("labels"));
    timestamps(o, m.createdat(), m.modifiedat());
    o.put("readonly", a.path("readonly").asBoolean(false));
    copy(a, o, List.of("compatibility", "deprecated"));
    extensions(a, o, META_SPEC);
    String dv = m.text("defaultversionid");
    if (dv != null) {
      o.put("defaultversionid", dv);
      // versionsInResponse implies this meta sits at <resource pointer>/meta in the same response
      o.put("defaultversionurl", rendering.doc() && versionsInResponse
          ? "#" + pointer.substring(0, pointer.length() - "/meta".length()) + "/versions/" + escape(dv)
          : url(resourceXid + "/versions/" + dv) + (t.hasDocument() && !rendering.doc() ? "$details" : ""));
    }
    o.put("defaultversionsticky", a.path("defaultversionsticky").asBoolean(false));
    return o;
  }

  private ObjectNode version(ResourceType t, Entity v, boolean isDefault, boolean withDocument, String pointer) {
    ObjectNode o = Json.object();
    ObjectNode a = v.attributes();
    String resourceXid = v.xid().substring(0, v.xid().lastIndexOf("/versions/"));
    o.put(t.idAttribute(), resourceXid.substring(resourceXid.lastIndexOf('/') + 1));
    o.put("versionid", v.id());
    o.put("self", self(v.xid(), pointer, t.hasDocument()));
    shortself(o, ShortSelf.path(v.xid()));
    o.put("xid", v.xid());
    o.put("epoch", v.epoch());
    copy(a, o, List.of("name"));
    o.put("isdefault", isDefault);
    copy(a, o, DESCRIPTIVE);
    timestamps(o, v.createdat(), v.modifiedat());
    copy(a, o, List.of("ancestorid", "contenttype", "format", "formatvalidatedreason", "compatibilityvalidatedreason"));
    if (!rendering.doc()) {
      copy(a, o, List.of("formatvalidated", "compatibilityvalidated"));
    }
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

  /**
   * An xref source shows only its IDs, URLs and {@code xref} when its target is missing or
   * is an xref itself (spec.md "Cross Referencing Resources", dangling xref), and in document
   * view, which excludes the target's attributes (spec.md "Doc Flag").
   */
  private boolean onlyXrefIdentity(Entity meta) {
    return CrossReference.of(meta) != null && (rendering.doc() || !CrossReference.showsTarget(meta));
  }

  /**
   * CORE-DOC-005: {@code <RESOURCE>} when the typemap says the contenttype is JSON (and the bytes
   * are valid JSON) or a string (and the bytes are valid UTF-8); else, and for an empty
   * document or with {@code ?binary}, {@code <RESOURCE>base64}.
   */
  private void document(ResourceType t, Entity v, ObjectNode o) {
    byte[] doc = v.document() == null ? new byte[0] : v.document();
    String kind = t.typemap().kind(v.attributes().path("contenttype").asText(null));
    if (doc.length > 0 && !rendering.binary()) {
      JsonNode value = TypeMap.JSON.equals(kind) ? json(doc) : TypeMap.STRING.equals(kind) ? utf8(doc) : null;
      if (value != null) {
        o.set(t.documentAttribute(), value);
        return;
      }
    }
    o.put(t.documentBase64Attribute(), Base64.getEncoder().encodeToString(doc));
  }

  /** The document as JSON, or null when it is not valid JSON (then it is sent as base64). */
  private static JsonNode json(byte[] doc) {
    try {
      return Json.MAPPER.readTree(doc);
    } catch (IOException | NumberFormatException | ArithmeticException notJson) {
      // a document is opaque bytes: one with a number Jackson cannot hold (1e99999999999) is
      // JSON to its author but not to us, and is shown as text like any other (FuzzIT found it
      // breaking every export that inlined it)
      return null;
    }
  }

  /** The document as a JSON string, or null when its bytes are not valid UTF-8. */
  private static JsonNode utf8(byte[] doc) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(doc)).toString();
      return Json.MAPPER.getNodeFactory().textNode(text);
    } catch (CharacterCodingException notText) {
      return null;
    }
  }

  /**
   * API view: the absolute URL, with {@code $details} for document-bearing Resources and
   * Versions (CORE-COM-001). Document view: a JSON pointer into this response (CORE-DOCV-002).
   */
  private String self(String xid, String pointer, boolean details) {
    if (rendering.doc() && pointer != null) {
      return "#" + (pointer.isEmpty() ? "/" : pointer);
    }
    return url(xid) + (details ? "$details" : "");
  }


  /** CORE-COM-003: the absolute alias URL, in both views, only while the capability is on. */
  private void shortself(ObjectNode o, String aliasPath) {
    if (rendering.shortself()) {
      o.put("shortself", base + aliasPath);
    }
  }

  private static void common(ObjectNode from, ObjectNode to, Instant created, Instant modified) {
    copy(from, to, List.of("name"));
    copy(from, to, DESCRIPTIVE);
    timestamps(to, created, modified);
  }

  private static void timestamps(ObjectNode o, Instant created, Instant modified) {
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

  /** RFC 6901 escaping of one JSON-pointer segment. */
  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
