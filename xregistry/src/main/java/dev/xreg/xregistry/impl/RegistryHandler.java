package dev.xreg.xregistry.impl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.api.PublicUrls;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.command.Target;
import dev.xreg.core.render.Serializer;
import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.feed.CorrelationId;
import dev.xreg.storage.xregistry.CloseSnapshot;
import dev.xreg.storage.xregistry.ImportCommand;
import dev.xreg.storage.xregistry.ReadScope;
import dev.xreg.storage.xregistry.SnapshotRead;
import dev.xreg.storage.xregistry.XRegistryCommand;
import dev.xreg.xregistry.cache.CacheKey;
import dev.xreg.xregistry.cache.CachedReply;
import dev.xreg.xregistry.cache.ReadCache;
import dev.xreg.xregistry.cache.ReplyScope;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The xRegistry API's one entity handler: turns an HTTP request into an
 * {@link XRegistryCommand} (the typed {@link Target} of its path and the {@link Operation}
 * of its method), sends it to the engine, and writes the reply, streaming large ones.
 * No business rules live here.
 */
public final class RegistryHandler implements Handler<RoutingContext> {
  private static final String XREGISTRY_PREFIX = "xregistry-";

  private final Future<EngineClient> storage;
  private final AdminToken adminToken;
  private final PublicUrls urls;
  /** The node's read cache (issue 15); null when {@code XREG_CACHE_MAX_BYTES} is 0: every read goes to the engine. */
  private final ReadCache cache;

  /** {@code adminToken}: the configured admin secret, empty for none (docs/spec-decisions.md D4). */
  public RegistryHandler(Future<EngineClient> storage, String adminToken, PublicUrls urls) {
    this(storage, adminToken, urls, null);
  }

  /** With {@code cache} (null for none), GETs are answered from it when they can be (see {@link CachedReads}). */
  public RegistryHandler(Future<EngineClient> storage, String adminToken, PublicUrls urls, ReadCache cache) {
    this.storage = storage;
    this.adminToken = new AdminToken(adminToken);
    this.urls = urls;
    this.cache = cache;
  }

  /**
   * The entities the caller may read (issue 19): collection listings leave out the others, as a
   * GET of one of them answers 404. Everything without authentication.
   */
  private static java.util.function.Predicate<String> readable(RoutingContext ctx) {
    dev.xreg.api.Caller caller = dev.xreg.api.Caller.of(ctx);
    return caller == dev.xreg.api.Caller.OPEN ? xid -> true
        : xid -> caller.may(dev.xreg.api.Access.registry(RegistryAccess.entityPath(xid), dev.xreg.api.Access.Action.READ));
  }

