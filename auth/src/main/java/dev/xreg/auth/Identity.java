package dev.xreg.auth;

import dev.xreg.api.Access;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Who presented which credentials: a user of the users file, the subject of an OIDC token, or of
 * a token this server issued (whose {@code access} claim narrows what it may do), or nobody.
 *
 * @param name user name or subject; empty for anonymous
 * @param groups groups from an OIDC claim (the policy adds its own)
 * @param claims the verified token's claims, empty for Basic and anonymous
 * @param scope for a token this server issued, exactly the accesses it carries; null: not narrowed
 */
record Identity(String name, Set<String> groups, JsonObject claims, List<Access> scope) {
  static final Identity ANONYMOUS = new Identity("", Set.of(), new JsonObject(), null);
  /** A request with the right {@code Xreg-Admin-Token}: the documented shortcut to the admin role. */
  static final Identity ADMIN_TOKEN = new Identity("xreg-admin-token", Set.of(), new JsonObject(), null);

  static Identity user(String name) {
    return new Identity(name, Set.of(), new JsonObject(), null);
  }

  boolean anonymous() {
    return name.isEmpty();
  }

  /** Whether the token's scope (if any) covers {@code access}. */
  boolean inScope(Access access) {
    if (scope == null || access.kind() == Access.Kind.SERVER) {
      return true;
    }
    return scope.stream().anyMatch(s -> s.kind() == access.kind() && s.name().equals(access.name())
        && s.action().includes(access.action()));
  }
}
