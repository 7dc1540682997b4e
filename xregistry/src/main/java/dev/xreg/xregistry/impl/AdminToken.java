package dev.xreg.xregistry.impl;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who is an admin client (docs/spec-decisions.md D4): a request whose {@code Xreg-Admin-Token}
 * header equals the configured secret. The spec leaves admin identity to the server
 * (spec.md "readonly Attribute"); admins may set {@code meta.readonly} and write read-only
 * Resources. A request that presents a token that is wrong (or when none is configured) is
 * refused with 403 instead of being treated as a normal client, so a typo never silently
 * turns an admin write into a non-admin one.
 */
public final class AdminToken {
  /** Not {@code xRegistry-*}: those headers carry entity attributes (http.md). */
  public static final String HEADER = "Xreg-Admin-Token";

  private final byte[] secret;

  /** {@code secret} empty or null: no request is an admin request. */
  public AdminToken(String secret) {
    this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code request} is an admin request; throws {@code forbidden} for a wrong token. */
  boolean admin(HttpServerRequest request, String path) {
    String given = request.getHeader(HEADER);
    if (given == null) {
      return false;
    }
    // constant time, so the secret cannot be guessed byte by byte from response times
    if (secret == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      throw XRegistryException.of(ErrorType.FORBIDDEN, path)
          .errorDetail(secret == null
              ? "this server has no admin token configured (XREG_ADMIN_TOKEN); send the request without " + HEADER
              : "the " + HEADER + " header does not match the configured admin token")
          .build();
    }
    return true;
  }
}
