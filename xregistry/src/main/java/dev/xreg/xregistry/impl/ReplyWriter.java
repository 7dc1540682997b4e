package dev.xreg.xregistry.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.command.Reply;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.render.Serializer;
import dev.xreg.core.render.View;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Writes a storage {@link Reply} as HTTP: JSON metadata, or a document with {@code xRegistry-*} headers. */
public final class ReplyWriter {
  public static final String JSON = "application/json; charset=utf-8";
  private static final String DETAILS = "$details";

  private final String baseUrl;
  private final ResponseEncoding encoding;
  /** The entities collection maps may show (the caller's read permission, issue 19). */
  private final Predicate<String> visible;
  /** Sees a body and the response's headers just before it is sent (the read cache keeps them). */
  private BeforeEnd beforeEnd;

  /** What sees a body just before it is sent, and returns the bytes to send instead (the same, or coded). */
  interface BeforeEnd {
    byte[] sending(HttpServerResponse response, byte[] body);
  }

  ReplyWriter(String baseUrl, ResponseEncoding encoding, Predicate<String> visible) {
    this.baseUrl = baseUrl;
    this.encoding = encoding;
    this.visible = visible;
  }

  /**
   * Calls {@code hook} with the response and its body just before a body is sent (before any
   * content coding); what it returns is sent.
   */
  ReplyWriter beforeEnd(BeforeEnd hook) {
    this.beforeEnd = hook;
    return this;
  }

  public void write(HttpServerResponse response, Reply reply) {
    if (reply instanceof Reply.Single s) {
      single(response, s, new Serializer(baseUrl, s.rendering()).visibleTo(visible));
    } else if (reply instanceof Reply.Deleted) {
      response.setStatusCode(204).end();
    } else {
      json(response.setStatusCode(200), reply.render(baseUrl, visible));
    }
  }

  private void single(HttpServerResponse response, Reply.Single s, Serializer serializer) {
    ObjectNode rendered = serializer.toJson(s.view());
    response.setStatusCode(s.created() ? 201 : 200);
    if (s.created()) {
      // a document created at its document URL is located there, like its xRegistry-self (X5)
      String self = rendered.path("self").asText();
      response.putHeader("Location", s.document() ? headerValue("self", self) : self);
    }
    if (s.createdVersionXid() != null) {
      // CORE-HTTP-009: the new Version's self, which has $details only for Resources with documents
      boolean details = !s.document() && hasDocument(s.view());
      response.putHeader("Content-Location", serializer.url(s.createdVersionXid()) + (details ? "$details" : ""));
    }
    if (s.document()) {
      document(response, s.view(), rendered, serializer);
    } else {
      json(response, s.rendering().collections() ? serializer.collectionsOnly(s.view(), rendered) : rendered);
    }
  }

  private static boolean hasDocument(View view) {
    if (view instanceof View.ResourceView r) {
      return r.type().hasDocument();
    }
    return view instanceof View.VersionView v && v.type().hasDocument();
  }

  /**
   * Document mode (CORE-RES-008, CORE-DOC-010..014): scalars as {@code xRegistry-<name>},
   * scalar maps as {@code xRegistry-<map>.<key>}, the exact bytes as body, 303 to an
   * external document.
   */
  private void document(HttpServerResponse response, View view, ObjectNode rendered, Serializer serializer) {
    ResourceType type;
    Entity version;
    if (view instanceof View.ResourceView r) {
      type = r.type();
      version = r.defaultVersion();
      if (version != null) {
        response.putHeader("Content-Location", serializer.url(version.xid()));
      }
    } else {
      View.VersionView v = (View.VersionView) view;
      type = v.type();
      version = v.version();
    }
    Set<String> skip = Set.of(type.documentAttribute(), type.documentBase64Attribute(), "contenttype");
    for (Iterator<Map.Entry<String, JsonNode>> it = rendered.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip.contains(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isValueNode()) {
        response.putHeader("xRegistry-" + e.getKey(), HeaderValues.encode(headerValue(e.getKey(), v.asText())));
      } else if (v.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> kv = m.next();
          if (kv.getValue().isValueNode()) {
            response.putHeader("xRegistry-" + e.getKey() + "." + kv.getKey(), HeaderValues.encode(kv.getValue().asText()));
          }
        }
      }
    }
    String rid = rendered.path(type.idAttribute()).asText();
    response.putHeader("Content-Disposition", rid);
    JsonNode url = rendered.get(type.documentUrlAttribute());
    if (url != null) {
      response.setStatusCode(303).putHeader("Location", url.asText()).end();
      return;
    }
    if (version == null) {
      // a dangling xref has no document: its headers carry its identity, the body is empty
      send(response, new byte[0]);
      return;
    }
    String contentType = version.text("contenttype");
    if (contentType != null) {
      response.putHeader("Content-Type", contentType);
    }
    byte[] doc = version.document() == null ? new byte[0] : version.document();
    send(response, doc);
  }

  /**
   * http.md "{@code self} Attribute": the {@code $details} suffix belongs to {@code self} in a
   * response body only; a URL sent as a header names the entity itself, without it (every
   * header example of the spec), so a client can follow it back to the document.
   */
  static String headerValue(String attribute, String value) {
    boolean url = attribute.equals("self") || attribute.endsWith("url");
    return url && value.endsWith(DETAILS) ? value.substring(0, value.length() - DETAILS.length()) : value;
  }

  private void json(HttpServerResponse response, JsonNode body) {
    byte[] bytes;
    try {
      bytes = encoding.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    send(response.putHeader("Content-Type", encoding.contentType()), bytes);
  }

  private void send(HttpServerResponse response, byte[] body) {
    end(response, beforeEnd == null ? body : beforeEnd.sending(response, body));
  }

  /**
   * Ends with a body of known length, saying so: Vert.x sends no {@code Content-Length} for
   * HEAD, and RFC 9110 9.3.2 wants a HEAD answered with the headers its GET would get.
   */
  static void end(HttpServerResponse response, byte[] body) {
    response.putHeader("Content-Length", Integer.toString(body.length)).end(Buffer.buffer(body));
  }
}
