package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.MediaTypes;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Ids;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.model.VersionMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Resource processing algorithm of core/spec.md ("Resource Processing Algorithm")
 * as a pure function over a {@link ResourceState}: Versions map, default-Version
 * attributes, ancestors, meta, default Version, {@code maxversions} pruning.
 * One instance handles one request on one Resource; call {@link #finish()} last.
 */
public final class ResourceWrite {
  private static final Set<String> RESOURCE_NAVIGATION = Set.of("meta", "versions", "metaurl", "versionsurl",
      "versionscount");
  /**
   * What a request that makes a Resource an xref may carry besides {@code meta} and the ID
   * (spec.md "Cross Referencing Resources"): only the derived identity attributes a client
   * echoes back from a GET, which are ignored anyway. Everything else is {@code extra_xref_attribute}.
   */
  private static final Set<String> XREF_IGNORED = Set.of("self", "shortself", "xid", "metaurl");

  private final ResourceType type;
  private final String xid;
  private final String rid;
  private final Method method;
  private final Instant now;
  private final boolean resourceCreated;
  private final Map<String, Entity> versions = new LinkedHashMap<>();
  private final List<String> createdVersions = new ArrayList<>();
  private final Set<String> needsAncestor = new LinkedHashSet<>();
  private final Set<String> deletedVersions = new LinkedHashSet<>();
  /** Versions whose epoch already moved in this request: one update bumps an epoch once (CORE-COM-004). */
  private final Set<String> updatedVersions = new LinkedHashSet<>();
  private Entity meta;
  private boolean metaAttributesWritten;
  private ObjectNode metaBody;
  private String explicitDefault;
  /** The Resource was an xref before this request. */
  private final boolean xrefBefore;
  /** The xref the Resource has after this request, once a Resource or meta body decided it. */
  private String xrefAfter;
  /** An xref Resource is turned back into a normal one by this request. */
  private boolean converting;
  /** The target's meta epoch when converting (0 if the target is gone), see {@link #xrefTargetEpoch}. */
  private long xrefTargetEpoch;
  /** The subject of {@code malformed_xref}: the request URL. */
  private String requestPath;
  /** An admin request (docs/spec-decisions.md D4): may set {@code meta.readonly} and write read-only Resources. */
  private boolean admin;
  private GroupConstraints constraints = GroupConstraints.NONE;
  /** meta.compatibility before this request: a change re-checks every Version (SCHEMA-026). */
  private final String compatibilityBefore;

  private ResourceWrite(ResourceState before, ResourceType type, String xid, String rid, Method method, Instant now) {
    this.type = type;
    this.xid = xid;
    this.rid = rid;
    this.method = method;
    this.now = now;
    this.resourceCreated = before == null;
    this.requestPath = xid;
    this.xrefBefore = before != null && CrossReference.of(before.meta()) != null;
    this.compatibilityBefore = before == null ? null : before.meta().text("compatibility");
    if (before != null) {
      // a private copy: a rejected write must leave the caller's state as it was
      this.meta = before.meta().withAttributes(before.meta().attributes().deepCopy());
      this.versions.putAll(before.versions());
    } else {
      ObjectNode attrs = Json.object();
      attrs.put("readonly", false);
      attrs.put("defaultversionsticky", false);
      attrs.put(Entity.VERSION_COUNTER, 0);
      this.meta = new Entity(xid + "/meta", rid, 1, now, now, attrs, null);
    }
  }

  public static ResourceWrite on(ResourceState before, ResourceType type, String xid, String rid, Method method,
      Instant now) {
    return new ResourceWrite(before, type, xid, rid, method, now);
  }

  /** The request URL, the subject of {@code malformed_xref} errors. */
  public ResourceWrite requestPath(String path) {
    this.requestPath = path;
    return this;
  }

  /**
   * The meta epoch of the current xref target (0 if it no longer exists): turning an xref
   * back into a normal Resource sets {@code epoch = max(own, target) + 1} so that the epoch a
   * client saw through the xref never goes down (spec.md "Cross Referencing Resources").
   */
  public ResourceWrite xrefTargetEpoch(long epoch) {
    this.xrefTargetEpoch = epoch;
    return this;
  }

  /** The Group constraints of this Resource's Group (step 7); none by default. */
  public ResourceWrite constraints(GroupConstraints groupConstraints) {
    this.constraints = groupConstraints;
    return this;
  }

  /** Marks the request as an admin's; call before the write steps. */
  public ResourceWrite admin(boolean isAdmin) {
    this.admin = isAdmin;
    return this;
  }

  /** Whether the Resource is read-only ({@code meta.readonly}, spec.md "readonly Attribute"). */
  public static boolean isReadonly(ResourceState state) {
    return state != null && state.meta().attributes().path("readonly").asBoolean(false);
  }

  /** Whether the Resource is an xref before this request (the caller then supplies {@link #xrefTargetEpoch}). */
  public static boolean isXref(ResourceState state) {
    return state != null && CrossReference.of(state.meta()) != null;
  }

  /** A write to the Resource itself ({@code .../<RID>$details}, or the document with {@code doc}). */
  public ResourceWrite resource(ObjectNode body, DocumentInput doc) {
    checkReadonly();
    JsonNode givenId = body.get(type.idAttribute());
    if (givenId != null && !givenId.isNull() && !rid.equals(givenId.asText())) {
      throw mismatched(type.idAttribute(), givenId.asText(), rid, xid);
    }
    JsonNode m = body.get("meta");
    if (m != null && !m.isNull() && !m.isObject()) {
      throw AttributeValues.invalid("meta", xid, "must be an object");
    }
    metaBody = m == null || m.isNull() ? null : (ObjectNode) m;
    if (decideXref()) {
      rejectExtraXrefAttributes(body, doc);
      return this;
    }
    Map<String, ObjectNode> entries = versionsMap(body.get("versions"));
    String target = targetVersion(body);
    writeVersions(entries);
    boolean targetInMap = target != null && entries.containsKey(target);
    if (!targetInMap && (target != null || entries.isEmpty())) {
      ObjectNode attrs = body.deepCopy();
      attrs.remove(RESOURCE_NAVIGATION);
      attrs.remove(type.idAttribute());
      upsertVersion(target, attrs, doc, target != null && target.equals(currentDefault()));
    }
    return this;
  }

  /** Writes several Versions by ID (POST/PATCH on {@code versions}, PUT on one Version). */
  public ResourceWrite versions(Map<String, ObjectNode> entries) {
    checkReadonly();
    rejectVersionWriteOnXref();
    return writeVersions(entries);
  }

  private ResourceWrite writeVersions(Map<String, ObjectNode> entries) {
    Map<String, ObjectNode> sorted = new TreeMap<>(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT))
        .thenComparing(Comparator.naturalOrder()));
    sorted.putAll(entries);
    for (Map.Entry<String, ObjectNode> e : sorted.entrySet()) {
      upsertVersion(e.getKey(), e.getValue(), null, false);
    }
    return this;
  }

  /** A write of exactly one Version, from a document-mode request or a POST to the Resource. */
  public ResourceWrite version(String versionId, ObjectNode body, DocumentInput doc) {
    checkReadonly();
    rejectVersionWriteOnXref();
    upsertVersion(versionId, body, doc, false);
    return this;
  }

  /** Meta written directly ({@code PUT/PATCH .../meta}). */
  public ResourceWrite meta(ObjectNode body) {
    checkReadonly();
    metaBody = body;
    if (decideXref()) {
      rejectExtraXrefAttributes(Json.object(), null);
    }
    return this;
  }

  /** The {@code ?setdefaultversionid} flag, or null. */
  public ResourceWrite setDefaultVersion(String versionId) {
    this.explicitDefault = versionId;
    return this;
  }

  /** Deletes one Version (CORE-VER-005); deleting the last one deletes the Resource (A9). */
  public ResourceWrite deleteVersion(String versionId) {
    checkReadonly();
    rejectVersionWriteOnXref();
    return removeVersion(versionId);
  }

  private ResourceWrite removeVersion(String versionId) {
    Entity gone = versions.remove(versionId);
    if (gone == null) {
      throw XRegistryException.of(ErrorType.NOT_FOUND, xid + "/versions/" + versionId).build();
    }
    deletedVersions.add(versionId);
    // CORE-VER-011: in manual mode an orphan becomes a root; chained modes re-chain in finish().
    for (String orphan : List.copyOf(versions.keySet())) {
      if (versionId.equals(versions.get(orphan).text("ancestorid"))) {
        setAncestor(orphan, orphan);
      }
    }
    return this;
  }

  /**
   * Bulk delete on {@code versions} (CORE-DEL-002..004): {@code listed} null deletes all,
   * otherwise the listed IDs that exist, each after its epoch check.
   */
  public ResourceWrite deleteVersions(Map<String, ObjectNode> listed) {
    checkReadonly();
    rejectVersionWriteOnXref();
    List<String> ids = new ArrayList<>(versions.keySet());
    if (listed != null) {
      ids.retainAll(listed.keySet());
      for (String id : ids) {
        ObjectNode entry = listed.get(id);
        Entity v = versions.get(id);
        JsonNode given = entry.get("versionid");
        if (given != null && !given.isNull() && !id.equals(given.asText())) {
          throw mismatched("versionid", given.asText(), id, v.xid());
        }
        EntityWrite.checkEpoch(entry.get("epoch"), v.epoch(), v.xid());
      }
    }
    ids.forEach(this::removeVersion);
    return this;
  }

  /** Completes the algorithm: ancestors, meta, default Version, pruning. */
  public Outcome finish() {
    if (xrefAfter != null) {
      return finishAsXref();
    }
    if (converting && versions.isEmpty()) {
      // A meta-only write removed the xref: the Resource needs a default Version, made of defaults.
      JsonNode dv = metaBody.get("defaultversionid");
      String id = dv != null && dv.isTextual() && !"request".equals(dv.asText()) ? checkVersionId(dv.asText()) : null;
      upsertVersion(id, Json.object(), null, true);
    }
    assignAncestors();
    applyMeta();
    chooseDefault();
    prune();
    checkSingleRoot();
    applyConstraints();
    matchVersions();
    validate();
    boolean metaChanged = metaAttributesWritten || !createdVersions.isEmpty() || !deletedVersions.isEmpty();
    if (converting) {
      // The epoch never goes below what clients saw through the xref (spec.md "Cross Referencing Resources").
      meta = new Entity(meta.xid(), meta.id(), Math.max(meta.epoch(), xrefTargetEpoch) + 1, meta.createdat(), now,
          meta.attributes(), null);
    } else if (metaChanged && !resourceCreated) {
      meta = new Entity(meta.xid(), meta.id(), meta.epoch() + 1, meta.createdat(), now, meta.attributes(), null);
    }
    ResourceState after = versions.isEmpty() ? null : new ResourceState(meta, versions);
    return new Outcome(after, resourceCreated, List.copyOf(createdVersions), Set.copyOf(deletedVersions), metaChanged);
  }

  /** What a write did; {@code after} is null when the Resource no longer exists. */
  public record Outcome(ResourceState after, boolean resourceCreated, List<String> createdVersions,
      Set<String> deletedVersions, boolean metaChanged) {
  }

  /**
   * Decides the Resource's xref after this request from {@link #metaBody}: an {@code xref}
   * there sets or (null) removes it; a PUT of meta without it removes it (meta is replaced);
   * otherwise the stored one stays. Returns whether the Resource is an xref afterwards.
   */
  private boolean decideXref() {
    String after;
    if (metaBody != null && metaBody.has("xref")) {
      JsonNode x = metaBody.get("xref");
      if (!x.isNull() && !x.isTextual()) {
        throw XRegistryException.of(ErrorType.MALFORMED_XREF, requestPath).arg("xref", x.toString())
            .errorDetail("it must be a string, the xid of a Resource").build();
      }
      after = x.isNull() ? null : CrossReference.check(x.asText(), xid, requestPath);
    } else if (metaBody != null && method.replaces()) {
      after = null;
    } else {
      after = xrefBefore ? CrossReference.of(meta) : null;
    }
    converting = xrefBefore && after == null;
    xrefAfter = after;
    return after != null;
  }

  /**
   * Setting (or keeping) an xref allows only {@code xref}, the IDs and, on a Resource that is
   * normal so far, {@code meta.epoch} for the epoch check (spec.md "Cross Referencing Resources").
   */
  private void rejectExtraXrefAttributes(ObjectNode body, DocumentInput doc) {
    if (doc != null) {
      throw extraXref(type.documentAttribute());
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("meta") && !name.equals(type.idAttribute()) && !XREF_IGNORED.contains(name)) {
        throw extraXref(name);
      }
    }
    boolean epochAllowed = !resourceCreated && !xrefBefore;
    for (Iterator<String> it = metaBody.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      boolean allowed = name.equals("xref") || name.equals(type.idAttribute()) || XREF_IGNORED.contains(name)
          || name.equals("epoch") && epochAllowed;
      if (!allowed) {
        throw extraXref(name);
      }
    }
    JsonNode metaId = metaBody.get(type.idAttribute());
    if (metaId != null && !metaId.isNull() && !rid.equals(metaId.asText())) {
      throw mismatched(type.idAttribute(), metaId.asText(), rid, xid + "/meta");
    }
    EntityWrite.checkEpoch(metaBody.get("epoch"), meta.epoch(), xid + "/meta");
  }

  /** An xref Resource's Versions are its target's: they are written there, not through the source. */
  private void rejectVersionWriteOnXref() {
    if (xrefBefore) {
      throw XRegistryException.of(ErrorType.EXTRA_XREF_ATTRIBUTE, xid).arg("name", "versions")
          .arg("singular", type.singular())
          .detail("the Versions of " + xid + " are those of " + CrossReference.of(meta)
              + "; write them there, or remove the xref first")
          .build();
    }
  }

  private XRegistryException extraXref(String name) {
    return XRegistryException.of(ErrorType.EXTRA_XREF_ATTRIBUTE, xid).arg("name", name).arg("singular", type.singular())
        .detail("a Resource with meta.xref may only carry xref and its IDs; remove \"" + name
            + "\" or set meta.xref to null")
        .build();
  }

  /**
   * The source becomes (or stays) a bare meta row with {@code xref}: its own Versions are
   * deleted and its other meta attributes dropped, so none come back if the xref is removed.
   */
  private Outcome finishAsXref() {
    deletedVersions.addAll(versions.keySet());
    versions.clear();
    ObjectNode a = Json.object();
    a.put("xref", xrefAfter);
    // the versionid counter is bookkeeping: keeping it means IDs are not reused after a conversion
    a.set(Entity.VERSION_COUNTER, meta.attributes().path(Entity.VERSION_COUNTER));
    long epoch = resourceCreated ? 1 : meta.epoch() + 1;
    meta = new Entity(meta.xid(), meta.id(), epoch, resourceCreated ? now : meta.createdat(), now, a, null);
    return new Outcome(new ResourceState(meta, versions), resourceCreated, List.of(), Set.copyOf(deletedVersions),
        true);
  }

  /** CORE-VER-012: with {@code singleversionroot} at most one Version may be its own ancestor. */
  private void checkSingleRoot() {
    if (!type.singleVersionRoot()) {
      return;
    }
    List<String> roots = versions.values().stream().filter(v -> v.id().equals(v.text("ancestorid")))
        .map(Entity::id).sorted().toList();
    if (roots.size() > 1) {
      throw XRegistryException.of(ErrorType.MULTIPLE_ROOTS, xid).arg("plural", type.plural())
          .detail("the Versions " + String.join(", ", roots) + " would all be roots; give all but one an ancestorid")
          .build();
    }
  }

  /**
   * Step 7: every Version of the Resource meets the Group's {@code enum} and {@code equals}
   * constraints (CORE-COM-014; their defaults were filled in as each Version was written).
   */
  private void applyConstraints() {
    constraints.check(xid, versions.values());
  }

  /**
   * model.md "matchversions": the attribute has the same value in every Version (or is absent
   * in all), else {@code mismatched_version_attribute} (SCHEMA-008: schema {@code format}).
   */
  private void matchVersions() {
    for (Iterator<Map.Entry<String, JsonNode>> it = type.versionAttributes().definitions().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().path("matchversions").asBoolean(false) || versions.size() < 2) {
        continue;
      }
      Set<JsonNode> values = new java.util.HashSet<>();
      for (Entity v : versions.values()) {
        JsonNode value = v.attributes().get(e.getKey());
        values.add(value == null ? Json.MAPPER.nullNode() : value);
      }
      if (values.size() > 1) {
        throw XRegistryException.of(ErrorType.MISMATCHED_VERSION_ATTRIBUTE, xid).arg("name", e.getKey())
            .detail("values across the Versions: " + values).build();
      }
    }
  }

  /** Steps 6 (format) and 9 (compatibility) on the Versions this request wrote. */
  private void validate() {
    if (!type.validateFormat() && !type.validateCompatibility()) {
      return;
    }
    SchemaChecks checks = new SchemaChecks(type, xid);
    List<String> written = updatedVersions.stream().filter(versions::containsKey).toList();
    checks.formats(versions, written);
    String rule = meta.text("compatibility");
    boolean ruleChanged = !java.util.Objects.equals(rule == null ? null : rule.toLowerCase(Locale.ROOT),
        compatibilityBefore == null ? null : compatibilityBefore.toLowerCase(Locale.ROOT));
    checks.compatibility(versions, written, rule, ruleChanged, (vid, attrs) -> {
      Entity updated = versions.get(vid).withAttributes(attrs);
      versions.put(vid, updatedVersions.add(vid) ? updated.touched(now) : updated);
    });
  }

  private String currentDefault() {
    return meta.text("defaultversionid");
  }

  private void checkReadonly() {
    if (!admin && meta.attributes().path("readonly").asBoolean(false)) {
      throw readonlyError(xid);
    }
  }

  /** The {@code readonly} error for a non-admin write to (or delete of) a read-only Resource. */
  public static XRegistryException readonlyError(String resourceXid) {
    return XRegistryException.of(ErrorType.READONLY, resourceXid)
        .detail("the Resource has meta.readonly=true; only an admin client can change or delete it, and"
            + " ?ignore=readonly only skips it inside a collection map")
        .build();
  }

  /** Which Version the Resource-level attributes go to (CORE-RES-004, CORE-ID-007). */
  private String targetVersion(ObjectNode body) {
    JsonNode vid = body.get("versionid");
    String current = resourceCreated ? null : currentDefault();
    if (vid != null && !vid.isNull()) {
      if (!vid.isTextual()) {
        throw AttributeValues.invalid("versionid", xid, "must be a string");
      }
      if (current != null && !current.equals(vid.asText())) {
        throw mismatched("versionid", vid.asText(), current, xid);
      }
      return checkVersionId(vid.asText());
    }
    if (current != null) {
      return current;
    }
    if (metaBody != null && metaBody.path("defaultversionid").isTextual()
        && !"request".equals(metaBody.get("defaultversionid").asText())) {
      return checkVersionId(metaBody.get("defaultversionid").asText());
    }
    return null;
  }

  private Map<String, ObjectNode> versionsMap(JsonNode node) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw AttributeValues.invalid("versions", xid, "must be a map of versionid to Version");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      checkVersionId(e.getKey());
      if (!e.getValue().isObject()) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, xid + "/versions/" + e.getKey())
            .errorDetail("the entry \"" + e.getKey() + "\" of \"versions\" must be a Version object, not " + e.getValue().getNodeType().name().toLowerCase(Locale.ROOT))
            .build();
      }
      out.put(e.getKey(), (ObjectNode) e.getValue());
    }
    return out;
  }

  private String checkVersionId(String id) {
    if ("request".equals(id) || "null".equals(id)) {
      throw XRegistryException.of(ErrorType.MALFORMED_ID, xid).arg("id", id)
          .errorDetail("\"" + id + "\" is reserved and cannot be a versionid").build();
    }
    return Ids.check(id, xid);
  }

  private void upsertVersion(String requestedId, ObjectNode body, DocumentInput doc, boolean isDefaultTarget) {
    String vid = requestedId;
    Entity existing = vid == null ? null : versions.get(vid);
    if (existing == null && vid != null) {
      checkVersionId(vid); // CORE-ID-006 also for IDs from the URL
      if (!type.setVersionId() && !isDefaultTarget) {
        throw XRegistryException.of(ErrorType.VERSIONID_NOT_ALLOWED, xid).arg("plural", type.plural()).build();
      }
      for (String other : versions.keySet()) {
        if (other.equalsIgnoreCase(vid)) {
          throw XRegistryException.of(ErrorType.BAD_REQUEST, xid + "/versions/" + vid)
              .errorDetail("versionid \"" + vid + "\" differs only in case from the existing Version \"" + other
                  + "\"; IDs are unique case-insensitively")
              .build();
        }
      }
    }
    if (vid == null) {
      vid = nextVersionId();
    }
    String vxid = xid + "/versions/" + vid;
    ObjectNode attrs = body;
    Method m = method;
    if (doc != null) {
      attrs = doc.headerAttributes().deepCopy();
      m = Method.PATCH;
    }
    attrs = constraints.withDefaults(attrs, existing == null ? null : existing.attributes(), m.replaces());
    Entity written = EntityWrite.apply(existing, attrs, m, Shapes.version(type), vxid, vid, now);
    ObjectNode a = written.attributes();
    byte[] document = type.hasDocument() ? written.document() : null;
    if (type.hasDocument()) {
      document = doc != null ? documentFromBody(doc, a, vxid) : documentFromAttributes(body, a, existing, vxid);
    }
    String ancestor = ancestorOf(body, existing, vid);
    if (ancestor == null) {
      needsAncestor.add(vid);
    } else {
      a.put("ancestorid", ancestor);
    }
    versions.put(vid, new Entity(vxid, vid, written.epoch(), written.createdat(), written.modifiedat(), a, document));
    updatedVersions.add(vid);
    if (existing == null) {
      createdVersions.add(vid);
    }
  }

  private String ancestorOf(ObjectNode body, Entity existing, String vid) {
    JsonNode given = body.get("ancestorid");
    if (given == null || given.isNull()) {
      return existing == null ? null : existing.text("ancestorid");
    }
    String a = given.asText();
    return "request".equals(a) ? vid : a;
  }

  private byte[] documentFromBody(DocumentInput doc, ObjectNode attrs, String vxid) {
    // the document attributes are not ordinary attributes: EntityWrite leaves them out of attrs
    JsonNode url = doc.headerAttributes().get(type.documentUrlAttribute());
    if (url != null && !url.isNull()) {
      if (doc.body().length > 0) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, vxid)
            .errorDetail("a body is not allowed together with xRegistry-" + type.documentUrlAttribute()).build();
      }
      AttributeValues.checkExtension(type.documentUrlAttribute(), url,
          Json.MAPPER.createObjectNode().put("type", "uri"), vxid);
      attrs.set(type.documentUrlAttribute(), url);
      return null;
    }
    attrs.remove(type.documentUrlAttribute());
    if (doc.contentType() == null) {
      attrs.remove("contenttype");
    } else {
      attrs.put("contenttype", doc.contentType());
    }
    return doc.body();
  }

  /** CORE-DOC-001..003: at most one of the three document attributes; they replace each other. */
  private byte[] documentFromAttributes(ObjectNode body, ObjectNode attrs, Entity existing, String vxid) {
    String inline = type.documentAttribute();
    String base64 = type.documentBase64Attribute();
    String url = type.documentUrlAttribute();
    List<String> given = new ArrayList<>();
    for (String k : new String[] {url, inline, base64}) {
      if (body.has(k)) {
        given.add(k);
      }
    }
    if (given.size() > 1) {
      throw XRegistryException.of(ErrorType.ONE_RESOURCE, vxid).arg("list", url + "," + inline + "," + base64).build();
    }
    byte[] before = existing == null ? null : existing.document();
    if (given.isEmpty()) {
      if (existing != null && existing.attributes().has(url) && method == Method.PATCH) {
        attrs.set(url, existing.attributes().get(url));
      }
      return existing != null && existing.attributes().has(url) ? null : before;
    }
    String k = given.get(0);
    JsonNode v = body.get(k);
    attrs.remove(url);
    if (v.isNull()) {
      return new byte[0];
    }
    if (k.equals(url)) {
      AttributeValues.checkExtension(url, v, Json.MAPPER.createObjectNode().put("type", "uri"), vxid);
      attrs.set(url, v);
      return null;
    }
    boolean hadType = existing != null && existing.attributes().has("contenttype");
    if (k.equals(base64)) {
      if (!v.isTextual()) {
        throw AttributeValues.invalid(base64, vxid, "must be a base64 string");
      }
      // spec.md "<RESOURCE>* Attribute Processing": a patch sets the request's type only if unset
      if (method == Method.PATCH && !body.has("contenttype") && !hadType) {
        attrs.put("contenttype", "application/json");
      }
      try {
        return Base64.getDecoder().decode(v.asText());
      } catch (IllegalArgumentException e) {
        throw AttributeValues.invalid(base64, vxid, "is not valid base64: " + e.getMessage());
      }
    }
    if (!body.has("contenttype") && (method == Method.PUT || !hadType)) {
      attrs.put("contenttype", "application/json");
    }
    String ct = attrs.path("contenttype").asText("application/json");
    if (v.isTextual() && !MediaTypes.isJson(ct)) {
      return v.asText().getBytes(StandardCharsets.UTF_8);
    }
    return Json.bytes(v);
  }

  private String nextVersionId() {
    long counter = meta.attributes().path(Entity.VERSION_COUNTER).asLong(0);
    String id;
    do {
      counter++;
      id = Long.toString(counter);
    } while (containsIgnoreCase(id));
    meta.attributes().put(Entity.VERSION_COUNTER, counter);
    return id;
  }

  private boolean containsIgnoreCase(String id) {
    return versions.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(id));
  }

  /** CORE-VER-007/010: new Versions without an ancestor chain onto the newest, in ID order. */
  private void assignAncestors() {
    VersionMode mode = type.versionMode();
    if (mode != VersionMode.MANUAL) {
      rechain(mode);
      return;
    }
    List<String> pending = new ArrayList<>(needsAncestor);
    pending.sort(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)));
    // "Current" Versions: those that existed before this request, then each one assigned here.
    Set<String> current = new LinkedHashSet<>(versions.keySet());
    current.removeAll(createdVersions);
    for (String vid : pending) {
      List<Entity> candidates = current.stream().map(versions::get).toList();
      Entity newest = VersionOrder.newest(mode, candidates);
      versions.get(vid).attributes().put("ancestorid", newest == null ? vid : newest.id());
      current.add(vid);
    }
    for (Entity v : versions.values()) {
      String a = v.text("ancestorid");
      if (!versions.containsKey(a)) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ID, v.xid()).arg("singular", "version").arg("id", a)
            .detail("ancestorid \"" + a + "\" names no Version of " + xid).build();
      }
    }
    checkCycles();
  }

  /** Chained modes: the ancestor of each Version is the previous one in version order (A18). */
  private void rechain(VersionMode mode) {
    List<Entity> ordered = new ArrayList<>(versions.values());
    ordered.sort(VersionOrder.ascending(mode));
    String previous = null;
    for (Entity v : ordered) {
      setAncestor(v.id(), previous == null ? v.id() : previous);
      previous = v.id();
    }
  }

  /**
   * A server-driven {@code ancestorid} change still bumps that Version's epoch and
   * modifiedat (spec.md "ancestorid Attribute", CORE-VER-009), but at most once per request.
   */
  private void setAncestor(String vid, String ancestor) {
    Entity v = versions.get(vid);
    if (ancestor.equals(v.text("ancestorid"))) {
      return;
    }
    ObjectNode a = v.attributes().deepCopy();
    a.put("ancestorid", ancestor);
    Entity updated = v.withAttributes(a);
    versions.put(vid, updatedVersions.add(vid) ? updated.touched(now) : updated);
  }

  private void checkCycles() {
    for (Entity start : versions.values()) {
      Set<String> seen = new LinkedHashSet<>();
      String cur = start.id();
      while (cur != null && seen.add(cur)) {
        String next = versions.get(cur).text("ancestorid");
        cur = cur.equals(next) ? null : next;
      }
      if (cur != null) {
        throw XRegistryException.of(ErrorType.ANCESTOR_CIRCULAR_REFERENCE, xid).arg("list", String.join(",", seen)).build();
      }
    }
  }

  /** CORE-META-005..010: apply a meta body, then decide stickiness. */
  private void applyMeta() {
    if (metaBody == null) {
      return;
    }
    Entity written = EntityWrite.apply(meta, metaBody, method, Shapes.meta(type), xid + "/meta", rid, now);
    ObjectNode a = written.attributes();
    for (String kept : new String[] {"readonly", Entity.VERSION_COUNTER}) {
      if (meta.attributes().has(kept)) {
        a.set(kept, meta.attributes().get(kept));
      }
    }
    if (admin) {
      applyReadonly(a);
    }
    JsonNode sticky = metaBody.get("defaultversionsticky");
    JsonNode dv = metaBody.get("defaultversionid");
    boolean stickyValue;
    if (sticky == null) {
      stickyValue = method == Method.PATCH && dv != null ? !dv.isNull()
          : method == Method.PATCH && meta.attributes().path("defaultversionsticky").asBoolean(false);
    } else {
      stickyValue = !sticky.isNull() && sticky.asBoolean();
    }
    if (stickyValue && type.maxVersions() == 1) {
      throw XRegistryException.of(ErrorType.SETDEFAULTVERSIONSTICKY_FALSE, xid).build();
    }
    boolean wasSticky = meta.attributes().path("defaultversionsticky").asBoolean(false);
    a.put("defaultversionsticky", stickyValue);
    // spec.md "defaultversionid Attribute": a patch keeps the stored ID, unless it turns
    // sticky on without naming a Version; then the newest is pinned at the end.
    boolean pinNewest = stickyValue && !wasSticky;
    if (dv == null && pinNewest) {
      a.remove("defaultversionid");
    } else if (dv == null && method == Method.PATCH && meta.attributes().has("defaultversionid")) {
      a.set("defaultversionid", meta.attributes().get("defaultversionid"));
    }
    if (dv != null && dv.isTextual() && "request".equals(dv.asText())) {
      if (createdVersions.size() + versions.size() == 0 || createdVersions.isEmpty()) {
        throw XRegistryException.of(ErrorType.DEFAULTVERSIONID_REQUEST, xid).build();
      }
      a.put("defaultversionid", createdVersions.iterator().next());
    }
    meta = new Entity(meta.xid(), meta.id(), resourceCreated ? 1 : meta.epoch(), written.createdat(),
        written.modifiedat(), a, null);
    metaAttributesWritten = !resourceCreated;
  }

  /**
   * For an admin, {@code readonly} is an ordinary meta attribute (D4): a PATCH changes it only
   * when given, a PUT of meta without it (or with null) resets it to the default {@code false}.
   */
  private void applyReadonly(ObjectNode a) {
    JsonNode given = metaBody.get("readonly");
    if (given == null && method == Method.PATCH) {
      return;
    }
    if (given != null && !given.isNull()) {
      AttributeValues.check("readonly", given, xid + "/meta");
    }
    a.put("readonly", given != null && given.asBoolean(false));
  }

  /**
   * Step 5 of the Resource Processing Algorithm (spec.md "defaultversionid Attribute",
   * "Default Version of a Resource", CORE-META-006..008/013, CORE-SDV-001..003).
   */
  private void chooseDefault() {
    if (versions.isEmpty()) {
      return;
    }
    ObjectNode a = meta.attributes();
    if (explicitDefault != null) {
      applyDefaultVersionFlag(a);
    }
    boolean sticky = a.path("defaultversionsticky").asBoolean(false);
    String current = a.path("defaultversionid").asText(null);
    if (sticky && current != null && !versions.containsKey(current)) {
      if (explicitDefault != null || metaBody != null && metaBody.path("defaultversionid").isTextual()) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ID, xid).arg("singular", "version").arg("id", current)
            .detail("defaultversionid \"" + current + "\" names no Version of " + xid).build();
      }
      // The sticky default was deleted and nobody named another: back to "newest".
      sticky = false;
      a.put("defaultversionsticky", false);
    }
    if (!sticky || current == null) {
      // Non-sticky: any given or stored ID is ignored. Sticky without an ID: pin the newest.
      a.put("defaultversionid", newestId());
    }
  }

  /** {@code ?setdefaultversionid} overrides meta's defaultversionid and defaultversionsticky. */
  private void applyDefaultVersionFlag(ObjectNode a) {
    String before = a.path("defaultversionid").asText(null) + "/" + a.path("defaultversionsticky").asBoolean();
    if ("null".equals(explicitDefault)) {
      a.put("defaultversionsticky", false);
    } else if ("request".equals(explicitDefault)) {
      if (createdVersions.size() > 1) {
        throw XRegistryException.of(ErrorType.TOO_MANY_VERSIONS, xid).build();
      }
      if (createdVersions.isEmpty()) {
        throw XRegistryException.of(ErrorType.DEFAULTVERSIONID_REQUEST, xid).build();
      }
      a.put("defaultversionid", createdVersions.get(0));
      a.put("defaultversionsticky", true);
    } else {
      a.put("defaultversionid", explicitDefault);
      a.put("defaultversionsticky", true);
    }
    String after = a.path("defaultversionid").asText(null) + "/" + a.path("defaultversionsticky").asBoolean();
    if (!before.equals(after)) {
      metaAttributesWritten = !resourceCreated;
    }
  }

  /** CORE-VER-013: delete the oldest non-default Versions beyond {@code maxversions}. */
  private void prune() {
    int max = type.maxVersions();
    while (max > 0 && versions.size() > max) {
      String keep = max == 1 ? newestId() : meta.text("defaultversionid");
      Entity victim = VersionOrder.oldest(type.versionMode(), versions.values(), keep);
      removeVersion(victim.id());
      createdVersions.remove(victim.id());
      if (max == 1) {
        meta.attributes().put("defaultversionid", keep);
      }
    }
    if (max > 0 && type.versionMode() != VersionMode.MANUAL) {
      rechain(type.versionMode());
    }
  }

  private String newestId() {
    return VersionOrder.newest(type.versionMode(), versions.values()).id();
  }

  private static XRegistryException mismatched(String idAttr, String given, String expected, String subject) {
    return XRegistryException.of(ErrorType.MISMATCHED_ID, subject)
        .arg("singular", idAttr.substring(0, idAttr.length() - 2)).arg("invalid_id", given)
        .arg("expected_id", expected).build();
  }
}
