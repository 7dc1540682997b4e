package dev.xreg.auth;

import dev.xreg.api.Access;
import java.util.List;
import java.util.Set;

/**
 * One entry of the policy: {@code subjects} hold {@code role} on the names the patterns match.
 * A grant without any pattern list applies to every name of every kind; one with some lists
 * applies only to the kinds it lists.
 *
 * @param subjects {@code user:<name>}, {@code group:<name>}, {@code claim:<name>=<value>},
 *     {@code authenticated} (any known caller) or {@code anonymous}
 */
record Grant(List<String> subjects, Access.Action role, List<NamePattern> paths, List<NamePattern> repositories,
    List<NamePattern> namespaces) {

  boolean appliesTo(Subject who) {
    return subjects.stream().anyMatch(who::is);
  }

  boolean covers(Access access) {
    if (!role.includes(access.action())) {
      return false;
    }
    if (paths.isEmpty() && repositories.isEmpty() && namespaces.isEmpty()) {
      return true;
    }
    List<NamePattern> patterns = switch (access.kind()) {
      case REGISTRY -> paths;
      case REPOSITORY -> repositories;
      case NAMESPACE -> namespaces;
      case SERVER -> List.of();
    };
    return patterns.stream().anyMatch(p -> p.matches(access.name()));
  }

  /** The caller as the policy sees it: name, groups (the token's and the policy's) and claims. */
  interface Subject {
    boolean is(String subject);
  }

  static Set<String> prefixes() {
    return Set.of("user:", "group:", "claim:");
  }
}
