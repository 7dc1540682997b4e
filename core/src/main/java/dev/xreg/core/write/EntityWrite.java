package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.IntegerType;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies one entity's attributes from a request to its stored state: ID matching,
 * the epoch check, read-only attributes ignored, PUT replaces and PATCH merges,
 * {@code epoch}/{@code createdat}/{@code modifiedat} per the spec's common attributes.
 */
public final class EntityWrite {
  private static final java.util.regex.Pattern ATTRIBUTE_NAME = java.util.regex.Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

  private EntityWrite() {
  }

  /**
   * @param existing the stored entity, or null to create
   * @return the new state; its epoch is 1 on create and existing+1 on update (CORE-COM-004)
   */
  public static Entity apply(Entity existing, ObjectNode body, Method method, Shape shape, String xid, String id,
      Instant now) {
    checkIds(body, shape, id, xid);
    if (existing != null) {
      checkEpoch(body.get("epoch"), existing.epoch(), xid);
    }
    ObjectNode attrs = existing == null || method.replaces() ? keepInternal(existing) : existing.attributes().deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (shape.idAttributes().contains(name) || shape.ignored().contains(name) || shape.nested().contains(name)
          || "epoch".equals(name) || "createdat".equals(name) || "modifiedat".equals(name) || "$schema".equals(name)) {
        continue;
      }
      boolean spec = shape.settable().contains(name);
      if (!spec && !ATTRIBUTE_NAME.matcher(name).matches()) {
        // CORE-ATTR-001: even where the model admits any extension ("*"), names follow the spec's rule
        throw AttributeValues.invalid(name, xid,
            "attribute names are 1-63 characters of a-z, 0-9 and _, not starting with a digit");
      }
      if (!spec && !shape.extensions().allows(name)) {
        throw XRegistryException.of(ErrorType.UNKNOWN_ATTRIBUTE, xid).arg("name", name)
            .detail("\"" + name + "\" is neither a spec-defined attribute of a " + shape.singular()
                + " nor an extension the model defines")
            .build();
      }
      if (value.isNull()) {
        attrs.remove(name);
        continue;
      }
      if (spec) {
        AttributeValues.check(name, value, xid);
      }
      AttributeValues.checkScalarSizes(name, name, value, xid);
      attrs.set(name, value); // extensions are checked against the model by ModelAttributes
    }
    ModelAttributes.apply(attrs, existing == null ? null : existing.attributes(), shape.extensions(), xid);
    Instant createdat = timestamp(body, "createdat", existing == null ? now : existing.createdat(), now, xid);
    Instant modifiedat = modifiedAt(body, existing, now, xid);
    long epoch = existing == null ? 1 : existing.epoch() + 1;
    byte[] doc = existing == null ? null : existing.document();
    return new Entity(xid, id, epoch, createdat, modifiedat, attrs, doc);
  }

  /** CORE-COM-006: a non-null epoch in an update must equal the current one. */
  public static void checkEpoch(JsonNode given, long current, String xid) {
    if (given == null || given.isNull()) {
      return;
    }
    // exact: a value beyond 64 bits must not wrap onto the current epoch (issue 13)
    long epoch = AttributeValues.integer("epoch", given, IntegerType.UINTEGER, xid);
    if (epoch != current) {
      throw XRegistryException.of(ErrorType.MISMATCHED_EPOCH, xid).arg("bad_epoch", epoch)
          .arg("epoch", current)
          .detail("the entity was changed since epoch " + epoch + "; read it again and retry").build();
    }
  }

  private static void checkIds(ObjectNode body, Shape shape, String id, String xid) {
    for (String idAttr : shape.idAttributes()) {
      JsonNode given = body.get(idAttr);
      String expected = idAttr.equals(shape.parentIdAttribute()) ? parentId(xid) : id;
      if (given != null && !given.isNull() && !(given.isTextual() && given.asText().equals(expected))) {
        throw XRegistryException.of(ErrorType.MISMATCHED_ID, xid)
            .arg("singular", idAttr.substring(0, idAttr.length() - 2))
            .arg("invalid_id", given.isTextual() ? given.asText() : given.toString())
            .arg("expected_id", expected)
            .build();
      }
    }
  }

  /** The ID of the entity owning {@code .../<parent id>/<collection>/<id>}. */
  private static String parentId(String xid) {
    String[] segs = xid.split("/");
    return segs[segs.length - 3];
  }

  private static ObjectNode keepInternal(Entity existing) {
    ObjectNode attrs = Json.object();
    if (existing != null) {
      existing.attributes().fields().forEachRemaining(e -> {
        if (e.getKey().startsWith("$")) {
          attrs.set(e.getKey(), e.getValue());
        }
      });
    }
    return attrs;
  }

  /** CORE-COM-009: present overrides, null means now, absent keeps {@code otherwise}. */
  private static Instant timestamp(ObjectNode body, String name, Instant otherwise, Instant now, String xid) {
    JsonNode v = body.get(name);
    if (v == null) {
      return otherwise;
    }
    if (v.isNull()) {
      return now;
    }
    AttributeValues.check(name, v, xid);
    return Timestamps.parseOrNull(v.asText());
  }

  /** CORE-COM-008: null, absent or the unchanged value mean now; a different value is kept. */
  private static Instant modifiedAt(ObjectNode body, Entity existing, Instant now, String xid) {
    Instant given = timestamp(body, "modifiedat", now, now, xid);
    if (existing != null && given.equals(existing.modifiedat())) {
      return now;
    }
    return given;
  }
}
