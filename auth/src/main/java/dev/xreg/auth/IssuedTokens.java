package dev.xreg.auth;

import dev.xreg.api.Access;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tokens this server issues ({@code /auth/token}, the Docker/OCI token flow in
 * spec/oci/auth/token.md and jwt.md): RS256 JWTs with issuer and audience {@value #ISSUER}, five
 * minutes of life, and an {@code access} claim listing the repositories and actions granted.
 * Signing and checking are vertx-auth-jwt's.
 */
final class IssuedTokens {
  /** Issuer, audience and the {@code service} of the challenge. */
  static final String ISSUER = "xreg";

  private final JWTAuth jwt;

  IssuedTokens(Vertx vertx, SigningKey key) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(key.privatePem()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(key.publicPem()))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(ISSUER))
            .setLeeway(AuthOptions.CLOCK_SKEW_SECONDS)));
  }

  /** A token for {@code subject} carrying exactly {@code access} (repository accesses only). */
  String issue(String subject, List<Access> access) {
    JsonArray claim = new JsonArray();
    for (Access a : access) {
      claim.add(new JsonObject().put("type", "repository").put("name", a.name())
          .put("actions", new JsonArray(OciScope.actions(a.action()))));
    }
    JWTOptions options = new JWTOptions().setAlgorithm("RS256").setExpiresInSeconds(AuthOptions.TOKEN_SECONDS)
        .setIssuer(ISSUER).setAudience(List.of(ISSUER));
    if (!subject.isEmpty()) {
      options.setSubject(subject);
    }
    return jwt.generateToken(new JsonObject().put("access", claim), options);
  }

  /** The identity a token of ours proves, narrowed to its {@code access} claim. */
  Future<Identity> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject claims = user.principal();
      List<Access> scope = new ArrayList<>();
      JsonArray access = claims.getJsonArray("access", new JsonArray());
      for (int i = 0; i < access.size(); i++) {
        JsonObject entry = access.getJsonObject(i);
        if (!"repository".equals(entry.getString("type"))) {
          continue;
        }
        Access.Action strongest = null;
        for (Object action : entry.getJsonArray("actions", new JsonArray())) {
          Access.Action a = OciScope.action(String.valueOf(action));
          if (a != null && (strongest == null || a.compareTo(strongest) > 0)) {
            strongest = a;
          }
        }
        if (strongest != null) {
          scope.add(Access.repository(entry.getString("name", ""), strongest));
        }
      }
      return new Identity(claims.getString("sub", ""), Set.of(), new JsonObject(), scope);
    }).recover(err -> Future.failedFuture(new Unauthenticated("the bearer token is not valid: " + reason(err))));
  }

  static String reason(Throwable err) {
    String m = String.valueOf(err.getMessage());
    return m.length() > 120 ? m.substring(0, 120) : m;
  }
}
