package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19, limits per identity (docs/security.md "Limits"): with authentication on, a verified
 * caller has its own bucket, a request without credentials counts against its address, and a
 * request with credentials counts against its address's credential checks until they prove good,
 * so bad passwords are limited per address and never charged to the name they claim. The server
 * trusts 127.0.0.1 as a proxy, so each test speaks from its own forwarded addresses; the rate is
 * one request per 50 s, so no token comes back during the test.
 */
class IdentityRateLimitIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_RATE_LIMIT_PER_SECOND", "0.02")
      .env("XREG_RATE_LIMIT_BURST", "3").env("XREG_TRUSTED_PROXIES", "127.0.0.1")
      .env("XREG_AUTH_USERS_FILE", AuthSetup.usersFile("alice", "bob", "carol", "dave").toString())
      .env("XREG_AUTH_ANONYMOUS", "read");

  @Test
  void twoUsersFromOneAddressHaveSeparateBuckets() throws Exception {
    String from = "203.0.113.10";
    assertBurstThen429(from, "alice", AuthSetup.PASSWORD);
    assertBurstThen429(from, "bob", AuthSetup.PASSWORD);
  }

  @Test
  void anAnonymousFloodFromAnAddressDoesNotStarveAUserThere() throws Exception {
    String from = "203.0.113.20";
    assertBurstThen429(from, null, null);
    assertBurstThen429(from, "carol", AuthSetup.PASSWORD);
  }

  @Test
  void failedLoginsAreLimitedPerAddressAndNeverChargedToTheNameTheyClaim() throws Exception {
    String attacker = "203.0.113.30";
    for (int i = 0; i < 3; i++) {
      assertThat(get(attacker, "dave", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // the fourth is refused before its password is checked
    HttpResponse<String> refused = get(attacker, "dave", "wrong-3");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    // the address's anonymous requests are another bucket
    assertThat(get(attacker, null, null).statusCode()).isEqualTo(200);
    // from their own address dave has the whole burst: the failed claims of his name cost him nothing
    assertBurstThen429("203.0.113.31", "dave", AuthSetup.PASSWORD);
  }

  @Test
  void uploadSlotsAreCountedPerIdentity() throws Exception {
    try (XregServer uploads = XregServer.fresh().env("XREG_MAX_UPLOADS_PER_CLIENT", "1")
        .env("XREG_AUTH_USERS_FILE", AuthSetup.usersFile("alice", "bob").toString()).start()) {
      String location = startUpload(uploads, "alice");
      try (Socket socket = HeldUpload.patch(uploads.port(), location, auth("alice"))) {
        // alice has her one upload in flight: her second is refused
        HttpResponse<String> refused = uploads.send("POST", "/v2/limits/app/blobs/uploads/", null, auth("alice"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(XregServer.JSON.readTree(refused.body()).path("errors").path(0).path("code").asText())
            .isEqualTo("TOOMANYREQUESTS");
        // bob, from the same address, has his own slot
        assertThat(uploads.send("POST", "/v2/limits/app/blobs/uploads/", null, auth("bob")).statusCode())
            .isEqualTo(202);
        assertThat(HeldUpload.finish(socket)).startsWith("HTTP/1.1 202");
      }
    }
  }

  /** {@code user} ({@code null}: anonymous) from {@code from} gets 3 answers, then 429 with {@code Retry-After}. */
  private static void assertBurstThen429(String from, String user, String password) throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get(from, user, password).statusCode()).as("request %d of %s", i + 1, user).isEqualTo(200);
    }
    HttpResponse<String> refused = get(from, user, password);
    assertThat(refused.statusCode()).as("request 4 of %s", user).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  private static HttpResponse<String> get(String from, String user, String password) throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Forwarded-For", from);
    if (user != null) {
      headers.put("Authorization", AuthSetup.basic(user, password));
    }
    return server.send("GET", "/", null, headers);
  }

  private static Map<String, String> auth(String user) {
    return Map.of("Authorization", AuthSetup.basic(user, AuthSetup.PASSWORD));
  }

  private static String startUpload(XregServer s, String user) throws Exception {
    HttpResponse<String> r = s.send("POST", "/v2/limits/app/blobs/uploads/", null, auth(user));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return OciClient.pathOf(r.headers().firstValue("Location").orElseThrow());
  }
}