  /** Only a caller an identity source vouched for: with authentication off nobody holds roles. */
  private static boolean adminRole(RoutingContext ctx, String path) {
    dev.xreg.api.Caller caller = dev.xreg.api.Caller.of(ctx);
    return caller.authenticated()
        && caller.may(dev.xreg.api.Access.registry(RegistryAccess.entityPath(path), dev.xreg.api.Access.Action.ADMIN));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = relative(ctx);
    CacheKey key = cache == null ? null : CachedReads.key(ctx, path, urls.base(ctx));
    if (key != null) {
      CachedReply hit = cache.lookup(key);
      if (hit != null && CachedReads.answers(hit, dev.xreg.api.Caller.of(ctx))) {
        CachedReads.replay(ctx, key, hit);
        return;
      }
    }
    // taken before the read is sent: an answer read across a change is not stored (ReadCache)
    long ticket = key == null ? 0 : cache.ticket();
    RegistryRequest request;
    try {
      // the admin role (issue 19) grants what the admin token does: writing read-only Resources
      boolean admin = adminToken.admin(ctx.request(), path) || adminRole(ctx, path);
      request = request(ctx, path, admin);
    } catch (RuntimeException badHeader) { // also a wrong admin token
      BodyReader.release(ctx);
      Problems.write(ctx, badHeader, path);
      return;
    }
    // chosen before the write: the engine writes it with the change, the reply carries it
    String correlationId = request.operation().writes() ? CorrelationId.next() : null;
    java.nio.file.Path spooled = BodyReader.spooled(ctx);
    if (spooled != null) {
      // an import: the engine streams the spooled body; the file goes once it is done with it
      io.vertx.core.Context here = io.vertx.core.Vertx.currentContext();
      EngineClient.onContext(storage.compose(s -> s.send(new ImportCommand(request, spooled, correlationId))), here)
          .onComplete(reply -> {
            BodyReader.release(ctx);
            respond(ctx, path, request, false, reply, null, correlationId, null);
          });
      return;
    }
    boolean streamed = streamable(request);
    // A document read in chunks is read from one snapshot (issue 13): the engine holds it open
    // between the chunk reads; it is closed when the stream ends, however it ends.
    boolean snapshot = streamed && SnapshotRead.wanted(request);
    // on this connection's context, not the one that deployed storage (EngineClient.onContext)
    io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
    Cancellation cancellation = abandonable(ctx, request, path);
    Future<SnapshotRead.Opened> read = snapshot
        ? EngineClient.onContext(storage.compose(s -> s.send(new SnapshotRead(request, cancellation))), caller)
        : EngineClient.onContext(storage.compose(s -> s.send(new XRegistryCommand(request,
            streamed ? ReadScope.SHALLOW : ReadScope.WHOLE, null, correlationId, cancellation))), caller)
            .map(reply -> new SnapshotRead.Opened(null, reply));
    read.onComplete(opened -> {
      String snapshotId = opened.succeeded() ? opened.result().snapshot() : null;
      boolean streaming = false;
      try {
        streaming = respond(ctx, path, request, streamed, opened.map(SnapshotRead.Opened::reply), snapshotId,
            correlationId, key == null ? null : new CachedReads.Store(cache, key, ticket, ctx.response().headers(),
                CachedReads.precoded(ctx.request(), key), dev.xreg.api.Caller.of(ctx)));
      } finally {
        if (snapshotId != null && !streaming) {
          storage.result().send(new CloseSnapshot(snapshotId, path)); // answered without streaming
        }
      }
    });
  }

  /**
   * For a read: fired when the client closes the connection (or resets the stream) before the
   * answer, so the engine cancels the statement it is running for nobody (issue 15). A stream
   * that takes over the response later sets its own close handler; by then the read is done.
   */
  private static Cancellation abandonable(RoutingContext ctx, RegistryRequest request, String path) {
    if (request.operation().writes()) {
      return Cancellation.NONE;
    }
    Cancellation cancellation = new Cancellation(ctx.request().method().name() + " " + path);
    // also on an HTTP/2 stream reset (RST_STREAM), which leaves the connection open
    ctx.response().closeHandler(v -> cancellation.cancel());
    return cancellation;
  }

  /** Answers {@code ar}; true when a stream took over the response (and the snapshot it reads from). */
  private boolean respond(RoutingContext ctx, String path, RegistryRequest request, boolean streamed,
      AsyncResult<Reply> ar, String snapshotId, String correlationId, CachedReads.Store store) {
    if (ar.failed()) {
      Problems.write(ctx, ar.cause(), path);
      return false;
    }
    if (correlationId != null) {
      // the events spec's MUST: the response names the xregcorrelationid of the events it caused
      ctx.response().putHeader(CorrelationId.HEADER, correlationId);
    }
    try {
      ResponseEncoding encoding = ResponseEncoding.of(ctx.request().getHeader("Accept"));
      ContentCoding coding = ContentCoding.of(ctx.request());
      caching(ctx, ar.result());
      if (ConditionalResponses.answered(ctx, ar.result(), path, encoding, coding)) {
        return false;
      }
      if (ar.result() instanceof Reply.Redirect r) {
        redirect(ctx, r);
        return false;
      }
      if (ar.result() instanceof Reply.Page page) {
        PageLinks.of(ctx.request(), urls.base(ctx), path, page).forEach(l -> ctx.response().headers().add("Link", l));
      }
      if (ctx.request().method() != io.vertx.core.http.HttpMethod.HEAD && !(ar.result() instanceof Reply.Deleted)) {
        // the coding the ETag names is the one sent (HEAD and 204 have no body to code)
        coding.apply(ctx.response());
      }
      if (streamed && stream(ctx, request, ar.result(), encoding, snapshotId)) {
        return true;
      }
      AskedVisibility visible = new AskedVisibility(readable(ctx));
      ReplyWriter writer = new ReplyWriter(urls.base(ctx), encoding, visible);
      if (store != null && CachedReads.storable(ar.result())) {
        String bucket = ReplyScope.bucketOf(path, ar.result());
        writer.beforeEnd((response, body) -> store.offer(response, body, bucket, visible.asked()));
      }
      writer.write(ctx.response(), ar.result());
    } catch (RuntimeException renderFailure) {
      Problems.write(ctx, renderFailure, path);
    }
    return false;
  }

