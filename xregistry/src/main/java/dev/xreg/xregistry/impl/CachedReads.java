package dev.xreg.xregistry.impl;

import dev.xreg.core.command.Reply;
import dev.xreg.xregistry.cache.CacheKey;
import dev.xreg.xregistry.cache.CachedReply;
import dev.xreg.xregistry.cache.ReadCache;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP side of the read cache (issue 15): which requests may be answered from it, how a
 * stored answer is sent again (with {@code 304} from its ETag for a matching
 * {@code If-None-Match}), and which answers are stored.
 *
 * <p>Only plain reads are: {@code GET} and {@code HEAD} without {@code If-Match} (rare on reads;
 * its 412 is left to the full path), without the admin token or {@code Authorization} (an answer
 * for one caller is not shared with callers whose rights may differ), without
 * {@code xRegistry-*} headers. Only complete {@code 200} answers built whole are stored: an
 * entity, a document, the model or capabilities; streamed ones (collections, inlined children,
 * the export) and every error are not. A body for a gzip or deflate client is stored coded too,
 * so a hit writes bytes and compresses nothing.
 */
final class CachedReads {
  /** Set by the send itself or per request: never part of a stored answer. */
  private static final Set<String> NOT_STORED = Set.of("content-length", "content-encoding", "transfer-encoding",
      "set-cookie", "date", "connection");
  /** What a 304 repeats of the answer it stands for (RFC 9110 15.4.5). */
  private static final Set<String> NOT_MODIFIED = Set.of("etag", "vary", "cache-control", "content-location");

  private CachedReads() {
  }

  /** The key of a request the cache may answer, null for one it may not. */
  static CacheKey key(RoutingContext ctx, String path, String baseUrl) {
    HttpServerRequest req = ctx.request();
    HttpMethod m = req.method();
    if (m != HttpMethod.GET && m != HttpMethod.HEAD) {
      return null;
    }
    MultiMap h = req.headers();
    if (h.contains("If-Match") || h.contains(AdminToken.HEADER) || h.contains(HttpHeaders.AUTHORIZATION)) {
      return null;
    }
    for (String name : h.names()) {
      if (name.regionMatches(true, 0, "xregistry-", 0, "xregistry-".length())) {
        return null;
      }
    }
    return new CacheKey(path, req.query(), req.getHeader("Accept"), ContentCoding.of(req).name(), baseUrl);
  }

  /**
   * Answers {@code key}'s request from {@code hit} as the full path would have: same status,
   * headers and body, or 304. A body stored coded is written as it is (see {@link Store#offer}).
   */
  static void replay(RoutingContext ctx, CacheKey key, CachedReply hit) {
    HttpServerResponse response = ctx.response();
    if (hit.etag() != null && ctx.request().headers().contains("If-None-Match")
        && !ConditionalResponses.of(ctx).ifNoneMatchHoldsForRepresentation(hit.etag())) {
      for (Map.Entry<String, String> e : hit.headers()) {
        if (NOT_MODIFIED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
          response.headers().add(e.getKey(), e.getValue());
        }
      }
      response.setStatusCode(304).end();
      return;
    }
    for (Map.Entry<String, String> e : hit.headers()) {
      response.headers().add(e.getKey(), e.getValue());
    }
    if (ctx.request().method() != HttpMethod.HEAD) {
      ContentCoding coding = ContentCoding.valueOf(key.coding());
      if (hit.coded() != null && precoded(ctx.request(), key) != null) {
        ReplyWriter.end(response.setStatusCode(200).putHeader("Content-Encoding", coding.token()), hit.coded());
        return;
      }
      coding.apply(response); // as RegistryHandler does for a body it sends
    }
    ReplyWriter.end(response.setStatusCode(200), hit.body());
  }

  /**
   * The coding {@code request}'s body is coded in here, not by the server's compressor: that of
   * its key for a GET that accepts gzip or deflate; null for a HEAD (no body) and for identity.
   * Over HTTP/1.1 and HTTP/2 alike the server's compressor leaves a body alone whose response
   * already names its {@code Content-Encoding} (TlsIT checks both: coded once, never twice).
   */
  static ContentCoding precoded(HttpServerRequest request, CacheKey key) {
    if (request.method() == HttpMethod.HEAD) {
      return null;
    }
    ContentCoding coding = ContentCoding.valueOf(key.coding());
    return coding == ContentCoding.IDENTITY ? null : coding;
  }

  /** Replies stored when answered 200: an existing entity or document, the model, the capabilities. */
  static boolean storable(Reply reply) {
    return reply instanceof Reply.Single s && !s.created() && s.createdVersionXid() == null
        || reply instanceof Reply.Document;
  }

  /**
   * One read's way into the cache: its key, the generation it started in, and the headers the
   * response had before the xRegistry handler added its own (they are set again on every request).
   */
  static final class Store {
    private final ReadCache cache;
    private final CacheKey key;
    private final long ticket;
    private final Map<String, Integer> before = new HashMap<>();
    /** The coding the body is stored (and this answer sent) in; null to leave it to the server (a HEAD). */
    private final ContentCoding coding;

    Store(ReadCache cache, CacheKey key, long ticket, MultiMap headersSoFar, ContentCoding coding) {
      this.cache = cache;
      this.key = key;
      this.ticket = ticket;
      this.coding = coding == ContentCoding.IDENTITY ? null : coding;
      for (Map.Entry<String, String> e : headersSoFar) {
        before.merge(entry(e.getKey(), e.getValue()), 1, Integer::sum);
      }
    }

    /**
     * Called just before {@code response} sends {@code body}; returns what to send. With a content
     * coding the body is coded here, once, stored coded beside the plain bytes, and sent coded
     * with its {@code Content-Encoding} (so the server's compressor passes it through): a hit then
     * sends the very same bytes without compressing again.
     */
    byte[] offer(HttpServerResponse response, byte[] body, String bucket) {
      if (response.getStatusCode() != 200) {
        return body;
      }
      Map<String, Integer> skip = new HashMap<>(before);
      List<Map.Entry<String, String>> own = new ArrayList<>();
      String etag = null;
      for (Map.Entry<String, String> e : response.headers()) {
        String name = e.getKey().toLowerCase(Locale.ROOT);
        if (name.equals("set-cookie")) {
          return body; // never shared
        }
        if (NOT_STORED.contains(name) || skip.merge(entry(e.getKey(), e.getValue()), -1, Integer::sum) >= 0) {
          continue;
        }
        if (name.equals("etag")) {
          etag = e.getValue();
        }
        own.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
      }
      byte[] coded = coding == null ? null : coding.encode(body);
      cache.offer(key, new CachedReply(own, body.clone(), etag, bucket, ticket, coded), ticket);
      if (coded == null) {
        return body;
      }
      response.putHeader("Content-Encoding", coding.token());
      return coded;
    }

    private static String entry(String name, String value) {
      return name.toLowerCase(Locale.ROOT) + "\n" + value;
    }
  }
}
