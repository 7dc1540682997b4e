package dev.xreg.auth;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns an {@code Authorization} header into an {@link Identity}: none is anonymous; {@code Basic}
 * is checked against the users file (bcrypt on the {@code xreg-auth} worker pool, unless verified
 * a moment ago); {@code Bearer} is a token this server issued or one of the OIDC issuer. The App
 * Registry client sends back the {@code basic <b64>} its login answered, verbatim: the scheme is
 * case-insensitive (RFC 9110 11.1).
 */
final class Authenticator {
  private final Users users;
  private final IssuedTokens issued;
  private final OidcTokens oidc;
  private final WorkerExecutor workers;

  Authenticator(Users users, IssuedTokens issued, OidcTokens oidc, WorkerExecutor workers) {
    this.users = users;
    this.issued = issued;
    this.oidc = oidc;
    this.workers = workers;
  }

  /** Whether {@code name} is still a user of the users file; true when there is no file (nothing to check against). */
  boolean knows(String name) {
    return users == null || users.has(name);
  }

  Future<Identity> authenticate(String header) {
    if (header == null || header.isBlank()) {
      return Future.succeededFuture(Identity.ANONYMOUS);
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    String value = space < 0 ? "" : h.substring(space + 1).trim();
    return switch (scheme) {
      case "basic" -> basic(value);
      case "bearer" -> bearer(value);
      default -> Future.failedFuture(new Unauthenticated("the Authorization scheme is not Basic or Bearer"));
    };
  }

  /** A user and password pair (Basic, CNR login, the token endpoint). */
  Future<Identity> password(String user, String password) {
    if (users == null) {
      return Future.failedFuture(new Unauthenticated("this server accepts no passwords (no XREG_AUTH_USERS_FILE)"));
    }
    if (users.recentlyVerified(user, password)) {
      return Future.succeededFuture(Identity.user(user));
    }
    return workers.executeBlocking(() -> users.verify(user, password), false).map(ok -> {
      if (!ok) {
        throw new Unauthenticated("the user name or password is wrong");
      }
      return Identity.user(user);
    });
  }

  private Future<Identity> basic(String value) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Unauthenticated("the Basic credentials are not base64"));
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Future.failedFuture(new Unauthenticated("the Basic credentials are not user:password"));
    }
    return password(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private Future<Identity> bearer(String token) {
    if (token.isEmpty()) {
      return Future.failedFuture(new Unauthenticated("the bearer token is empty"));
    }
    if (IssuedTokens.ISSUER.equals(unverifiedIssuer(token))) {
      return issued.verify(token);
    }
    if (oidc == null) {
      return Future.failedFuture(new Unauthenticated("the bearer token is not one this server issued"));
    }
    return oidc.verify(token);
  }

  /** The {@code iss} a token claims, only to choose who checks it; null if unreadable. */
  private static String unverifiedIssuer(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
          .getString("iss");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
