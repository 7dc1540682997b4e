package dev.xreg.http.impl;

import dev.xreg.xregistry.impl.AdminToken;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * CORS for every API ({@code XREG_CORS_ORIGINS}, issues 5 and 19), with Vert.x's
 * {@link CorsHandler} doing the protocol. Listed origins may send credentials (cookies,
 * {@code Authorization}): the answer names the origin and carries
 * {@code Access-Control-Allow-Credentials: true}. {@code *} alone allows any origin without
 * credentials, as the Fetch standard requires; mixing it with names is a configuration error.
 * A request from any other origin gets no CORS headers and is otherwise served as usual: the
 * browser withholds the answer from the page, and clients that are not browsers are unaffected.
 */
public final class CrossOrigin implements Handler<RoutingContext> {
  /** Request headers a page may send: the xRegistry, OCI and auth headers beyond the safelisted ones. */
  static final Set<String> ALLOWED_HEADERS = Set.of("Authorization", "Content-Type", "Content-Range", "Range",
      "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", AdminToken.HEADER,
      "xRegistry-epoch", "xRegistry-name", "xRegistry-description", "xRegistry-documentation", "xRegistry-labels",
      "xRegistry-versionid", "xRegistry-isdefault", "xRegistry-ancestorid", "xRegistry-createdat",
      "xRegistry-modifiedat", "xRegistry-compatibility", "xRegistry-format", "xRegistry-contenttype");
  /** Response headers a page may read. */
  static final Set<String> EXPOSED_HEADERS = Set.of("Link", "Location", "Content-Location", "Content-Disposition",
      "Content-Range", "ETag", "Allow", "Retry-After", "WWW-Authenticate", "Docker-Content-Digest",
      "Docker-Upload-UUID", "Docker-Distribution-API-Version", "OCI-Subject", "OCI-Filters-Applied", "Range",
      "xRegistry-epoch", "xRegistry-versionid", "xRegistry-self", "xRegistry-xid", "xRegistry-isdefault",
      "xRegistry-createdat", "xRegistry-modifiedat", "xRegistry-ancestorid", "xRegistry-metaurl",
      "xRegistry-versionsurl", "xRegistry-versionscount", "xRegistry-name", "xRegistry-description");
  private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
      HttpMethod.PATCH, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS);

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final CorsHandler cors;

  private CrossOrigin(List<String> origins) {
    this.anyOrigin = origins.contains("*");
    if (anyOrigin && origins.size() > 1) {
      throw new IllegalArgumentException("XREG_CORS_ORIGINS: '*' allows every origin and cannot be combined with"
          + " named origins, got " + origins);
    }
    for (String origin : origins) {
      if (!anyOrigin && !origin.matches("https?://[^/?#\\s]+")) {
        throw new IllegalArgumentException("XREG_CORS_ORIGINS: an origin is a scheme and a host without a path,"
            + " e.g. https://ui.example.com, got \"" + origin + "\"");
      }
    }
    this.origins = Set.copyOf(origins);
    this.cors = CorsHandler.create().addOrigins(origins).allowCredentials(!anyOrigin).allowedMethods(METHODS)
        .allowedHeaders(ALLOWED_HEADERS).exposedHeaders(EXPOSED_HEADERS).maxAgeSeconds(600);
  }

  /** The policy for {@code origins}, or null when the list is empty (no CORS headers at all, the default). */
  public static CrossOrigin of(List<String> origins) {
    return origins.isEmpty() ? null : new CrossOrigin(origins);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && (anyOrigin || origins.contains(origin))) {
      cors.handle(ctx);
    } else {
      ctx.next();
    }
  }
}
