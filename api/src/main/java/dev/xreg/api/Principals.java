package dev.xreg.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who something stored acts for (issues 19, 20): a webhook subscription keeps the description of
 * the caller that created it, and each delivery round turns that description back into a
 * {@link Caller} with what the policy in force allows it now, so a subscription receives only the
 * events its owner may read and stops receiving them when the owner loses access. The server's
 * authentication implements it; the events module sees only this interface and the JSON it
 * writes, never the policy.
 */
public interface Principals {

  /** No authentication: nothing to describe, and every description may do everything. */
  Principals OPEN = new Principals() {
    @Override
    public JsonObject describe(RoutingContext ctx) {
      return null;
    }

    @Override
    public Future<Caller> caller(JsonObject description) {
      return Future.succeededFuture(Caller.OPEN);
    }
  };

  /**
   * The caller of {@code ctx} as JSON to keep ({@code name} always, the rest the
   * implementation's own); null when authentication is off and nothing restricts.
   */
  JsonObject describe(RoutingContext ctx);

  /**
   * The caller {@code description} is under the current policy and identity sources; a null
   * description (created while authentication was off, or before owners were kept) is
   * {@link Caller#OPEN}.
   */
  Future<Caller> caller(JsonObject description);

  /** The name in {@code description}; empty for none. */
  static String name(JsonObject description) {
    return description == null ? "" : description.getString("name", "");
  }
}
