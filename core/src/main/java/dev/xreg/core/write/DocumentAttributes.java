package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.MediaTypes;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * spec.md "{@code <RESOURCE>*} Attribute Processing" (CORE-DOC-001..003, 009): turns what a
 * Version write carries about its document, either the three attributes
 * {@code <RESOURCE>}, {@code <RESOURCE>base64} and {@code <RESOURCE>url} in a JSON body or a
 * document-mode body with its {@code xRegistry-*} headers, into the stored document bytes
 * plus the {@code contenttype} and {@code <RESOURCE>url} attributes.
 *
 * <p>The document attributes are not ordinary attributes: {@link EntityWrite} leaves them out
 * of the written attributes, and the methods here put back the ones that are stored.
 */
final class DocumentAttributes {
  private final ResourceType type;
  private final Method method;

  DocumentAttributes(ResourceType type, Method method) {
    this.type = type;
    this.method = method;
  }

  /**
   * The document of the written Version, or null when it has none (no {@code hasdocument},
   * or a {@code <RESOURCE>url}); {@code attrs} are the written attributes, completed here.
   */
  byte[] document(ObjectNode body, DocumentInput doc, ObjectNode attrs, Entity existing, String vxid) {
    if (!type.hasDocument()) {
      return null;
    }
    return doc != null ? fromDocumentBody(doc, attrs, vxid) : fromAttributes(body, attrs, existing, vxid);
  }

  /** A document-mode write: the body is the document unless {@code xRegistry-<RESOURCE>url} is given (CORE-DOC-009). */
  byte[] fromDocumentBody(DocumentInput doc, ObjectNode attrs, String vxid) {
    JsonNode url = doc.headerAttributes().get(type.documentUrlAttribute());
    if (url != null && !url.isNull()) {
      if (doc.body().length > 0) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, vxid)
            .errorDetail("a body is not allowed together with xRegistry-" + type.documentUrlAttribute()).build();
      }
      AttributeValues.checkExtension(type.documentUrlAttribute(), url, uriDefinition(), vxid);
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
  byte[] fromAttributes(ObjectNode body, ObjectNode attrs, Entity existing, String vxid) {
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
      AttributeValues.checkExtension(url, v, uriDefinition(), vxid);
      attrs.set(url, v);
      return null;
    }
    boolean hadType = existing != null && existing.attributes().has("contenttype");
    if (k.equals(base64)) {
      if (!v.isTextual()) {
        throw AttributeValues.invalid(base64, vxid, "must be a base64 string");
      }
      // a patch sets the request's type only if unset
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

  /** The model definition a {@code <RESOURCE>url} value is checked against (fresh: model nodes are mutable). */
  private static ObjectNode uriDefinition() {
    return Json.MAPPER.createObjectNode().put("type", "uri");
  }
}
