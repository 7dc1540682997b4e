package dev.xreg.http.impl;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.render.Inline;
import dev.xreg.storage.bus.StorageClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
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

  public RegistryHandler(Future<StorageClient> storage) {
    this.storage = storage;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = Paths.relative(ctx);
    RegistryRequest request;
    try {
      request = request(ctx, path);
    } catch (RuntimeException badHeader) {
      Problems.write(ctx, badHeader, path);
      return;
    }
    storage.compose(s -> s.execute(request)).onComplete(ar -> {
      if (ar.succeeded()) {
        try {
          if (ConditionalResponses.answered(ctx, ar.result(), path)) {
            return;
          }
          if (ar.result() instanceof Reply.Page page) {
            PageLinks.of(ctx.request(), page).forEach(l -> ctx.response().headers().add("Link", l));
          }
          new ReplyWriter(Paths.baseUrl(ctx), inline(ctx.request().params())).write(ctx.response(), ar.result());
        } catch (RuntimeException renderFailure) {
          Problems.write(ctx, renderFailure, path);
        }
      } else {
        Problems.write(ctx, ar.cause(), path);
      }
    });
  }

  private static RegistryRequest request(RoutingContext ctx, String path) {
    HttpServerRequest req = ctx.request();
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : req.params()) {
      query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    Map<String, String> xheaders = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(XREGISTRY_PREFIX)) {
        xheaders.put(name.substring(XREGISTRY_PREFIX.length()), HeaderValues.decode(h.getKey(), h.getValue(), path));
      }
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return new RegistryRequest(req.method().name(), path, query, body, req.getHeader("Content-Type"), xheaders,
        ConditionalResponses.of(ctx));
  }

  /** The subset of {@code ?inline} the serializer knows so far (named collections and documents). */
  private static Inline inline(MultiMap params) {
    List<String> values = new ArrayList<>();
    for (String v : params.getAll("inline")) {
      for (String p : v.split(",")) {
        values.add(p.trim());
      }
    }
    if (values.isEmpty()) {
      return Inline.NONE;
    }
    boolean all = values.contains("*") || values.contains("");
    return new Inline(values.contains("capabilities"), values.contains("model"), values.contains("modelsource"),
        all || values.contains("meta"), all || values.contains("versions"),
        all || values.stream().anyMatch(v -> !v.isEmpty() && !v.equals("meta") && !v.equals("versions")
            && !v.equals("capabilities") && !v.equals("model") && !v.equals("modelsource")),
        params.contains("binary"));
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