  /**
   * RFC 9111: metadata is negotiated by {@code Accept} (JSON, YAML), every body by
   * {@code Accept-Encoding} (that one is named for every response where the route starts), so
   * caches keep the variants apart; reads may be stored but must be revalidated
   * ({@code no-cache}): an entity changes at any time, and a revalidation with its ETag is cheap
   * (304, no body).
   */
  private static void caching(RoutingContext ctx, Reply reply) {
    boolean document = reply instanceof Reply.Single s && s.document();
    if (!document) {
      ctx.response().headers().add("Vary", "Accept");
    }
    io.vertx.core.http.HttpMethod m = ctx.request().method();
    if (m == io.vertx.core.http.HttpMethod.GET || m == io.vertx.core.http.HttpMethod.HEAD) {
      ctx.response().putHeader("Cache-Control", "no-cache");
    }
  }

  /** A followed shortself alias: 307 keeps the method and body, the query is carried over. */
  private void redirect(RoutingContext ctx, Reply.Redirect r) {
    String query = ctx.request().query();
    String self = urls.base(ctx) + ("/".equals(r.xid()) ? "/" : r.xid()) + r.suffix();
    ctx.response().setStatusCode(307).putHeader("Location", query == null ? self : self + "?" + query).end();
  }

  /**
   * GETs are read shallow and streamed (issue 6), except with a filter: a filter also narrows
   * inlined collections (CORE-FIL-006), which the chunk reads do not repeat, so a filtered
   * reply is read whole (bounded by the page size).
   */
  private static boolean streamable(RegistryRequest request) {
    return request.operation() == Operation.READ && !request.query().containsKey("filter");
  }

  /**
   * Streams a shallow reply that has open collections; returns false (nothing written) when
   * it has none, so the ordinary writer answers.
   */
  private boolean stream(RoutingContext ctx, RegistryRequest request, Reply reply, ResponseEncoding encoding,
      String snapshotId) {
    EngineClient client = storage.result();
    if (reply instanceof Reply.Single s && !s.document()) {
      Serializer serializer = Serializer.streaming(urls.base(ctx), s.rendering()).visibleTo(readable(ctx));
      ObjectNode root = serializer.toJson(s.view());
      if (!StreamedJson.hasHoles(root)) {
        return false;
      }
      if (s.rendering().collections()) {
        root = serializer.collectionsOnly(s.view(), root);
      }
      new StreamedJson(ctx.response().setStatusCode(200), serializer, client, encoding, snapshotId)
          .streamEntity(root);
      return true;
    }
    if (reply instanceof Reply.Page p) {
      Serializer serializer = Serializer.streaming(urls.base(ctx), p.rendering()).visibleTo(readable(ctx));
      new StreamedJson(ctx.response().setStatusCode(200), serializer, client, encoding, snapshotId)
          .streamCollection(request.path(), request.query(), p);
      return true;
    }
    return false;
  }

  private static RegistryRequest request(RoutingContext ctx, String path, boolean admin) {
    HttpServerRequest req = ctx.request();
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : req.params()) {
      query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    Map<String, String> xheaders = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(XREGISTRY_PREFIX)) {
        String attribute = name.substring(XREGISTRY_PREFIX.length());
        // Errors name the header in the spec's spelling, whatever case the client used.
        xheaders.put(attribute, HeaderValues.decode("xRegistry-" + attribute, h.getValue(), path));
      }
    }
    byte[] body = BodyReader.body(ctx);
    return new RegistryRequest(Target.of(path), Operation.ofMethod(req.method().name()), path, query, body,
        req.getHeader("Content-Type"), xheaders, ConditionalResponses.of(ctx), admin);
  }

  /** The request path below the registry's mount point, {@code "/"} at least. */
  static String relative(RoutingContext ctx) {
    String full = ctx.request().path();
    String mount = PublicUrls.mountPoint(ctx);
    String rest = full.startsWith(mount) ? full.substring(mount.length()) : full;
    return rest.isEmpty() ? "/" : rest;
  }
}
