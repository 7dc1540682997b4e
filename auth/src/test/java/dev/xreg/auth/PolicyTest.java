package dev.xreg.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.api.Access;
import dev.xreg.api.Access.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19: the policy file's grammar, its globs, role implication and subjects. */
class PolicyTest {
  static final String YAML = """
      groups:
        payments: [bob]
      grants:
        - subjects: [group:payments]
          roles: [write]
          paths: ["/schemagroups/payments/**"]
          repositories: ["payments/*"]
        - subjects: ["claim:team=ops"]
          role: read
        - subjects: [anonymous]
          roles: [read]
          namespaces: [public]
      """;

  static Policy policy() {
    return Policy.parse(YAML.getBytes(StandardCharsets.UTF_8), "policy.yaml");
  }

  @Test
  void groupsGrantRolesOnThePathsTheyName() {
    Identity bob = Identity.user("bob");
    Policy p = policy();
    assertThat(p.allows(bob, Access.registry("/schemagroups/payments", Action.WRITE))).isTrue();
    assertThat(p.allows(bob, Access.registry("/schemagroups/payments/schemas/s1/versions/1", Action.READ))).isTrue();
    // write includes read, not delete or admin
    assertThat(p.allows(bob, Access.registry("/schemagroups/payments/schemas/s1", Action.DELETE))).isFalse();
    assertThat(p.allows(bob, Access.registry("/schemagroups/paymentsx", Action.READ))).isFalse();
    assertThat(p.allows(bob, Access.registry("/schemagroups", Action.READ))).isFalse();
    // a grant listing paths and repositories says nothing about namespaces
    assertThat(p.allows(bob, Access.namespace("payments", Action.READ))).isFalse();
    // one * is one segment
    assertThat(p.allows(bob, Access.repository("payments/app", Action.WRITE))).isTrue();
    assertThat(p.allows(bob, Access.repository("payments/team/app", Action.READ))).isFalse();
    assertThat(p.allows(Identity.user("carol"), Access.repository("payments/app", Action.READ))).isFalse();
  }

  @Test
  void claimsAndAnonymousAreSubjects() {
    Identity ops = new Identity("svc", Set.of(), new JsonObject().put("team", new JsonArray().add("ops")), null);
    Policy p = policy();
    // a grant with no patterns applies to every name of every kind
    assertThat(p.allows(ops, Access.repository("anything/at/all", Action.READ))).isTrue();
    assertThat(p.allows(ops, Access.repository("anything", Action.WRITE))).isFalse();
    assertThat(p.allows(Identity.ANONYMOUS, Access.namespace("public", Action.READ))).isTrue();
    assertThat(p.allows(Identity.ANONYMOUS, Access.namespace("private", Action.READ))).isFalse();
    // "anonymous" is nobody else
    assertThat(p.allows(Identity.user("bob"), Access.namespace("public", Action.READ))).isFalse();
  }

  @Test
  void withoutAPolicyEveryAuthenticatedCallerHoldsEveryRole() {
    assertThat(Policy.OPEN.allows(Identity.user("x"), Access.registry("/model", Action.ADMIN))).isTrue();
    assertThat(Policy.OPEN.allows(Identity.ANONYMOUS, Access.registry("/", Action.READ))).isFalse();
  }

  @Test
  void mistakesFailNamingWhatIsWrong() {
    for (var c : List.of(
        List.of("grants: [{subjects: [user:a], roles: [owner]}]", "unknown role \"owner\""),
        List.of("grants: [{subjects: [bob], roles: [read]}]", "\"bob\" is not user:<name>"),
        List.of("grants: [{subjects: [user:a], roles: [read], repos: [x]}]", "unknown field \"repos\""),
        List.of("grants: [{subjects: [user:a]}]", "must give a role"),
        List.of("grants: {}", "\"grants\" must be a list"),
        List.of("[1, 2", "neither JSON nor YAML"),
        List.of("grants: [{subjects: [\"claim:team\"], roles: [read]}]", "claim:<name>=<value>"))) {
      assertThatThrownBy(() -> Policy.parse(c.get(0).getBytes(StandardCharsets.UTF_8), "p.yaml"))
          .as(c.get(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.get(1))
          .hasMessageStartingWith("p.yaml");
    }
  }

  @Test
  void jsonIsAcceptedToo() {
    Policy p = Policy.parse("{\"grants\":[{\"subjects\":[\"user:a\"],\"roles\":[\"delete\"],\"namespaces\":[\"t*\"]}]}"
        .getBytes(StandardCharsets.UTF_8), "p.json");
    assertThat(p.allows(Identity.user("a"), Access.namespace("team", Action.DELETE))).isTrue();
    assertThat(p.allows(Identity.user("a"), Access.namespace("x", Action.READ))).isFalse();
  }
}
