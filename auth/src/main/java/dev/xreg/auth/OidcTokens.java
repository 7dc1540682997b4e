package dev.xreg.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens of an OpenID Connect issuer ({@code XREG_AUTH_OIDC_ISSUER}): checked by
 * vertx-auth-jwt against the issuer's JWKS (from {@code XREG_AUTH_OIDC_JWKS_URL}, or the
 * {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}), the issuer, the audience
 * ({@code XREG_AUTH_OIDC_AUDIENCE}) and the time claims with bounded clock skew. Keys are cached;
 * a token that fails with the cached keys makes one refetch (at most one per
 * {@link #REFETCH_MILLIS}), which is how a key rotation is picked up. Only asymmetric keys are
 * used, so {@code alg: none} and HS* tokens never verify.
 */
final class OidcTokens {
  private static final Logger LOG = LoggerFactory.getLogger(OidcTokens.class);
  /** Unknown key IDs make a refetch at most this often, so made-up {@code kid}s cannot flood the issuer. */
  static final long REFETCH_MILLIS = 5_000;

  private final Vertx vertx;
  private final AuthOptions options;
  private final HttpClient http;
  private Future<JWTAuth> verifier;
  private Set<String> kids = Set.of();
  private long fetchedAt;

  OidcTokens(Vertx vertx, AuthOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.http = vertx.createHttpClient();
  }

  /** The identity of a valid token; fails with {@link Unauthenticated} otherwise. */
  Future<Identity> verify(String token) {
    return current().compose(jwt -> {
      String kid = keyId(token);
      if (kid != null && !kids.contains(kid) && System.currentTimeMillis() - fetchedAt >= REFETCH_MILLIS) {
        verifier = null; // a key we do not know: perhaps the issuer rotated its keys, look again
        return current();
      }
      return Future.succeededFuture(jwt);
    }).compose(jwt -> jwt.authenticate(new TokenCredentials(token)))
        .map(user -> identity(user.principal()))
        .recover(err -> Future.failedFuture(err instanceof Unauthenticated ? err
            : new Unauthenticated("the bearer token is not valid: " + IssuedTokens.reason(err))));
  }

  private Identity identity(JsonObject claims) {
    Set<String> groups = new HashSet<>();
    Object g = claims.getValue(options.groupsClaim());
    if (g instanceof JsonArray arr) {
      arr.forEach(v -> groups.add(String.valueOf(v)));
    } else if (g instanceof String s) {
      groups.add(s);
    }
    return new Identity(claims.getString("sub", ""), Set.copyOf(groups), claims, null);
  }

  /** The {@code kid} of a token's header, unverified, only to decide whether to refetch keys. */
  private static String keyId(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
          java.nio.charset.StandardCharsets.UTF_8)).getString("kid");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Future<JWTAuth> current() {
    if (verifier == null || verifier.failed()) {
      fetchedAt = System.currentTimeMillis();
      verifier = jwksUrl().compose(this::get).map(this::verifierOf)
          .onFailure(err -> LOG.warn("event=oidc_keys_unavailable issuer={} cause=\"{}\"", options.oidcIssuer(),
              err.getMessage()));
    }
    return verifier;
  }

  private Future<String> jwksUrl() {
    if (!options.oidcJwksUrl().isEmpty()) {
      return Future.succeededFuture(options.oidcJwksUrl());
    }
    return get(options.oidcIssuer() + "/.well-known/openid-configuration").map(doc -> {
      String uri = doc.getString("jwks_uri");
      if (uri == null) {
        throw new Unauthenticated("the issuer's discovery document names no jwks_uri");
      }
      return uri;
    });
  }

  private Future<JsonObject> get(String url) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(5_000))
        .compose(req -> req.send())
        .compose(resp -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture(new Unauthenticated("the token issuer answered " + resp.statusCode()
                + " for its keys"));
          }
          return resp.body();
        })
        .map(body -> body.toJsonObject());
  }

  private JWTAuth verifierOf(JsonObject jwks) {
    List<JsonObject> keys = new ArrayList<>();
    JsonArray all = jwks.getJsonArray("keys", new JsonArray());
    for (int i = 0; i < all.size(); i++) {
      JsonObject k = all.getJsonObject(i);
      String kty = k.getString("kty", "");
      // asymmetric keys only: a shared secret published in a JWKS would let anyone sign
      if ((kty.equals("RSA") || kty.equals("EC")) && !"enc".equals(k.getString("use"))) {
        if (!k.containsKey("alg")) {
          k = k.copy().put("alg", kty.equals("RSA") ? "RS256" : "ES256");
        }
        keys.add(k);
      }
    }
    kids = keys.stream().map(k -> k.getString("kid")).filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    JWTOptions checks = new JWTOptions().setIssuer(options.oidcIssuer()).setLeeway(AuthOptions.CLOCK_SKEW_SECONDS);
    if (!options.oidcAudience().isEmpty()) {
      checks.setAudience(List.of(options.oidcAudience()));
    }
    return JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys).setJWTOptions(checks));
  }
}
