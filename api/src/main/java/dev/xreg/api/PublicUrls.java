package dev.xreg.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * How an API learns the externally visible base URL of a request, one resolver for every
 * API, so {@code self}, {@code Location}, {@code Link} and discovery URLs agree. The server
 * configures it ({@code XREG_PUBLIC_URL}, forwarding headers from {@code XREG_TRUSTED_PROXIES});
 * {@link #fromRequest()} takes the request's own scheme and {@code Host}.
 */
@FunctionalInterface
public interface PublicUrls {

  /**
   * The URL a client reaches the server's root at for {@code request}, without a trailing
   * slash: scheme, authority and any path prefix a proxy adds, e.g. {@code http://127.0.0.1:8080}
   * or {@code https://example.com/xreg}.
   */
  String origin(HttpServerRequest request);

  /** The origin plus the path {@code ctx}'s router is mounted at, without a trailing slash. */
  default String base(RoutingContext ctx) {
    return origin(ctx.request()) + mountPoint(ctx);
  }

  /** The router's mount point without a trailing slash ({@code ""} at the root). */
  static String mountPoint(RoutingContext ctx) {
    String m = ctx.mountPoint();
    if (m == null) {
      return "";
    }
    return m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
  }

  /** The scheme and {@code Host} of the request as sent. */
  static PublicUrls fromRequest() {
    return request -> {
      HostAndPort authority = request.authority();
      String host = authority == null ? "localhost"
          : authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
      return request.scheme() + "://" + host;
    };
  }
}
