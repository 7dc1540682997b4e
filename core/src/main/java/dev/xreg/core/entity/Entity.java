package dev.xreg.core.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One stored entity: a Group, a Resource's meta, or a Version. {@code attributes} holds
 * the spec attributes by their spec names (for a Version also {@code ancestorid},
 * for a meta {@code defaultversionid} and friends); keys starting with '$' are server
 * bookkeeping and never serialized. {@code document} is a Version's domain document.
 */
public record Entity(
    String xid, String id, long epoch, Instant createdat, Instant modifiedat, ObjectNode attributes, byte[] document) {

  /** Internal meta key: the highest server-generated versionid so far (CORE-ID-008). */
  public static final String VERSION_COUNTER = "$versioncounter";

  public String text(String attribute) {
    var v = attributes.get(attribute);
    return v == null || v.isNull() ? null : v.asText();
  }

  public Entity withAttributes(ObjectNode attrs) {
    return new Entity(xid, id, epoch, createdat, modifiedat, attrs, document);
  }

  /** A server-driven change (e.g. a new ancestor) that still counts as an update. */
  public Entity touched(Instant now) {
    return new Entity(xid, id, epoch + 1, createdat, now, attributes, document);
  }
}
