package dev.xreg.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.api.Access;
import dev.xreg.api.Access.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Docker scope grammar (spec/oci/auth/scope.md) as issue 19 reads and writes it. */
class OciScopeTest {
  @Test
  void scopesParseToTheStrongestActionPerRepository() {
    assertThat(OciScope.parse(List.of("repository:team/app:pull,push repository:other:pull",
        "repository:team/app:pull", "registry:catalog:*", "repository:host:5000/x:delete", "repository::pull",
        "repository:y:frobnicate", "garbage")))
        .isEqualTo(Map.of("team/app", Action.WRITE, "other", Action.READ, "host:5000/x", Action.DELETE));
  }

  @Test
  void challengesNameTheActionsNeeded() {
    assertThat(OciScope.challenge(List.of(Access.repository("a/b", Action.WRITE), Access.repository("c", Action.READ),
        Access.server()))).isEqualTo("repository:a/b:pull,push repository:c:pull");
  }
}
