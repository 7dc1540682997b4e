package dev.xreg.xregistry.impl;

import dev.xreg.api.Access;
import dev.xreg.api.Access.Action;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * What an xRegistry request does, in the policy's words (issue 19): the entity path it
 * touches (without {@code $details}) and the action. Reads need {@code read}; {@code PUT},
 * {@code PATCH} and {@code POST} below the root {@code write}; {@code DELETE} {@code delete}.
 * Changing the Registry itself (import by {@code PUT}/{@code POST}/{@code PATCH /}), the model,
 * the modelsource or the capabilities needs {@code admin}; so does writing a read-only
 * Resource, which the engine checks (the admin flag of the request). Preflights and discovery
 * documents need nothing.
 */
public final class RegistryAccess {
  private static final Set<String> REGISTRY_LEVEL = Set.of("model", "modelsource", "capabilities",
      "capabilitiesoffered", "export");

  private RegistryAccess() {
  }

  public static List<Access> of(HttpMethod method, String path) {
    if (method == HttpMethod.OPTIONS || path.equals("/.xregistry") || path.equals("/.well-known/xregistry")) {
      return List.of();
    }
    String p = entityPath(path);
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    if (read) {
      return List.of(Access.registry(p, Action.READ));
    }
    String first = p.equals("/") ? "" : p.substring(1).split("/", 2)[0];
    if (p.equals("/") || REGISTRY_LEVEL.contains(first) && p.indexOf('/', 1) < 0) {
      return List.of(Access.registry(p, Action.ADMIN));
    }
    return List.of(Access.registry(p, method == HttpMethod.DELETE ? Action.DELETE : Action.WRITE));
  }

  /** {@code path} as policies name it: no {@code $details}, no trailing or doubled slashes. */
  public static String entityPath(String path) {
    String p = path.replace("$details", "").replaceAll("/{2,}", "/");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "/" : p;
  }
}
