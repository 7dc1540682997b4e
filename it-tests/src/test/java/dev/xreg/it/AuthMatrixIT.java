package dev.xreg.it;

import static dev.xreg.it.AuthSetup.PASSWORD;
import static dev.xreg.it.AuthSetup.as;
import static dev.xreg.it.AuthSetup.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19: each role against each operation of each API (xRegistry, OCI, App Registry), as a
 * table of who, what and the expected status: allowed, 401 (nobody or wrong credentials, with
 * the API's challenge), 403 (known but not allowed to change it), 404 (not allowed to read it:
 * existence never leaks). Refusals come in each API's own error format. Plus the Docker token
 * flow's tokens, CNR-019 login, filtered listings and the audit counter.
 *
 * <p>The policy: alice is admin everywhere; bob (group {@code payments}) may delete (so write and
 * read) the payments Group, repositories and namespace; carol may only read them; dave is known
 * but granted nothing.
 */
class AuthMatrixIT {
  static final String POLICY = """
      groups:
        payments: [bob]
      grants:
        - subjects: [user:alice]
          roles: [admin]
        - subjects: [group:payments]
          roles: [delete]
          paths: ["/schemagroups/payments/**"]
          repositories: ["payments/**"]
          namespaces: [payments]
        - subjects: [user:carol]
          roles: [read]
          paths: ["/schemagroups/payments/**", "/schemagroups/carolsees/**", "/-/events"]
          repositories: ["payments/**"]
          namespaces: [payments]
      """;
  static final String SCHEMA = "{\"format\":\"Avro/1.11\",\"schema\":{\"type\":\"string\"}}";
  static final Path USERS = AuthSetup.usersFile("alice", "bob", "carol", "dave");
  static final Path POLICY_FILE = AuthSetup.write("policy-", ".yaml", POLICY);

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema")
      .env("XREG_AUTH_USERS_FILE", USERS.toString()).env("XREG_AUTH_POLICY", POLICY_FILE.toString())
      .env("XREG_ADMIN_TOKEN", "admin-shortcut");

  /** One row: {@code user} (null: anonymous) sends {@code method path body} and gets {@code status}. */
  record Row(String user, String method, String path, String body, int status) {
  }

  static Row row(String user, String method, String path, String body, int status) {
    return new Row(user, method, path, body, status);
  }

