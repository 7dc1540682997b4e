package dev.xreg.xregistry;

import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.PublicUrls;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.xregistry.cache.ReadCache;
import dev.xreg.xregistry.impl.BodyReader;
import dev.xreg.xregistry.impl.MethodsHandler;
import dev.xreg.xregistry.impl.Problems;
import dev.xreg.xregistry.impl.RegistryAccess;
import dev.xreg.xregistry.impl.RegistryHandler;
import dev.xreg.xregistry.impl.RouteTemplates;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xRegistry HTTP API (core spec and its HTTP binding) as an {@link ApiModule}: the
 * registry's root {@code Link} header, registry discovery,
 * the bounded body reader, and the entity handler that sends typed commands to the engine.
 */
public final class XRegistryApi implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(XRegistryApi.class);
  /** Every method the binding defines, for 405s of other methods (CORS is the server's: http CrossOrigin). */
  private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
      HttpMethod.PATCH, HttpMethod.POST, HttpMethod.DELETE);

  private final long maxBodyBytes;
  private final long importMaxBytes;
  private final String adminToken;
  private final long cacheMaxBytes;

  /**
   * @param maxBodyBytes larger request bodies get 413 ({@code XREG_MAX_BODY_BYTES})
   * @param adminToken the admin secret, empty for none ({@code XREG_ADMIN_TOKEN})
   */
  public XRegistryApi(long maxBodyBytes, String adminToken) {
    this(maxBodyBytes, adminToken, 0);
  }

  /** @param cacheMaxBytes the node's read cache size ({@code XREG_CACHE_MAX_BYTES}); 0: no cache */
  public XRegistryApi(long maxBodyBytes, String adminToken, long cacheMaxBytes) {
    this(maxBodyBytes, maxBodyBytes, adminToken, cacheMaxBytes);
  }

  /**
   * @param importMaxBytes larger bodies of {@code PUT /} and {@code POST /} get 413 ({@code XREG_IMPORT_MAX_BYTES})
   * @param cacheMaxBytes the node's read cache size ({@code XREG_CACHE_MAX_BYTES}); 0: no cache
   */
  public XRegistryApi(long maxBodyBytes, long importMaxBytes, String adminToken, long cacheMaxBytes) {
    this.cacheMaxBytes = cacheMaxBytes;
    this.maxBodyBytes = maxBodyBytes;
    this.importMaxBytes = importMaxBytes;
    this.adminToken = adminToken;
  }

  @Override
  public String name() {
    return "xregistry";
  }

  @Override
  public Mount mount() {
    return Mount.BASE_PATH;
  }

  @Override
  public String mountPath() {
    return "/";
  }

  @Override
  public Router router(ApiContext context) {
    PublicUrls urls = context.publicUrls();
    Router router = Router.router(context.vertx());
    // CORE-HTTP-011: every response names the registry's root
    router.route().handler(ctx -> {
      ctx.response().putHeader("Link", "<" + urls.base(ctx) + "/>;rel=xregistry-root");
      // every body may be compressed (RFC 9110 12.5.5); metadata replies add Accept (RegistryHandler)
      ctx.response().headers().add("Vary", "Accept-Encoding");
      ctx.next();
    });
    // Registry-based discovery (CORE-REG-011) and host-based discovery (CORE-REG-012): both
    // list this registry's root URL.
    // HEAD wherever GET is (RFC 9110 9.3.2)
    router.route("/.xregistry").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> discovery(ctx, urls));
    router.route("/.well-known/xregistry").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> discovery(ctx, urls));
    // one cache per engine, shared by every server verticle instance (issue 15)
    ReadCache cache = ReadCache.shared(context.vertx(), context.engine(), cacheMaxBytes);
    for (HttpMethod m : METHODS) {
      router.route().method(m).handler(new BodyReader(maxBodyBytes, importMaxBytes))
          .handler(new RegistryHandler(context.engine(), adminToken, urls, cache));
    }
    // OPTIONS and methods xRegistry does not define: the path's own methods (issue 16)
    router.route().handler(new MethodsHandler(context.engine()));
    router.errorHandler(405, ctx -> failure(ctx, 405, null));
    router.route().failureHandler(this::failed);
    return router;
  }

  @Override
  public String routeTemplate(String path) {
    return RouteTemplates.of(path);
  }

  @Override
  public List<Access> access(HttpMethod method, String path, io.vertx.core.MultiMap params) {
    return RegistryAccess.of(method, path);
  }

  @Override
  public void refuse(RoutingContext ctx, int status, String detail) {
    String path = ctx.request().path();
    ErrorType type = switch (status) {
      case 401 -> ErrorType.UNAUTHORIZED;
      case 404 -> ErrorType.NOT_FOUND;
      default -> ErrorType.FORBIDDEN;
    };
    Problems.write(ctx, XRegistryException.of(type, path).errorDetail(detail).build(), path);
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    String path = ctx.request().path();
    XRegistryException error = switch (status) {
      case 405 -> XRegistryException.notSupported(ctx.request().method().name(), path,
          METHODS.stream().map(HttpMethod::name).sorted().toArray(String[]::new));
      case 413 -> XRegistryException.of(ErrorType.PAYLOAD_TOO_LARGE, path)
          .errorDetail(detail == null ? "the request is too large" : detail).build();
      case 408 -> XRegistryException.of(ErrorType.REQUEST_TIMEOUT, path)
          .errorDetail(detail == null ? "the request took too long" : detail).build();
      case 414 -> XRegistryException.of(ErrorType.URI_TOO_LONG, path)
          .errorDetail(detail == null ? "the request line is too long" : detail).build();
      case 431 -> XRegistryException.of(ErrorType.HEADER_FIELDS_TOO_LARGE, path)
          .errorDetail(detail == null ? "the request headers are too large" : detail).build();
      case 429 -> XRegistryException.of(ErrorType.TOO_MANY_REQUESTS, path)
          .errorDetail(detail == null ? "try again later" : detail).build();
      default -> XRegistryException.of(ErrorType.BAD_REQUEST, path)
          .errorDetail(detail == null ? "the request could not be read" : detail).build();
    };
    Problems.write(ctx, error, path);
  }

  private void failed(RoutingContext ctx) {
    if (ctx.request().connection() != null && ctx.response().closed()) {
      // the client went away mid-request: nobody to answer, and not the server's fault
      LOG.debug("event=client_gone path={} cause={}", ctx.request().path(), String.valueOf(ctx.failure()));
      return;
    }
    if (ctx.failure() == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      failure(ctx, ctx.statusCode(), null);
      return;
    }
    Throwable cause = ctx.failure() != null ? ctx.failure()
        : new IllegalStateException("request failed with status " + ctx.statusCode());
    Problems.write(ctx, cause, ctx.request().path());
  }

  private static void discovery(RoutingContext ctx, PublicUrls urls) {
    byte[] body = new JsonObject().put("registries", new JsonArray().add(urls.base(ctx) + "/")).toBuffer().getBytes();
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Content-Length", Integer.toString(body.length)).end(io.vertx.core.buffer.Buffer.buffer(body));
  }
}
