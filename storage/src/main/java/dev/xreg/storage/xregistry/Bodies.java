package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Ids;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading request bodies and flags into the shapes the write rules take. */
final class Bodies {
  private Bodies() {
  }

  /**
   * The JSON object body of a metadata write. No body is {@code missing_body}
   * (CORE-HTTP-006); {@code xRegistry-*} headers with it are {@code extra_xregistry_header}
   * (CORE-DOC-007); unparseable JSON is {@code parsing_data}.
   */
  static ObjectNode json(RequestContext ctx, String subject) {
    noXRegistryHeaders(ctx);
    if (!ctx.request.hasBody()) {
      throw XRegistryException.of(ErrorType.MISSING_BODY, ctx.request.path()).build();
    }
    JsonNode node = parse(ctx, subject);
    if (!node.isObject()) {
      throw XRegistryException.of(ErrorType.BAD_REQUEST, ctx.request.path())
          .errorDetail("the body must be a JSON object, not " + node.getNodeType().name().toLowerCase()).build();
    }
    return ctx.ignore.strip((ObjectNode) node, ctx.target, ctx.request.operation());
  }

  /** CORE-DOC-007: {@code xRegistry-*} headers come only with a document body, never with JSON metadata. */
  static void noXRegistryHeaders(RequestContext ctx) {
    if (!ctx.request.xregistryHeaders().isEmpty()) {
      String name = ctx.request.xregistryHeaders().keySet().iterator().next();
      throw XRegistryException.of(ErrorType.EXTRA_XREGISTRY_HEADER, ctx.request.path()).arg("name", "xRegistry-" + name)
          .errorDetail("xRegistry-* headers are only allowed when the body is a document, not with JSON metadata")
          .build();
    }
  }

  /** The request body as a JSON tree; YAML when the content type says so (CloudEvents Registry files, CE-005). */
  static JsonNode parse(RequestContext ctx, String subject) {
    return Json.parse(ctx.request.body(), ctx.request.contentType(), subject);
  }

  /** A nested collection map {@code {id: entity}}; absent or null means "leave alone" (CORE-COLL-007). */
  static Map<String, ObjectNode> map(JsonNode node, String collectionXid) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw XRegistryException.of(ErrorType.INVALID_ATTRIBUTE, collectionXid)
          .arg("name", collectionXid.substring(collectionXid.lastIndexOf('/') + 1))
          .errorDetail("a collection must be a map of ID to entity").build();
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Ids.check(e.getKey(), collectionXid);
      if (!e.getValue().isObject()) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, collectionXid)
            .errorDetail("the entry \"" + e.getKey() + "\" must be an object (CORE-COLL-006)").build();
      }
      out.put(e.getKey(), (ObjectNode) e.getValue());
    }
    return out;
  }

  /** The {@code ?epoch=N} flag of a single-entity DELETE, as JSON for the shared epoch check. */
  static JsonNode epochFlag(RequestContext ctx) {
    String v = ctx.request.flag("epoch");
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Json.MAPPER.getNodeFactory().numberNode(n);
    } catch (NumberFormatException e) {
      throw XRegistryException.of(ErrorType.BAD_REQUEST, ctx.request.path())
          .errorDetail("the epoch flag must be an unsigned integer, got \"" + v + "\"").build();
    }
  }
}
