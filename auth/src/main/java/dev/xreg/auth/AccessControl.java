package dev.xreg.auth;

import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.Caller;
import dev.xreg.api.Principals;
import dev.xreg.api.PublicUrls;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Authentication and authorization for every API (issue 19), as the server installs them: one
 * guard per API in front of its router, which learns who the caller is ({@link Authenticator}),
 * asks the API what the request does ({@link ApiModule#access}), checks that against the
 * {@link Policy}, and either lets the request through with its {@link Caller} in the routing
 * context or refuses it in the API's own format: 401 with a challenge for nobody or bad
 * credentials, 403 for a known caller not allowed to change something, 404 for one not allowed to
 * read it (so a name's existence never leaks; docs/security.md).
 */
public final class AccessControl implements Principals {
  /** The routing-context key of the verified {@link Identity}, for {@link #describe}. */
  private static final String IDENTITY = "xreg.auth.identity";
  private final AuthOptions options;
  private final PublicUrls urls;
  private final Audit audit;
  private final byte[] adminToken;
  private final Future<Ready> ready;

  /** What loading the users file, the policy and the signing key produced. */
  private record Ready(Authenticator authenticator, Policy policy, IssuedTokens tokens) {
  }

  /**
   * @param adminToken {@code XREG_ADMIN_TOKEN}, empty for none: a request with it in
   *     {@code Xreg-Admin-Token} is an admin, whatever its {@code Authorization}
   */
  public AccessControl(AuthOptions options, String adminToken, ApiContext context, Audit audit) {
    Vertx vertx = context.vertx();
    this.options = options;
    this.adminToken = adminToken == null || adminToken.isEmpty() ? null
        : adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.urls = context.publicUrls();
    this.audit = audit;
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("xreg-auth", 2, 10, TimeUnit.SECONDS);
    Future<Users> users = options.usersFile().isEmpty() ? Future.succeededFuture(null)
        : vertx.fileSystem().readFile(options.usersFile()).map(b -> Users.parse(b.toString(), options.usersFile()));
    Future<Policy> policy = options.policyFile().isEmpty() ? Future.succeededFuture(Policy.OPEN)
        : vertx.fileSystem().readFile(options.policyFile()).map(b -> Policy.parse(b.getBytes(), options.policyFile()));
    Future<IssuedTokens> tokens = SigningKey.load(vertx, options.tokenKey(), context).map(k -> new IssuedTokens(vertx, k));
    OidcTokens oidc = options.oidcIssuer().isEmpty() ? null : new OidcTokens(vertx, options);
    this.ready = Future.all(users, policy, tokens).map(all -> new Ready(
        new Authenticator(users.result(), tokens.result(), oidc, workers), policy.result(), tokens.result()));
  }

  /** Completes once the users file, policy and key are loaded; fails naming what is wrong. */
  public Future<Void> ready() {
    return ready.mapEmpty();
  }

  /** The start line's words: {@code authentication: off (open)} or which sources are on. */
  public static String describe(AuthOptions options) {
    if (!options.enabled()) {
      return "off (open)";
    }
    List<String> on = new ArrayList<>();
    if (!options.usersFile().isEmpty()) {
      on.add("basic");
    }
    if (!options.oidcIssuer().isEmpty()) {
      on.add("oidc");
    }
    on.add(options.anonymousRead() ? "anonymous read" : "no anonymous access");
    on.add(options.policyFile().isEmpty() ? "no policy (every user has every role)" : "policy");
    return String.join(", ", on);
  }

  /** Guards {@code api}: everything below its mount path passes here first. */
  public Handler<RoutingContext> guard(ApiModule api) {
    return ctx -> {
      String path = below(ctx, api);
      List<Access> needed = api.access(ctx.request().method(), path, ctx.queryParams());
      check(ctx, api, needed);
    };
  }

  /** Guards an endpoint that needs {@code needed} whatever its path ({@code /metrics}: admin). */
  public Handler<RoutingContext> guard(ApiModule format, List<Access> needed) {
    return ctx -> check(ctx, format, needed);
  }

  private void check(RoutingContext ctx, ApiModule api, List<Access> needed) {
    String header = ctx.request().getHeader("Authorization");
    boolean admin = adminTokenGiven(ctx);
    // the check may take a worker round trip (bcrypt, a JWKS fetch): hold the body meanwhile, the
    // API's body reader resumes it (Vert.x buffers what arrives while paused)
    if (!ctx.request().isEnded()) {
      ctx.request().pause();
    }
    ready.compose(r -> (admin ? Future.succeededFuture(Identity.ADMIN_TOKEN) : r.authenticator().authenticate(header))
        .map(id -> Map.entry(r, id))).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      if (ar.failed()) {
        String why = ar.cause() instanceof Unauthenticated ? ar.cause().getMessage() : "credentials could not be checked";
        refuse(ctx, api, 401, why, needed, "-");
        return;
      }
      Ready r = ar.result().getKey();
      Identity id = ar.result().getValue();
      Caller caller = caller(r.policy(), id);
      ctx.put(Caller.KEY, caller);
      ctx.put(IDENTITY, id);
      for (Access a : needed) {
        if (caller.may(a)) {
          continue;
        }
        if (id.anonymous()) {
          refuse(ctx, api, 401, "authentication required", needed, caller.display());
        } else if (id.scope() != null && allowed(r.policy(), id, a)) {
          // the policy allows it but the token was issued for less: a new token with this scope will do
          refuse(ctx, api, 401, "the token does not grant " + a.action().name().toLowerCase() + " on " + a.name(),
              needed, caller.display());
        } else if (a.action() == Access.Action.READ && a.kind() != Access.Kind.SERVER) {
          refuse(ctx, api, 404, "not found: " + (a.name().isEmpty() ? "/" : a.name()), needed, caller.display());
        } else {
          refuse(ctx, api, 403, caller.display() + " may not " + a.action().name().toLowerCase() + " "
              + (a.name().isEmpty() ? "here" : a.name()), needed, caller.display());
        }
        return;
      }
      audit.allowed(ctx, caller);
      ctx.next();
    });
  }

  /** Compared in constant time, so the secret cannot be guessed byte by byte from response times. */
  private boolean adminTokenGiven(RoutingContext ctx) {
    String given = ctx.request().getHeader("Xreg-Admin-Token");
    return adminToken != null && given != null
        && java.security.MessageDigest.isEqual(adminToken, given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The caller {@code id} is, with the permissions the policy and anonymous setting give it. */
  private Caller caller(Policy policy, Identity id) {
    if (id == Identity.ADMIN_TOKEN) {
      return new Caller(id.name(), Set.of(), true, a -> true);
    }
    Set<String> groups = new java.util.HashSet<>(id.groups());
    groups.addAll(policy.groupsOf(id.name()));
    return new Caller(id.name(), Set.copyOf(groups), !id.anonymous(), a -> id.inScope(a) && allowed(policy, id, a));
  }

  private boolean allowed(Policy policy, Identity id, Access a) {
    if (a.kind() == Access.Kind.SERVER) {
      // anonymous reads cover reading only: storing something (a subscription) needs a known caller
      return !id.anonymous() || (options.anonymousRead() && a.action() == Access.Action.READ) || policy.allows(id, a);
    }
    // anonymous reads: reading needs no credentials at all, so no known caller gets less than nobody
    return policy.allows(id, a) || (options.anonymousRead() && a.action() == Access.Action.READ);
  }

  private void refuse(RoutingContext ctx, ApiModule api, int status, String detail, List<Access> needed, String who) {
    if (status == 401) {
      challenge(ctx, api, needed);
    }
    audit.refused(ctx, who, status);
    // a refused request's body is not read: let it drain so the connection stays usable
    if (!ctx.request().isEnded()) {
      ctx.request().resume();
    }
    api.refuse(ctx, status, detail);
  }

  /** RFC 9110 11.6.1; on {@code /v2/} the Docker token flow's Bearer challenge (spec/oci/auth/token.md). */
  private void challenge(RoutingContext ctx, ApiModule api, List<Access> needed) {
    if (api.mountPath().equals("/v2")) {
      String scope = OciScope.challenge(needed);
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + urls.origin(ctx.request())
          + TokenApi.PATH + "\",service=\"" + IssuedTokens.ISSUER + "\"" + (scope.isEmpty() ? "" : ",scope=\"" + scope + "\""));
      return;
    }
    List<String> challenges = new ArrayList<>();
    if (!options.usersFile().isEmpty()) {
      challenges.add("Basic realm=\"xreg\", charset=\"UTF-8\"");
    }
    if (!options.oidcIssuer().isEmpty()) {
      challenges.add("Bearer realm=\"xreg\"");
    }
    ctx.response().headers().set("WWW-Authenticate", challenges);
  }

  /**
   * The verified caller of {@code ctx} as a subscription keeps it: {@code name}, the token's
   * {@code groups} and {@code claims} (the policy's groups are looked up again at each use), how it
   * was verified ({@code source}: {@code password}, {@code oidc}, {@code token}) and
   * {@code admintoken} for {@code Xreg-Admin-Token}. Never a credential.
   */
  @Override
  public JsonObject describe(RoutingContext ctx) {
    Identity id = ctx.get(IDENTITY);
    if (id == null || id.anonymous()) {
      return new JsonObject().put("name", "");
    }
    JsonObject out = new JsonObject().put("name", id.name())
        .put("groups", new io.vertx.core.json.JsonArray(new ArrayList<>(new java.util.TreeSet<>(id.groups()))))
        .put("claims", id.claims().copy());
    if (id == Identity.ADMIN_TOKEN) {
      return out.put("source", "admintoken");
    }
    return out.put("source", id.scope() != null ? "token" : id.claims().isEmpty() ? "password" : "oidc");
  }

  /**
   * What {@code description} may do now: the current policy's grants for its name, groups and
   * claims. A user no longer in the users file may do nothing; an OIDC owner keeps the claims of
   * the token it subscribed with (docs/security.md).
   */
  @Override
  public Future<Caller> caller(JsonObject description) {
    if (description == null) {
      return Future.succeededFuture(Caller.OPEN);
    }
    return ready.map(r -> {
      String name = Principals.name(description);
      String source = description.getString("source", "");
      if (source.equals("admintoken")) {
        return adminToken == null ? NOBODY : caller(r.policy(), Identity.ADMIN_TOKEN);
      }
      if (name.isEmpty() || ((source.equals("password") || source.equals("token")) && !r.authenticator().knows(name))) {
        return NOBODY;
      }
      Set<String> groups = new java.util.HashSet<>();
      description.getJsonArray("groups", new io.vertx.core.json.JsonArray()).forEach(g -> groups.add(String.valueOf(g)));
      return caller(r.policy(), new Identity(name, Set.copyOf(groups),
          description.getJsonObject("claims", new JsonObject()), null));
    });
  }

  /** An owner that lost its identity: may read nothing. */
  private static final Caller NOBODY = new Caller("", Set.of(), false, a -> false);

  /** The token endpoint of the Docker/OCI token flow ({@code GET /auth/token}). */
  public ApiModule tokenEndpoint() {
    return new TokenApi(this);
  }

  /**
   * The App Registry login (CNR-019): {@code {"user":{"username","password"}}} checked like Basic,
   * answered {@code {"token":"basic <base64 user:password>"}}, which the appr client sends back
   * verbatim as its {@code Authorization} header. Refusals go through {@code cnr}'s format.
   */
  public Handler<RoutingContext> cnrLogin(ApiModule cnr) {
    return ctx -> {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      JsonObject user = body == null ? null : body.getJsonObject("user");
      String name = user == null ? null : user.getString("username");
      String password = user == null ? null : user.getString("password");
      if (name == null || password == null || name.isEmpty() || name.contains(":")) {
        cnr.failure(ctx, 400, "the body must be {\"user\": {\"username\": ..., \"password\": ...}}");
        return;
      }
      ready.compose(r -> r.authenticator().password(name, password)).onComplete(ar -> {
        if (ar.failed()) {
          audit.refused(ctx, name, 401);
          cnr.refuse(ctx, 401, ar.cause() instanceof Unauthenticated ? ar.cause().getMessage()
              : "credentials could not be checked");
          return;
        }
        String basic = java.util.Base64.getEncoder().encodeToString((name + ":" + password)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("token", "basic " + basic).encode());
      });
    };
  }

  /** Issues a token for {@code header}'s caller with what {@code scopes} ask and the policy allows. */
  Future<JsonObject> token(String header, List<String> scopes) {
    return ready.compose(r -> r.authenticator().authenticate(header).map(id -> {
      // a token is never wider than the credentials it was issued for
      if (id.scope() != null) {
        throw new Unauthenticated("a token cannot be exchanged for another; send the user's credentials");
      }
      Caller caller = caller(r.policy(), id);
      List<Access> granted = new ArrayList<>();
      OciScope.parse(scopes).forEach((name, wanted) -> {
        for (Access.Action a = wanted; a != null; a = a.ordinal() == 0 ? null : Access.Action.values()[a.ordinal() - 1]) {
          if (caller.may(Access.repository(name, a))) {
            granted.add(Access.repository(name, a));
            return;
          }
        }
      });
      if (id.anonymous() && !options.anonymousRead()) {
        throw new Unauthenticated("authentication required");
      }
      String token = r.tokens().issue(id.name(), granted);
      return new JsonObject().put("token", token).put("access_token", token)
          .put("expires_in", AuthOptions.TOKEN_SECONDS)
          .put("issued_at", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }));
  }

  /** {@code ctx}'s path below {@code api}'s mount path and the router's own mount point. */
  static String below(RoutingContext ctx, ApiModule api) {
    String full = ctx.normalizedPath();
    String p = full.substring(Math.min(PublicUrls.mountPoint(ctx).length(), full.length()));
    String m = api.mountPath();
    if (!m.equals("/") && (p.equals(m) || p.startsWith(m + "/"))) {
      p = p.substring(m.length());
    }
    return p.isEmpty() ? "/" : p;
  }

  Audit audit() {
    return audit;
  }
}
