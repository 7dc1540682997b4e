package dev.xreg.http.impl;

import dev.xreg.api.ApiModule;
import dev.xreg.api.ApiModule.Mount;
import dev.xreg.api.PublicUrls;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Answers requests the server refuses before any API routed them (a codec error, a malformed
 * target or {@code Host}, a body timeout) in the error format of the API that owns the path,
 * through {@link ApiModule#failure}: problem+json for the xRegistry tree, the OCI envelope
 * below {@code /v2}, the App Registry one below {@code /cnr}.
 */
public final class ApiFailures {
  private final Vertx vertx;
  private final List<ApiModule> apis;
  private final String basePath;

  public ApiFailures(Vertx vertx, List<ApiModule> apis, String basePath) {
    this.vertx = vertx;
    this.apis = List.copyOf(apis);
    this.basePath = basePath;
  }

  /**
   * The API whose prefix {@code rawPath} starts with, else the one mounted at {@code "/"} (which
   * also answers when the path is unknown, as after a request line too long to read).
   */
  ApiModule owner(String rawPath) {
    ApiModule fallback = null;
    for (ApiModule api : apis) {
      String prefix = (api.mount() == Mount.BASE_PATH ? basePath : "") + api.mountPath();
      if (api.mountPath().equals("/")) {
        fallback = api;
      } else if (rawPath.equals(prefix) || rawPath.startsWith(prefix + "/")) {
        return api;
      }
    }
    return fallback != null ? fallback : apis.get(0);
  }

  /** As {@link #answer(HttpServerRequest, int, String)}, for a request already being routed. */
  public void answer(RoutingContext ctx, int status, String detail) {
    String path = ctx.normalizedPath().substring(Math.min(PublicUrls.mountPoint(ctx).length(),
        ctx.normalizedPath().length()));
    owner(path).failure(ctx, status, detail);
  }

  /** Ends {@code request} with {@code status} and {@code detail} in its API's error body. */
  public void answer(HttpServerRequest request, int status, String detail) {
    String rawPath = MalformedRequests.rawPath(request);
    ApiModule api = owner(rawPath);
    // vertx-web routes only requests with a decodable path; the answer needs nothing else of it
    HttpServerRequest routable = request instanceof HttpServerRequestInternal internal
        ? new Refused(internal, MalformedRequests.displayPath(rawPath)) : request;
    Router router = Router.router(vertx);
    router.route().handler(ctx -> api.failure(ctx, status, detail));
    router.handle(routable);
  }

  /**
   * A refused request as its API's error renderer sees it: a safe path for the problem's
   * subject, no query, and the {@code Host} only when it is well formed.
   */
  private static final class Refused extends HttpServerRequestWrapper {
    private final String path;

    Refused(HttpServerRequestInternal delegate, String path) {
      super(delegate);
      this.path = path;
    }

    @Override
    public String uri() {
      return path;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public String query() {
      return null;
    }

    @Override
    public MultiMap params(boolean semicolonIsNormalChar) {
      return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public HostAndPort authority() {
      return authority(false);
    }

    @Override
    public HostAndPort authority(boolean real) {
      // Vert.x throws for an HTTP/1.1 request without Host; a refused request may be one
      return MalformedRequests.hostProblem(delegate) == null && delegate.headers().contains("Host")
          ? delegate.authority(real) : null;
    }

    /** vertx-web routes no HTTP/1.1 request without a valid authority; the answer needs none. */
    @Override
    public boolean isValidAuthority() {
      return true;
    }

    @Override
    public String absoluteURI() {
      return null;
    }
  }
}
