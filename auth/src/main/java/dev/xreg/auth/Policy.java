package dev.xreg.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xreg.api.Access;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy file ({@code XREG_AUTH_POLICY}, JSON or YAML): groups of users and grants of roles
 * (README "Authentication" has an example). Without a file, {@link #OPEN}: every authenticated
 * caller holds every role, so a users file alone is a working setup. A file that does not parse
 * or names an unknown role or field fails the start, naming what is wrong.
 */
final class Policy {
  /** No policy file: every authenticated caller may do everything. */
  static final Policy OPEN = new Policy(Map.of(), List.of(new Grant(List.of("authenticated"), Access.Action.ADMIN,
      List.of(), List.of(), List.of())));

  private final Map<String, Set<String>> groupsOfUser;
  private final List<Grant> grants;

  private Policy(Map<String, Set<String>> groupsOfUser, List<Grant> grants) {
    this.groupsOfUser = groupsOfUser;
    this.grants = grants;
  }

  static Policy parse(byte[] text, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text); // YAML is a superset of JSON
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is neither JSON nor YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + " must be an object with \"grants\" (and optionally \"groups\")");
    }
    only(root, source, Set.of("groups", "grants"));
    Map<String, Set<String>> groups = new HashMap<>();
    JsonNode g = root.path("groups");
    if (!g.isMissingNode()) {
      if (!g.isObject()) {
        throw new IllegalArgumentException(source + ": \"groups\" must map group names to lists of users");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        for (String user : strings(e.getValue(), source + ": groups." + e.getKey())) {
          groups.computeIfAbsent(user, u -> new HashSet<>()).add(e.getKey());
        }
      }
    }
    JsonNode list = root.path("grants");
    if (!list.isArray()) {
      throw new IllegalArgumentException(source + ": \"grants\" must be a list");
    }
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      grants.add(grant(list.get(i), source + ": grants[" + i + "]"));
    }
    return new Policy(groups, grants);
  }

  private static Grant grant(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    only(node, where, Set.of("subjects", "role", "roles", "paths", "repositories", "namespaces"));
    List<String> subjects = strings(node.path("subjects"), where + ".subjects");
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException(where + ".subjects must name at least one subject");
    }
    for (String s : subjects) {
      boolean known = s.equals("authenticated") || s.equals("anonymous")
          || Grant.prefixes().stream().anyMatch(p -> s.startsWith(p) && s.length() > p.length());
      if (!known || (s.startsWith("claim:") && !s.contains("="))) {
        throw new IllegalArgumentException(where + ".subjects: \"" + s
            + "\" is not user:<name>, group:<name>, claim:<name>=<value>, authenticated or anonymous");
      }
    }
    List<String> roles = new ArrayList<>(strings(node.path("roles"), where + ".roles"));
    roles.addAll(strings(node.path("role"), where + ".role"));
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(where + " must give a role (read, write, delete or admin)");
    }
    Access.Action strongest = Access.Action.READ;
    for (String r : roles) {
      Access.Action a;
      try {
        a = Access.Action.valueOf(r.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": unknown role \"" + r + "\" (read, write, delete, admin)", e);
      }
      strongest = a.compareTo(strongest) > 0 ? a : strongest;
    }
    return new Grant(subjects, strongest, patterns(node.path("paths"), where + ".paths"),
        patterns(node.path("repositories"), where + ".repositories"),
        patterns(node.path("namespaces"), where + ".namespaces"));
  }

  private static List<NamePattern> patterns(JsonNode node, String where) {
    return strings(node, where).stream().map(NamePattern::new).toList();
  }

  private static List<String> strings(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + " must be a string or a list of strings");
    }
    List<String> out = new ArrayList<>();
    node.forEach(n -> {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new IllegalArgumentException(where + " must hold non-empty strings");
      }
      out.add(n.asText());
    });
    return out;
  }

  private static void only(JsonNode node, String where, Set<String> allowed) {
    node.fieldNames().forEachRemaining(f -> {
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(where + ": unknown field \"" + f + "\" (allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    });
  }

  /** Whether {@code who} may do {@code access} by some grant. */
  boolean allows(Identity who, Access access) {
    Grant.Subject subject = subject(who);
    return grants.stream().anyMatch(g -> g.appliesTo(subject) && g.covers(access));
  }

  /** The groups the policy gives {@code user}. */
  Set<String> groupsOf(String user) {
    return groupsOfUser.getOrDefault(user, Set.of());
  }

  private Grant.Subject subject(Identity who) {
    Set<String> groups = new HashSet<>(who.groups());
    groups.addAll(groupsOf(who.name()));
    return s -> {
      if (s.equals("anonymous")) {
        return who.anonymous();
      }
      if (who.anonymous()) {
        return false;
      }
      if (s.equals("authenticated")) {
        return true;
      }
      if (s.startsWith("user:")) {
        return s.substring(5).equals(who.name());
      }
      if (s.startsWith("group:")) {
        return groups.contains(s.substring(6));
      }
      String claim = s.substring(6);
      int eq = claim.indexOf('=');
      Object value = who.claims().getValue(claim.substring(0, eq));
      String wanted = claim.substring(eq + 1);
      if (value instanceof io.vertx.core.json.JsonArray arr) {
        return arr.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
      }
      return value != null && wanted.equals(String.valueOf(value));
    };
  }
}
