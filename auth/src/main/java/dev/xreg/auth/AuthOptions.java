package dev.xreg.auth;

import java.util.Locale;
import java.util.Map;

/**
 * The authentication settings ({@code XREG_AUTH_*}, {@code XREG_METRICS_AUTH}) by name, as the
 * server's {@code Settings} read them (README "Authentication"). With neither a users file nor an
 * OIDC issuer, authentication is off and the server is open, as before issue 19.
 *
 * @param usersFile htpasswd file with bcrypt hashes ({@code XREG_AUTH_USERS_FILE}), empty for none
 * @param policyFile grants of roles ({@code XREG_AUTH_POLICY}, JSON or YAML), empty: every
 *     authenticated caller has every role
 * @param anonymousRead whether callers without credentials may read ({@code XREG_AUTH_ANONYMOUS=read})
 * @param oidcIssuer issuer of accepted OIDC bearer tokens ({@code XREG_AUTH_OIDC_ISSUER})
 * @param oidcJwksUrl where its keys are, empty: from the issuer's discovery document
 * @param oidcAudience the audience tokens must name, empty: not checked
 * @param groupsClaim the claim that lists a token's groups
 * @param tokenKey PEM file of the RSA private key issued tokens are signed with, empty: generated at start
 * @param metricsAdmin whether {@code /metrics} needs the admin role ({@code XREG_METRICS_AUTH=admin})
 */
public record AuthOptions(String usersFile, String policyFile, boolean anonymousRead, String oidcIssuer,
    String oidcJwksUrl, String oidcAudience, String groupsClaim, String tokenKey, boolean metricsAdmin) {

  /** Lifetime of the tokens {@code /auth/token} issues, as the Docker token flow expects (minutes). */
  public static final int TOKEN_SECONDS = 300;
  /** Most clock difference tolerated on {@code exp}, {@code nbf} and {@code iat}. */
  public static final int CLOCK_SKEW_SECONDS = 60;

  public static AuthOptions from(Map<String, String> env) {
    String anonymous = env.getOrDefault("XREG_AUTH_ANONYMOUS", "none").trim().toLowerCase(Locale.ROOT);
    if (!anonymous.equals("none") && !anonymous.equals("read")) {
      throw new IllegalArgumentException("XREG_AUTH_ANONYMOUS must be none or read: " + anonymous);
    }
    String metrics = env.getOrDefault("XREG_METRICS_AUTH", "anonymous").trim().toLowerCase(Locale.ROOT);
    if (!metrics.equals("anonymous") && !metrics.equals("admin")) {
      throw new IllegalArgumentException("XREG_METRICS_AUTH must be anonymous or admin: " + metrics);
    }
    String issuer = text(env, "XREG_AUTH_OIDC_ISSUER");
    while (issuer.endsWith("/")) {
      issuer = issuer.substring(0, issuer.length() - 1);
    }
    String claim = text(env, "XREG_AUTH_OIDC_GROUPS_CLAIM");
    return new AuthOptions(text(env, "XREG_AUTH_USERS_FILE"), text(env, "XREG_AUTH_POLICY"),
        anonymous.equals("read"), issuer, text(env, "XREG_AUTH_OIDC_JWKS_URL"), text(env, "XREG_AUTH_OIDC_AUDIENCE"),
        claim.isEmpty() ? "groups" : claim, text(env, "XREG_AUTH_TOKEN_KEY"), metrics.equals("admin"));
  }

  /** Whether any identity source is configured; without one the server is open. */
  public boolean enabled() {
    return !usersFile.isEmpty() || !oidcIssuer.isEmpty();
  }

  private static String text(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null ? "" : v.trim();
  }
}
