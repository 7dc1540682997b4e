package dev.xreg.auth;

import dev.xreg.api.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker/OCI scope grammar (spec/oci/auth/scope.md): {@code repository:<name>:<action>[,<action>]},
 * actions {@code pull}, {@code push}, {@code delete} and {@code *}. Pull is {@code read}, push
 * {@code write}, delete {@code delete}; roles include weaker ones (docs/security.md).
 */
final class OciScope {
  private OciScope() {
  }

  static Access.Action action(String name) {
    return switch (name) {
      case "pull" -> Access.Action.READ;
      case "push" -> Access.Action.WRITE;
      case "delete", "*" -> Access.Action.DELETE;
      default -> null;
    };
  }

  /** The scope actions a role stands for, as a token's {@code access} claim lists them. */
  static List<String> actions(Access.Action role) {
    List<String> out = new ArrayList<>();
    out.add("pull");
    if (role.includes(Access.Action.WRITE)) {
      out.add("push");
    }
    if (role.includes(Access.Action.DELETE)) {
      out.add("delete");
    }
    return out;
  }

  /**
   * The repositories and strongest actions {@code scopes} ask for (each a {@code scope} query value,
   * possibly several space-separated); resource types other than {@code repository} and unknown
   * actions are ignored, as the token spec allows.
   */
  static Map<String, Access.Action> parse(List<String> scopes) {
    Map<String, Access.Action> out = new LinkedHashMap<>();
    for (String value : scopes) {
      for (String scope : value.trim().split("\\s+")) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first || !scope.substring(0, first).equals("repository")) {
          continue;
        }
        String name = scope.substring(first + 1, last);
        for (String a : scope.substring(last + 1).split(",")) {
          Access.Action action = action(a.trim());
          if (action != null && !name.isEmpty()) {
            out.merge(name, action, (x, y) -> x.compareTo(y) >= 0 ? x : y);
          }
        }
      }
    }
    return out;
  }

  /** The challenge scope for {@code accesses} of repositories: {@code repository:a/b:pull,push}. */
  static String challenge(List<Access> accesses) {
    List<String> parts = new ArrayList<>();
    for (Access a : accesses) {
      if (a.kind() == Access.Kind.REPOSITORY) {
        parts.add("repository:" + a.name() + ":" + String.join(",", actions(a.action())));
      }
    }
    return String.join(" ", parts);
  }
}