  private static List<String> run(List<Row> rows, java.util.function.BiConsumer<Row, HttpResponse<String>> check)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Row r : rows) {
      HttpResponse<String> resp = server.send(r.method(), r.path(), r.body(), as(r.user()));
      if (resp.statusCode() != r.status()) {
        wrong.add(r + " answered " + resp.statusCode() + ": " + resp.body());
      } else {
        check.accept(r, resp);
      }
    }
    return wrong;
  }

  @Test
  void xregistryRolesAgainstOperations() throws Exception {
    List<Row> rows = List.of(
        row(null, "GET", "/schemagroups/payments", null, 401),
        row("alice", "PUT", "/schemagroups/payments", "{}", 201),
        row("alice", "PUT", "/schemagroups/other", "{}", 201),
        row("bob", "PUT", "/schemagroups/payments/schemas/s1$details", SCHEMA, 201),
        row("bob", "GET", "/schemagroups/payments/schemas/s1$details", null, 200),
        row("bob", "PUT", "/schemagroups/other/schemas/s1$details", SCHEMA, 403),
        row("bob", "GET", "/schemagroups/other", null, 404),
        row("bob", "PUT", "/modelsource", "{}", 403),
        row("bob", "PATCH", "/", "{}", 403),
        row("bob", "GET", "/export", null, 404),
        row("carol", "GET", "/schemagroups/payments/schemas/s1$details", null, 200),
        row("carol", "PUT", "/schemagroups/payments/schemas/s2$details", SCHEMA, 403),
        row("carol", "DELETE", "/schemagroups/payments/schemas/s1", null, 403),
        row("dave", "GET", "/schemagroups/payments", null, 404),
        row("dave", "PUT", "/schemagroups/payments", "{}", 403),
        row("alice", "GET", "/model", null, 200),
        row("alice", "GET", "/export", null, 200),
        row("bob", "DELETE", "/schemagroups/payments/schemas/s1", null, 204),
        row(null, "GET", "/health", null, 200),
        row(null, "GET", "/ready", null, 200),
        row(null, "GET", "/metrics", null, 200));
    List<String> wrong = run(rows, (r, resp) -> {
      if (r.status() == 401) {
        assertThat(resp.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"xreg\", charset=\"UTF-8\"");
        assertThat(resp.body()).contains("urn:xreg:error:unauthorized");
      }
      if (r.status() == 403) {
        assertThat(resp.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(resp.body()).contains("urn:xreg:error:forbidden");
      }
      if (r.status() == 404 && !r.path().equals("/export")) {
        assertThat(resp.body()).contains("not_found");
      }
    });
    assertThat(wrong).isEmpty();
    // a refused write changed nothing
    assertThat(server.send("GET", "/schemagroups/other/schemas", null, as("alice")).body()).isEqualTo("{}");
    // wrong password and garbage credentials: 401, never 5xx
    assertThat(server.send("GET", "/", null, Map.of("Authorization", basic("alice", "nope"))).statusCode()).isEqualTo(401);
    assertThat(server.send("GET", "/", null, Map.of("Authorization", "Basic !!!")).statusCode()).isEqualTo(401);
    assertThat(server.send("GET", "/", null, Map.of("Authorization", "Negotiate abc")).statusCode()).isEqualTo(401);
    // XREG_ADMIN_TOKEN stays a shortcut to the admin role
    assertThat(server.send("PUT", "/schemagroups/viaadmin", "{}",
        Map.of("Content-Type", "application/json", "Xreg-Admin-Token", "admin-shortcut")).statusCode()).isEqualTo(201);
  }

  /**
   * Issues 19/20: the event stream shows a reader only events about what it may read. carol may
   * read the stream and the carolsees Group; alice writes to another Group first, then to
   * carolsees: in commit order, carol's first events are the carolsees ones.
   */
  @Test
  void theEventStreamShowsOnlyWhatTheReaderMayRead() throws Exception {
    assertThat(server.send("PUT", "/schemagroups/carolsees", "{}", as("alice")).statusCode()).isIn(200, 201);
    assertThat(server.send("PUT", "/schemagroups/hidden", "{}", as("alice")).statusCode()).isIn(200, 201);
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null, as("carol"))) {
      assertThat(server.send("PUT", "/schemagroups/hidden/schemas/secret$details", SCHEMA, as("alice")).statusCode())
          .isEqualTo(201);
      assertThat(server.send("PUT", "/schemagroups/carolsees/schemas/seen$details", SCHEMA, as("alice")).statusCode())
          .isEqualTo(201);
      List<SseStream.Event> events = stream.take(1, 20);
      assertThat(events.get(0).data().path("subject").asText()).startsWith("/schemagroups/carolsees");
      assertThat(stream.take(1, 20).get(0).data().path("subject").asText()).startsWith("/schemagroups/carolsees");
    }
    // without read on the stream itself: no stream
    assertThat(server.send("GET", "/-/events", null, as("dave")).statusCode()).isEqualTo(404);
  }

  @Test
  void ociRolesAgainstOperationsAndTheTokenFlow() throws Exception {
    byte[] blob = "payments layer".getBytes(StandardCharsets.UTF_8);
    String digest = OciClient.sha256(blob);
    // the version check: anonymous gets the Docker token challenge
    HttpResponse<String> ping = server.send("GET", "/v2/", null, Map.of());
    assertThat(ping.statusCode()).isEqualTo(401);
    assertThat(ping.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + server.base()
        + "/auth/token\",service=\"xreg\"");
    assertThat(ping.body()).contains("UNAUTHORIZED");
    HttpResponse<String> pull = server.send("GET", "/v2/payments/app/blobs/" + digest, null, Map.of());
    assertThat(pull.headers().firstValue("WWW-Authenticate").orElseThrow())
        .endsWith(",scope=\"repository:payments/app:pull\"");

    List<Row> rows = List.of(
        row("bob", "GET", "/v2/", null, 200),
        row("bob", "POST", "/v2/payments/app/blobs/uploads/?digest=" + digest, "payments layer", 201),
        row("bob", "POST", "/v2/other/app/blobs/uploads/?digest=" + digest, "payments layer", 403),
        row("alice", "POST", "/v2/other/app/blobs/uploads/?digest=" + digest, "payments layer", 201),
        row("carol", "GET", "/v2/payments/app/blobs/" + digest, null, 200),
        row("carol", "POST", "/v2/payments/app/blobs/uploads/", "", 403),
        row("carol", "DELETE", "/v2/payments/app/blobs/" + digest, null, 403),
        row("dave", "GET", "/v2/payments/app/blobs/" + digest, null, 404),
        row("dave", "GET", "/v2/payments/app/tags/list", null, 404),
        // a mount needs pull on the source: bob may not read other/app
        row("bob", "POST", "/v2/payments/copy/blobs/uploads/?mount=" + digest + "&from=other/app", "", 404));
    assertThat(run(rows, (r, resp) -> {
      if (r.status() == 403) {
        assertThat(resp.body()).contains("\"DENIED\"");
      }
      if (r.status() == 404) {
        assertThat(resp.body()).contains("\"NAME_UNKNOWN\"");
      }
    })).isEmpty();

    // _catalog shows only what the caller may pull
    assertThat(server.send("GET", "/v2/_catalog", null, as("alice")).body()).contains("payments/app", "other/app");
    assertThat(server.send("GET", "/v2/_catalog", null, as("bob")).body()).contains("payments/app")
        .doesNotContain("other/app");
    assertThat(server.send("GET", "/v2/_catalog", null, as("dave")).body()).isEqualTo("{\"repositories\":[]}");

    // the token endpoint grants what the policy allows of what was asked: carol asks pull,push, gets pull
    JsonNode token = XregServer.JSON.readTree(server.send("GET", "/auth/token?service=xreg&scope="
        + "repository:payments/app:pull,push", null, as("carol")).body());
    JsonNode claims = XregServer.JSON.readTree(Base64.getUrlDecoder().decode(token.path("token").asText().split("\\.")[1]));
    assertThat(claims.path("access").toString())
        .isEqualTo("[{\"type\":\"repository\",\"name\":\"payments/app\",\"actions\":[\"pull\"]}]");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + token.path("token").asText());
    assertThat(server.send("GET", "/v2/payments/app/blobs/" + digest, null, bearer).statusCode()).isEqualTo(200);
    // not in the token (and not allowed to carol): 403; another repository: 404
    assertThat(server.send("POST", "/v2/payments/app/blobs/uploads/", "", bearer).statusCode()).isEqualTo(403);
    assertThat(server.send("GET", "/v2/other/app/blobs/" + digest, null, bearer).statusCode()).isEqualTo(404);

    // bob's pull-only token: the policy would allow a push, so 401 with a challenge for a wider token
    JsonNode bobs = XregServer.JSON.readTree(server.send("GET", "/auth/token?service=xreg&scope="
        + "repository:payments/app:pull", null, as("bob")).body());
    HttpResponse<String> narrow = server.send("POST", "/v2/payments/app/blobs/uploads/", "",
        Map.of("Authorization", "Bearer " + bobs.path("token").asText()));
    assertThat(narrow.statusCode()).isEqualTo(401);
    assertThat(narrow.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("scope=\"repository:payments/app:pull,push\"");

    // no credentials, wrong ones, a tampered token
    assertThat(server.send("GET", "/auth/token?service=xreg&scope=repository:payments/app:pull", null, Map.of())
        .statusCode()).isEqualTo(401);
    assertThat(server.send("GET", "/auth/token?service=xreg", null, Map.of("Authorization", basic("bob", "x")))
        .statusCode()).isEqualTo(401);
    String t = token.path("token").asText();
    String tampered = t.substring(0, t.length() - 4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(server.send("GET", "/v2/payments/app/blobs/" + digest, null, Map.of("Authorization", "Bearer " + tampered))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void appRegistryRolesAgainstOperationsAndLogin() throws Exception {
    // CNR-019: login answers the token the appr client sends back verbatim
    HttpResponse<String> login = server.send("POST", "/cnr/api/v1/users/login",
        "{\"user\":{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}}");
    assertThat(login.statusCode()).isEqualTo(200);
    String token = XregServer.JSON.readTree(login.body()).path("token").asText();
    assertThat(token).isEqualTo(basic("bob", PASSWORD).replace("Basic ", "basic "));
    HttpResponse<String> badLogin = server.send("POST", "/cnr/api/v1/users/login",
        "{\"user\":{\"username\":\"bob\",\"password\":\"wrong\"}}");
    assertThat(badLogin.statusCode()).isEqualTo(401);
    CnrClient.assertError(badLogin, 401, "unauthorized-access");

    byte[] chart = CnrClient.helmChart("chart", "1.0.0");
    String body = "{\"release\":\"1.0.0\",\"media_type\":\"helm\",\"blob\":\""
        + Base64.getEncoder().encodeToString(chart) + "\"}";
    Map<String, String> bobHeaders = new HashMap<>(Map.of("Content-Type", "application/json", "Authorization", token));
    assertThat(server.send("POST", "/cnr/api/v1/packages/payments/chart", body, bobHeaders).statusCode()).isEqualTo(200);
    HttpResponse<String> other = server.send("POST", "/cnr/api/v1/packages/other/chart", body, bobHeaders);
    CnrClient.assertError(other, 403, "forbidden");
    assertThat(server.send("POST", "/cnr/api/v1/packages/other/chart", body, as("alice")).statusCode()).isEqualTo(200);

    List<Row> rows = List.of(
        row(null, "GET", "/cnr/api/v1/packages", null, 401),
        row(null, "GET", "/cnr/api/v1/packages/payments/chart", null, 401),
        row("carol", "GET", "/cnr/api/v1/packages/payments/chart", null, 200),
        row("carol", "POST", "/cnr/api/v1/packages/payments/chart", body, 403),
        row("carol", "DELETE", "/cnr/api/v1/packages/payments/chart/1.0.0/helm", null, 403),
        row("dave", "GET", "/cnr/api/v1/packages/payments/chart", null, 404),
        row("bob", "GET", "/cnr/api/v1/packages/other/chart", null, 404));
    Map<Integer, String> codes = Map.of(401, "unauthorized-access", 403, "forbidden", 404, "package-not-found");
    assertThat(run(rows, (r, resp) -> {
      if (codes.containsKey(r.status())) {
        try {
          CnrClient.assertError(resp, r.status(), codes.get(r.status()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    })).isEmpty();

    // lists and search name only what the caller may read
    assertThat(server.send("GET", "/cnr/api/v1/packages", null, as("alice")).body()).contains("payments/chart", "other/chart");
    assertThat(server.send("GET", "/cnr/api/v1/packages", null, as("carol")).body()).contains("payments/chart")
        .doesNotContain("other/chart");
    assertThat(server.send("GET", "/cnr/api/v1/packages/search?q=chart", null, as("bob")).body())
        .isEqualTo("[\"payments/chart\"]");
    assertThat(server.send("GET", "/cnr/api/v1/packages/search?q=chart", null, as("dave")).body()).isEqualTo("[]");
  }

  /**
   * skopeo through the token flow: {@code --creds}/{@code --dest-creds} (Basic at the token
   * endpoint, then the bearer token on {@code /v2/}) and an {@code --authfile} as {@code podman
   * login} writes it; a push where the policy allows none fails, and leaves no image.
   */
  @Test
  void skopeoWithCredentialsAndAnAuthfile(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    InstalledClient skopeo = InstalledClient.onPath("skopeo");
    LayerTar layer = LayerTar.of(Map.of("hello.txt", "hello with credentials\n".getBytes(StandardCharsets.UTF_8)));
    byte[] config = OciLayout.imageConfig(layer.tar());
    OciLayout source = OciLayout.create(temp.resolve("source"));
    byte[] manifest = source.image("v1", OciClient.CONFIG, config, OciClient.LAYER, layer.gzip());
    String target = "docker://127.0.0.1:" + server.port() + "/payments/img:v1";

    skopeo.ok("--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "bob:" + PASSWORD,
        source.reference("v1"), target);
    assertThat(server.sendBytes("GET", "/v2/payments/img/manifests/v1", null,
        Map.of("Accept", OciClient.OCI_MANIFEST, "Authorization", basic("alice", PASSWORD))).body()).isEqualTo(manifest);

    // an authfile as podman/skopeo login write it: carol may pull
    Path authfile = AuthSetup.write("auth-", ".json", "{\"auths\":{\"127.0.0.1:" + server.port()
        + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString(("carol:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
        + "\"}}}");
    JsonNode inspected = XregServer.JSON.readTree(skopeo.ok("--insecure-policy", "inspect", "--tls-verify=false",
        "--authfile", authfile.toString(), target).stdout());
    assertThat(inspected.path("Digest").asText()).isEqualTo(OciClient.sha256(manifest));

    // carol may not push; without credentials nothing at all
    InstalledClient.Result refused = skopeo.run("--insecure-policy", "copy", "--dest-tls-verify=false",
        "--dest-authfile", authfile.toString(), source.reference("v1"),
        "docker://127.0.0.1:" + server.port() + "/payments/img:v2");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(skopeo.run("--insecure-policy", "inspect", "--tls-verify=false", target).exitCode()).isNotZero();
    assertThat(server.send("GET", "/v2/payments/img/manifests/v2", null, as("alice")).statusCode()).isEqualTo(404);
  }

  /**
   * A bounded fuzz run (fixed seed, 400 requests): random and mutated {@code Authorization} headers
   * (schemes, base64 garbage, truncated and bit-flipped tokens, huge and control-laden values) on
   * writes to every API. None is a 5xx, every one is a 401 (or 400 for what the HTTP layer
   * refuses first), and nothing changed.
   */
  @Test
  void mutatedCredentialsNeverGetInAndNeverBreakTheServer() throws Exception {
    String token = XregServer.JSON.readTree(server.send("GET", "/auth/token?service=xreg&scope="
        + "repository:payments/fuzz:pull,push", null, as("bob")).body()).path("token").asText();
    String before = server.send("GET", "/export", null, as("alice")).body();
    String catalogBefore = server.send("GET", "/v2/_catalog", null, as("alice")).body();
    java.util.Random random = new java.util.Random(19);
    List<String> seeds = List.of(basic("bob", PASSWORD), "Bearer " + token, "basic " + basic("bob", "x").substring(6));
    String[][] targets = {{"PUT", "/schemagroups/fuzz"}, {"POST", "/v2/payments/fuzz/blobs/uploads/"},
        {"POST", "/cnr/api/v1/packages/payments/fuzz"}, {"DELETE", "/schemagroups/payments"}};
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String header = mutate(seeds.get(random.nextInt(seeds.size())), random);
      if (header.equalsIgnoreCase(seeds.get(1)) || decodesTo(header, "bob:" + PASSWORD)) {
        continue; // a valid credential (base64 ignores the padding bits a mutation may flip) is no fuzz input
      }
      String[] t = targets[random.nextInt(targets.length)];
      HttpResponse<String> r;
      try {
        r = server.send(t[0], t[1], "{}", Map.of("Content-Type", "application/json", "Authorization", header));
      } catch (IllegalArgumentException notSendable) { // the client refuses to send some bytes in a header
        continue;
      }
      if (r.statusCode() != 401 && r.statusCode() != 400) {
        wrong.add(t[0] + " " + t[1] + " with [" + header + "] answered " + r.statusCode() + ": " + r.body());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(server.send("GET", "/export", null, as("alice")).body()).isEqualTo(before);
    assertThat(server.send("GET", "/v2/_catalog", null, as("alice")).body()).isEqualTo(catalogBefore);
  }

  private static boolean decodesTo(String header, String credentials) {
    int space = header.indexOf(' ');
    try {
      return space > 0 && header.substring(0, space).equalsIgnoreCase("basic") && credentials.equals(
          new String(Base64.getDecoder().decode(header.substring(space + 1).trim()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static String mutate(String seed, java.util.Random random) {
    StringBuilder b = new StringBuilder(seed);
    switch (random.nextInt(6)) {
      case 0 -> b.setLength(random.nextInt(b.length() + 1)); // truncated
      case 1 -> { // one character changed
        int at = random.nextInt(b.length());
        b.setCharAt(at, (char) (33 + random.nextInt(94)));
      }
      case 2 -> b.replace(0, b.indexOf(" ") < 0 ? 0 : b.indexOf(" "),
          List.of("Digest", "Negotiate", "BEARER", "Basic", "", "Token").get(random.nextInt(6)));
      case 3 -> b.append("x".repeat(random.nextInt(3000)));
      case 4 -> b.insert(random.nextInt(b.length()), "\t:.=");
      default -> {
        byte[] junk = new byte[random.nextInt(64)];
        random.nextBytes(junk);
        return "Basic " + Base64.getEncoder().encodeToString(junk);
      }
    }
    return b.toString();
  }

  @Test
  void refusalsAndWritesAreAuditedAndCounted() throws Exception {
    server.send("PUT", "/schemagroups/counted", "{}", as("dave"));
    String metrics = server.get("/metrics").body();
    assertThat(metrics).containsPattern("xreg_audit_total\\{outcome=\"denied\",?\\} [1-9]");
    server.send("PUT", "/schemagroups/counted", "{}", as("alice"));
    assertThat(server.get("/metrics").body()).containsPattern("xreg_audit_total\\{outcome=\"written\",?\\} [1-9]");
    String log = server.log();
    assertThat(log).contains("event=audit outcome=denied user=\"dave\" method=PUT path=\"/schemagroups/counted\" status=403");
    assertThat(log).doesNotContain(PASSWORD).doesNotContain(basic("dave", PASSWORD).substring(6));
  }
}
