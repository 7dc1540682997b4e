package dev.xreg.auth;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The token endpoint of the Docker/OCI token flow ({@code GET /auth/token?service=xreg&scope=...},
 * spec/oci/auth/token.md), at the host root: Basic credentials (or none, when anonymous reads
 * are on) buy a five-minute JWT whose {@code access} claim lists only the repository actions the
 * policy allows of those asked. Refusals use the distribution error envelope, as the clients of
 * this endpoint expect.
 */
final class TokenApi implements ApiModule {
  static final String PATH = "/auth/token";

  private final AccessControl control;

  TokenApi(AccessControl control) {
    this.control = control;
  }

  @Override
  public String name() {
    return "auth";
  }

  @Override
  public Mount mount() {
    return Mount.HOST_ROOT;
  }

  @Override
  public String mountPath() {
    return "/auth";
  }

  @Override
  public Router router(ApiContext context) {
    Router router = Router.router(context.vertx());
    router.route("/token").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::token);
    router.route().handler(ctx -> failure(ctx, 404, "no such endpoint: " + ctx.normalizedPath()));
    return router;
  }

  private void token(RoutingContext ctx) {
    String service = ctx.queryParams().get("service");
    if (service != null && !service.equals(IssuedTokens.ISSUER)) {
      failure(ctx, 400, "this server issues tokens for service \"" + IssuedTokens.ISSUER + "\", not \"" + service + "\"");
      return;
    }
    List<String> scopes = ctx.queryParams().getAll("scope");
    control.token(ctx.request().getHeader("Authorization"), scopes).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(ar.result().encode());
        return;
      }
      String why = ar.cause() instanceof Unauthenticated ? ar.cause().getMessage() : "credentials could not be checked";
      control.audit().refused(ctx, "-", 401);
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"xreg\", charset=\"UTF-8\"");
      failure(ctx, 401, why);
    });
  }

  @Override
  public String routeTemplate(String path) {
    return path.startsWith("/token") ? "/auth/token" : "/auth/{other}";
  }

  @Override
  public List<dev.xreg.api.Access> access(HttpMethod method, String path, io.vertx.core.MultiMap params) {
    return List.of(); // the endpoint checks the credentials it is given itself
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    String code = switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 403 -> "DENIED";
      case 404 -> "NOT_FOUND";
      default -> "UNSUPPORTED";
    };
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("code", code)
            .put("message", detail == null ? "" : detail).put("detail", new JsonObject()))).encode());
  }
}
