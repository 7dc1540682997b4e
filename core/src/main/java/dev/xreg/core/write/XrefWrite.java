package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * The write side of spec.md "Cross Referencing Resources" (CORE-XREF-001/002) for one
 * request on one Resource: whether the Resource is an xref afterwards, what a request that
 * sets or keeps one may carry, and the meta and epoch of a Resource that becomes or stops
 * being an xref.
 */
final class XrefWrite {
  /**
   * What a request that makes a Resource an xref may carry besides {@code meta} and the ID:
   * only the derived identity attributes a client echoes back from a GET, which are ignored
   * anyway. Everything else is {@code extra_xref_attribute}.
   */
  private static final Set<String> IGNORED = Set.of("self", "shortself", "xid", "metaurl");

  private final ResourceType type;
  private final String xid;
  private final String rid;
  /** The Resource was an xref before this request. */
  private final boolean before;
  /** The subject of {@code malformed_xref}: the request URL. */
  private String requestPath;
  /** The target's meta epoch when converting (0 if the target is gone). */
  private long targetEpoch;
  /** The xref the Resource has after this request, once a Resource or meta body decided it. */
  private String after;
  /** An xref Resource is turned back into a normal one by this request. */
  private boolean converting;

  XrefWrite(ResourceType type, String xid, String rid, boolean before) {
    this.type = type;
    this.xid = xid;
    this.rid = rid;
    this.before = before;
    this.requestPath = xid;
  }

  void requestPath(String path) {
    this.requestPath = path;
  }

  void targetEpoch(long epoch) {
    this.targetEpoch = epoch;
  }

  /** The xref after this request, or null for a normal Resource (also before any body decided it). */
  String after() {
    return after;
  }

  boolean converting() {
    return converting;
  }

  /**
   * Decides the Resource's xref after this request from the request's meta body: an
   * {@code xref} there sets or (null) removes it; a PUT of meta without it removes it (meta
   * is replaced); otherwise the stored one stays. Returns whether the Resource is an xref
   * afterwards.
   */
  boolean decide(ObjectNode metaBody, Method method, Entity storedMeta) {
    String decided;
    if (metaBody != null && metaBody.has("xref")) {
      JsonNode x = metaBody.get("xref");
      if (!x.isNull() && !x.isTextual()) {
        throw XRegistryException.of(ErrorType.MALFORMED_XREF, requestPath).arg("xref", x.toString())
            .errorDetail("it must be a string, the xid of a Resource").build();
      }
      decided = x.isNull() ? null : CrossReference.check(x.asText(), xid, requestPath);
    } else if (metaBody != null && method.replaces()) {
      decided = null;
    } else {
      decided = before ? CrossReference.of(storedMeta) : null;
    }
    converting = before && decided == null;
    after = decided;
    return decided != null;
  }

  /**
   * Setting (or keeping) an xref allows only {@code xref}, the IDs and, on a Resource that is
   * normal so far, {@code meta.epoch} for the epoch check. {@code body} is the Resource body
   * (empty for a meta write), {@code doc} a document-mode request or null.
   */
  void rejectExtraAttributes(ObjectNode body, DocumentInput doc, ObjectNode metaBody, Entity storedMeta,
      boolean resourceCreated) {
    if (doc != null) {
      throw extraAttribute(type.documentAttribute());
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("meta") && !name.equals(type.idAttribute()) && !IGNORED.contains(name)) {
        throw extraAttribute(name);
      }
    }
    boolean epochAllowed = !resourceCreated && !before;
    for (Iterator<String> it = metaBody.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      boolean allowed = name.equals("xref") || name.equals(type.idAttribute()) || IGNORED.contains(name)
          || name.equals("epoch") && epochAllowed;
      if (!allowed) {
        throw extraAttribute(name);
      }
    }
    JsonNode metaId = metaBody.get(type.idAttribute());
    if (metaId != null && !metaId.isNull() && !rid.equals(metaId.asText())) {
      throw MismatchedId.error(type.idAttribute(), metaId.asText(), rid, xid + "/meta");
    }
    EntityWrite.checkEpoch(metaBody.get("epoch"), storedMeta.epoch(), xid + "/meta");
  }

  /** An xref Resource's Versions are its target's: they are written there, not through the source. */
  void rejectVersionWrite(Entity storedMeta) {
    if (before) {
      throw XRegistryException.of(ErrorType.EXTRA_XREF_ATTRIBUTE, xid).arg("name", "versions")
          .arg("singular", type.singular())
          .detail("the Versions of " + xid + " are those of " + CrossReference.of(storedMeta)
              + "; write them there, or remove the xref first")
          .build();
    }
  }

  /**
   * The source becomes (or stays) a bare meta row with {@code xref}: its other meta attributes
   * are dropped, so none come back if the xref is removed (the caller deletes its Versions).
   */
  Entity xrefMeta(Entity meta, boolean resourceCreated, Instant now) {
    ObjectNode a = Json.object();
    a.put("xref", after);
    // the versionid counter is bookkeeping: keeping it means IDs are not reused after a conversion
    a.set(Entity.VERSION_COUNTER, meta.attributes().path(Entity.VERSION_COUNTER));
    long epoch = resourceCreated ? 1 : meta.epoch() + 1;
    return new Entity(meta.xid(), meta.id(), epoch, resourceCreated ? now : meta.createdat(), now, a, null);
  }

  /**
   * Turning an xref back into a normal Resource sets {@code epoch = max(own, target) + 1}, so
   * that the epoch a client saw through the xref never goes down.
   */
  long convertedEpoch(long ownEpoch) {
    return Math.max(ownEpoch, targetEpoch) + 1;
  }

  private XRegistryException extraAttribute(String name) {
    return XRegistryException.of(ErrorType.EXTRA_XREF_ATTRIBUTE, xid).arg("name", name).arg("singular", type.singular())
        .detail("a Resource with meta.xref may only carry xref and its IDs; remove \"" + name
            + "\" or set meta.xref to null")
        .build();
  }
}
