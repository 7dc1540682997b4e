package dev.xreg.http.impl;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.render.Serializer;
import dev.xreg.storage.bus.StorageClient;
import dev.xreg.storage.exec.ReadScope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The xRegistry API: turns an HTTP request into a {@link RegistryRequest}, sends it to
 * storage over the event bus, and writes the reply. No business rules live here.
 */
public final class RegistryHandler implements Handler<RoutingContext> {
  private static final String XREGISTRY_PREFIX = "xregistry-";

  private final Future<StorageClient> storage;
  private final AdminToken adminToken;

  /** {@code adminToken}: the configured admin secret, empty for none (docs/spec-decisions.md D4). */
  public RegistryHandler(Future<StorageClient> storage, String adminToken) {
    this.storage = storage;
    this.adminToken = new AdminToken(adminToken);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = Paths.relative(ctx);
    RegistryRequest request;
    try {
      request = request(ctx, path, adminToken.admin(ctx.request(), path));
    } catch (RuntimeException badHeader) { // also a wrong admin token
      Problems.write(ctx, badHeader, path);
      return;
    }
    boolean streamed = streamable(request);
    storage.compose(s -> streamed ? s.read(request, ReadScope.SHALLOW) : s.execute(request)).onComplete(ar -> {
      if (ar.succeeded()) {
        try {
          if (ConditionalResponses.answered(ctx, ar.result(), path)) {
            return;
          }
          if (ar.result() instanceof Reply.Redirect r) {
            redirect(ctx, r);
            return;
          }
          if (ar.result() instanceof Reply.Page page) {
            PageLinks.of(ctx.request(), page).forEach(l -> ctx.response().headers().add("Link", l));
          }
          ResponseEncoding encoding = ResponseEncoding.of(ctx.request().getHeader("Accept"));
          if (!streamed || !stream(ctx, request, ar.result(), encoding)) {
            new ReplyWriter(Paths.baseUrl(ctx), encoding).write(ctx.response(), ar.result());
          }
        } catch (RuntimeException renderFailure) {
          Problems.write(ctx, renderFailure, path);
        }
      } else {
        Problems.write(ctx, ar.cause(), path);
      }
    });
  }

  /** A followed shortself alias: 307 keeps the method and body, the query is carried over. */
  private static void redirect(RoutingContext ctx, Reply.Redirect r) {
    String query = ctx.request().query();
    String self = Paths.baseUrl(ctx) + ("/".equals(r.xid()) ? "/" : r.xid()) + r.suffix();
    ctx.response().setStatusCode(307).putHeader("Location", query == null ? self : self + "?" + query).end();
  }

  /**
   * GETs are read shallow and streamed (issue 6), except with a filter: a filter also narrows
   * inlined collections (CORE-FIL-006), which the chunk reads do not repeat, so a filtered
   * reply is read whole (bounded by the page size).
   */
  private static boolean streamable(RegistryRequest request) {
    return "GET".equals(request.method()) && !request.query().containsKey("filter");
  }

  /**
   * Streams a shallow reply that has open collections; returns false (nothing written) when
   * it has none, so the ordinary writer answers.
   */
  private boolean stream(RoutingContext ctx, RegistryRequest request, Reply reply, ResponseEncoding encoding) {
    StorageClient client = storage.result();
    if (reply instanceof Reply.Single s && !s.document()) {
      Serializer serializer = Serializer.streaming(Paths.baseUrl(ctx), s.rendering());
      ObjectNode root = serializer.toJson(s.view());
      if (!StreamedJson.hasHoles(root)) {
        return false;
      }
      if (s.rendering().collections()) {
        root = serializer.collectionsOnly(s.view(), root);
      }
      new StreamedJson(ctx.response().setStatusCode(200), serializer, client, encoding).streamEntity(root);
      return true;
    }
    if (reply instanceof Reply.Page p) {
      Serializer serializer = Serializer.streaming(Paths.baseUrl(ctx), p.rendering());
      new StreamedJson(ctx.response().setStatusCode(200), serializer, client, encoding)
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
    return new RegistryRequest(req.method().name(), path, query, body, req.getHeader("Content-Type"), xheaders,
        ConditionalResponses.of(ctx), admin);
  }

  /** Where the registry lives in the URL space of this request. */
  static final class Paths {
    private Paths() {
    }

    static String relative(RoutingContext ctx) {
      String full = ctx.request().path();
      String mount = mount(ctx);
      String rest = full.startsWith(mount) ? full.substring(mount.length()) : full;
      return rest.isEmpty() ? "/" : rest;
    }

    static String baseUrl(RoutingContext ctx) {
      HttpServerRequest req = ctx.request();
      HostAndPort authority = req.authority();
      String host = authority == null ? "localhost" : authority.host()
          + (authority.port() > 0 ? ":" + authority.port() : "");
      return req.scheme() + "://" + host + mount(ctx);
    }

    private static String mount(RoutingContext ctx) {
      String m = ctx.mountPoint();
      if (m == null) {
        return "";
      }
      return m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
    }
  }
}
