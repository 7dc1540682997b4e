package dev.xreg.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AccessControl} as {@code Principals} (issues 19, 20): a stored owner description becomes
 * the caller the current users file and policy make it, so a subscription's deliveries follow its
 * owner's permissions, and an owner who is gone may read nothing.
 */
class SubscriptionOwnersTest {
  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anOwnerMayReadWhatThePolicyGrantsItNow() throws Exception {
    AccessControl access = accessControl("");
    Caller reader = await(access.caller(owner("reader", "password")));
    assertThat(reader.may(Access.registry("/dirs/a/files/f", Access.Action.READ))).isTrue();
    assertThat(reader.may(Access.registry("/dirs/b", Access.Action.READ))).isFalse();
    Caller byGroup = await(access.caller(owner("someone", "oidc").put("groups", new JsonArray().add("ops"))));
    assertThat(byGroup.may(Access.registry("/dirs/b", Access.Action.READ))).isTrue();
    assertThat(byGroup.may(Access.registry("/dirs/a", Access.Action.READ))).isFalse();
    // no owner (authentication was off, or before V11): no restriction
    assertThat(await(access.caller(null))).isSameAs(Caller.OPEN);
  }

  @Test
  void anOwnerThatIsGoneMayReadNothing() throws Exception {
    AccessControl access = accessControl("");
    // removed from the users file, though a grant still names it
    Caller removed = await(access.caller(owner("former", "password")));
    assertThat(removed.may(Access.registry("/dirs/a", Access.Action.READ))).isFalse();
    assertThat(await(access.caller(owner("", "password"))).may(Access.registry("/dirs/a", Access.Action.READ)))
        .isFalse();
    // the admin token as owner counts only while the server still has one
    Caller tokenless = await(access.caller(owner("xreg-admin-token", "admintoken")));
    assertThat(tokenless.may(Access.registry("/dirs/a", Access.Action.READ))).isFalse();
    Caller admin = await(accessControl("t0ken").caller(owner("xreg-admin-token", "admintoken")));
    assertThat(admin.may(Access.registry("/dirs/b", Access.Action.READ))).isTrue();
  }

  private static JsonObject owner(String name, String source) {
    return new JsonObject().put("name", name).put("groups", new JsonArray()).put("claims", new JsonObject())
        .put("source", source);
  }

  private AccessControl accessControl(String adminToken) throws Exception {
    Path users = Files.writeString(dir.resolve("users"), "reader:" + new String(
        BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, "pw".toCharArray()), StandardCharsets.UTF_8) + "\n");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        grants:
          - subjects: [user:reader, user:former]
            role: read
            paths: [/dirs/a/**]
          - subjects: [group:ops]
            role: read
            paths: [/dirs/b/**]
        """);
    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(SigningKey.generate()) + "\n-----END PRIVATE KEY-----\n");
    AuthOptions options = AuthOptions.from(Map.of("XREG_AUTH_USERS_FILE", users.toString(),
        "XREG_AUTH_POLICY", policy.toString(), "XREG_AUTH_TOKEN_KEY", key.toString()));
    AccessControl access = new AccessControl(options, adminToken,
        new ApiContext(vertx, Future.failedFuture("no engine in this test"), null), new Audit(outcome -> { }));
    await(access.ready());
    return access;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
