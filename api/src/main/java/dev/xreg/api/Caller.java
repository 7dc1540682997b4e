package dev.xreg.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who sent a request, as the server's authentication found it, and what the policy lets them
 * do. It travels in the {@link RoutingContext} so an API can filter listings
 * ({@code _catalog}, package lists) to what the caller may read, without knowing the policy.
 *
 * @param name the user name or token subject; empty for an anonymous caller
 * @param groups the caller's groups (from the policy's users or an OIDC claim)
 * @param authenticated whether an identity source vouched for the caller ({@code false} when
 *     authentication is off, or for an anonymous caller)
 * @param permissions whether the caller may do an {@link Access}
 */
public record Caller(String name, Set<String> groups, boolean authenticated, Predicate<Access> permissions) {
  /** The routing-context key the server puts the caller under. */
  public static final String KEY = "xreg.caller";

  /** Everyone, when no identity source is configured: every access allowed, as before auth existed. */
  public static final Caller OPEN = new Caller("", Set.of(), false, a -> true);

  /** The caller of {@code ctx}; {@link #OPEN} when the server runs without authentication. */
  public static Caller of(RoutingContext ctx) {
    Caller c = ctx.get(KEY);
    return c == null ? OPEN : c;
  }

  /** Whether the caller may do {@code access}. */
  public boolean may(Access access) {
    return permissions.test(access);
  }

  public boolean anonymous() {
    return name.isEmpty();
  }

  /** For logs: the name, or {@code -} for nobody. Never a credential. */
  public String display() {
    return name.isEmpty() ? "-" : name;
  }
}
