package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Ids;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.format.ValidationLimits;
import dev.xreg.core.model.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Resource processing algorithm of core/spec.md ("Resource Processing Algorithm")
 * as a pure function over a {@link ResourceState}. This class orchestrates the steps and
 * owns meta; its collaborators each own one concern: {@link XrefWrite} (cross references),
 * {@link DocumentAttributes} (a Version's document), {@link VersionLineage} (ancestors per
 * versionmode) and {@link DefaultVersion} (sticky defaults and {@code ?setdefaultversionid}),
 * all working on one {@link ResourceVersions}. One instance handles one request on one
 * Resource; call {@link #finish()} last.
 */
public final class ResourceWrite {
  private static final Set<String> RESOURCE_NAVIGATION = Set.of("meta", "versions", "metaurl", "versionsurl",
      "versionscount");

  private final ResourceType type;
  private final String xid;
  private final String rid;
  private final Method method;
  private final Instant now;
  private final boolean resourceCreated;
  private final ResourceVersions versions;
  private final XrefWrite xref;
  private final DocumentAttributes documents;
  private final VersionLineage lineage;
  private final DefaultVersion defaults;
  private Entity meta;
  private boolean metaAttributesWritten;
  private ObjectNode metaBody;
  /** An admin request (docs/spec-decisions.md D4): may set {@code meta.readonly} and write read-only Resources. */
  private boolean admin;
  private ValidationLimits validationLimits = ValidationLimits.DEFAULTS;
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
    this.compatibilityBefore = before == null ? null : before.meta().text("compatibility");
    this.versions = new ResourceVersions(before == null ? Map.of() : before.versions(), now);
    this.xref = new XrefWrite(type, xid, rid, isXref(before));
    this.documents = new DocumentAttributes(type, method);
    this.lineage = new VersionLineage(type, xid, versions);
    this.defaults = new DefaultVersion(type, xid);
    if (before != null) {
      // a private copy: a rejected write must leave the caller's state as it was
      this.meta = before.meta().withAttributes(before.meta().attributes().deepCopy());
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
    xref.requestPath(path);
    return this;
  }

  /**
   * The meta epoch of the current xref target (0 if it no longer exists): turning an xref
   * back into a normal Resource sets {@code epoch = max(own, target) + 1} so that the epoch a
   * client saw through the xref never goes down (spec.md "Cross Referencing Resources").
   */
  public ResourceWrite xrefTargetEpoch(long epoch) {
    xref.targetEpoch(epoch);
    return this;
  }

  /** The Group constraints of this Resource's Group (step 7); none by default. */
  public ResourceWrite constraints(GroupConstraints groupConstraints) {
    this.constraints = groupConstraints;
    return this;
  }

  /** Marks the request as an admin's; call before the write steps. */
  /** The bounds of this write's schema checks (issue 13); the defaults unless the server configured others. */
  public ResourceWrite validationLimits(ValidationLimits limits) {
    this.validationLimits = limits;
    return this;
  }

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
      throw MismatchedId.error(type.idAttribute(), givenId.asText(), rid, xid);
    }
    JsonNode m = body.get("meta");
    if (m != null && !m.isNull() && !m.isObject()) {
      throw AttributeValues.invalid("meta", xid, "must be an object");
    }
    metaBody = m == null || m.isNull() ? null : (ObjectNode) m;
    if (xref.decide(metaBody, method, meta)) {
      xref.rejectExtraAttributes(body, doc, metaBody, meta, resourceCreated);
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
    xref.rejectVersionWrite(meta);
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
    xref.rejectVersionWrite(meta);
    upsertVersion(versionId, body, doc, false);
    return this;
  }

  /** Meta written directly ({@code PUT/PATCH .../meta}). */
  public ResourceWrite meta(ObjectNode body) {
    checkReadonly();
    metaBody = body;
    if (xref.decide(metaBody, method, meta)) {
      xref.rejectExtraAttributes(Json.object(), null, metaBody, meta, resourceCreated);
    }
    return this;
  }

  /** The {@code ?setdefaultversionid} flag, or null. */
  public ResourceWrite setDefaultVersion(String versionId) {
    defaults.flag(versionId);
    return this;
  }

  /** Deletes one Version (CORE-VER-005); deleting the last one deletes the Resource (A9). */
  public ResourceWrite deleteVersion(String versionId) {
    checkReadonly();
    xref.rejectVersionWrite(meta);
    return removeVersion(versionId);
  }

  private ResourceWrite removeVersion(String versionId) {
    if (versions.remove(versionId) == null) {
      throw XRegistryException.of(ErrorType.NOT_FOUND, xid + "/versions/" + versionId).build();
    }
    lineage.removed(versionId);
    return this;
  }

  /**
   * Bulk delete on {@code versions} (CORE-DEL-002..004): {@code listed} null deletes all,
   * otherwise the listed IDs that exist, each after its epoch check.
   */
  public ResourceWrite deleteVersions(Map<String, ObjectNode> listed) {
    checkReadonly();
    xref.rejectVersionWrite(meta);
    List<String> ids = new ArrayList<>(versions.ids());
    if (listed != null) {
      ids.retainAll(listed.keySet());
      for (String id : ids) {
        ObjectNode entry = listed.get(id);
        Entity v = versions.get(id);
        JsonNode given = entry.get("versionid");
        if (given != null && !given.isNull() && !id.equals(given.asText())) {
          throw MismatchedId.error("versionid", given.asText(), id, v.xid());
        }
        EntityWrite.checkEpoch(entry.get("epoch"), v.epoch(), v.xid());
      }
    }
    ids.forEach(this::removeVersion);
    return this;
  }

  /** Completes the algorithm: ancestors, meta, default Version, pruning. */
  public Outcome finish() {
    if (xref.after() != null) {
      return finishAsXref();
    }
    if (xref.converting() && versions.isEmpty()) {
      // A meta-only write removed the xref: the Resource needs a default Version, made of defaults.
      JsonNode dv = metaBody.get("defaultversionid");
      String id = dv != null && dv.isTextual() && !"request".equals(dv.asText()) ? checkVersionId(dv.asText()) : null;
      upsertVersion(id, Json.object(), null, true);
    }
    lineage.assign();
    applyMeta();
    if (defaults.choose(meta.attributes(), versions,
        metaBody != null && metaBody.path("defaultversionid").isTextual())) {
      metaAttributesWritten = !resourceCreated;
    }
    prune();
    lineage.checkSingleRoot();
    applyConstraints();
    matchVersions();
    validate();
    boolean metaChanged = metaAttributesWritten || !versions.created().isEmpty() || !versions.deleted().isEmpty();
    if (xref.converting()) {
      // The epoch never goes below what clients saw through the xref (spec.md "Cross Referencing Resources").
      meta = new Entity(meta.xid(), meta.id(), xref.convertedEpoch(meta.epoch()), meta.createdat(), now,
          meta.attributes(), null);
    } else if (metaChanged && !resourceCreated) {
      meta = new Entity(meta.xid(), meta.id(), meta.epoch() + 1, meta.createdat(), now, meta.attributes(), null);
    }
    ResourceState after = versions.isEmpty() ? null : new ResourceState(meta, versions.byId());
    return new Outcome(after, resourceCreated, List.copyOf(versions.created()), Set.copyOf(versions.deleted()),
        metaChanged);
  }

  /** What a write did; {@code after} is null when the Resource no longer exists. */
  public record Outcome(ResourceState after, boolean resourceCreated, List<String> createdVersions,
      Set<String> deletedVersions, boolean metaChanged) {
  }

  /** The source becomes (or stays) a bare meta row with {@code xref}; its own Versions are deleted. */
  private Outcome finishAsXref() {
    versions.removeAll();
    meta = xref.xrefMeta(meta, resourceCreated, now);
    return new Outcome(new ResourceState(meta, versions.byId()), resourceCreated, List.of(),
        Set.copyOf(versions.deleted()), true);
  }

  /**
   * Step 7: every Version of the Resource meets the Group's {@code enum} and {@code equals}
   * constraints (CORE-COM-014; their defaults were filled in as each Version was written).
   */
  private void applyConstraints() {
    constraints.check(xid, versions.all());
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
      Set<JsonNode> values = new HashSet<>();
      for (Entity v : versions.all()) {
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
    SchemaChecks checks = new SchemaChecks(type, xid, validationLimits);
    List<String> written = versions.updated();
    checks.formats(versions.byId(), written);
    String rule = meta.text("compatibility");
    boolean ruleChanged = !Objects.equals(rule == null ? null : rule.toLowerCase(Locale.ROOT),
        compatibilityBefore == null ? null : compatibilityBefore.toLowerCase(Locale.ROOT));
    checks.compatibility(versions.byId(), written, rule, ruleChanged,
        (vid, attrs) -> versions.changed(versions.get(vid).withAttributes(attrs)));
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
        throw MismatchedId.error("versionid", vid.asText(), current, xid);
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
            .errorDetail("the entry \"" + e.getKey() + "\" of \"versions\" must be a Version object, not "
                + e.getValue().getNodeType().name().toLowerCase(Locale.ROOT))
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
      String other = versions.sameIgnoringCase(vid);
      if (other != null) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, xid + "/versions/" + vid)
            .errorDetail("versionid \"" + vid + "\" differs only in case from the existing Version \"" + other
                + "\"; IDs are unique case-insensitively")
            .build();
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
    byte[] document = documents.document(body, doc, a, existing, vxid);
    // in document mode the attributes come as xRegistry-* headers: an ancestorid there is
    // checked like one in a body (issue 13), not kept unchecked
    lineage.written(vid, doc != null ? doc.headerAttributes() : body, existing, a);
    versions.written(new Entity(vxid, vid, written.epoch(), written.createdat(), written.modifiedat(), a, document),
        existing == null);
  }

  private String nextVersionId() {
    long counter = meta.attributes().path(Entity.VERSION_COUNTER).asLong(0);
    String id;
    do {
      counter++;
      id = Long.toString(counter);
    } while (versions.sameIgnoringCase(id) != null);
    meta.attributes().put(Entity.VERSION_COUNTER, counter);
    return id;
  }

  /** CORE-META-005..011: apply a meta body; the default Version's attributes are decided by {@link DefaultVersion}. */
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
    defaults.fromMeta(metaBody, method, meta.attributes(), a, versions.created());
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

  /** CORE-VER-013: delete the oldest non-default Versions beyond {@code maxversions}, then fix ancestors. */
  private void prune() {
    int max = type.maxVersions();
    while (max > 0 && versions.size() > max) {
      String keep = max == 1 ? defaults.newest(versions) : meta.text("defaultversionid");
      Entity victim = VersionOrder.oldest(type.versionMode(), versions.all(), keep);
      removeVersion(victim.id());
      versions.forgetCreated(victim.id());
      if (max == 1) {
        meta.attributes().put("defaultversionid", keep);
      }
    }
    if (max > 0) {
      lineage.rechain();
    }
  }
}
