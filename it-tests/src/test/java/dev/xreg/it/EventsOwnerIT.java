package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issues 19 and 20, webhook deliveries by their owner's permissions (docs/events.md "Who sees
 * what"): any authenticated caller may subscribe; the subscription keeps its creator as owner and
 * receives only the events the owner may read. Here reader may read {@code /dirs/a/**} only and
 * admin everything: both subscribe to every event, admin writes in {@code a} and {@code b}, and
 * reader's sink gets {@code a}'s events and never {@code b}'s, while admin's gets both. Callers
 * see and change only their own subscriptions; anonymous callers may not subscribe. An owner whose
 * grant is taken away stops receiving what it lost from the restart that reads the new policy.
 */
class EventsOwnerIT {
  static final Path USERS = AuthSetup.usersFile("admin", "reader");
  static final Path POLICY = AuthSetup.write("policy-", ".yaml", """
      grants:
        - subjects: [user:admin]
          role: admin
        - subjects: [user:reader]
          role: read
          paths: [/dirs/a/**]
      """);

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_AUTH_USERS_FILE", USERS.toString()).env("XREG_AUTH_POLICY", POLICY.toString())
      .env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32").env("XREG_EVENTS_POLL_MS", "100")
      .env("XREG_EVENTS_CONCURRENCY", "1");

  private WebhookReceiver receiver;
  /** The events each sink path got (CloudEvents, structured), in arrival order; handshakes left out. */
  private final Map<String, BlockingQueue<JsonNode>> received = new ConcurrentHashMap<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start(1, r -> {
      if (!r.handshake()) {
        queue(r.path()).add(r.json());
      }
      return 200;
    });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aSubscriptionReceivesOnlyWhatItsOwnerMayReadAndTheAdminEverything() throws Exception {
    as("admin", "PUT", "/modelsource", MODEL, 200);
    String mine = subscribe("reader", "/reader");
    String admins = subscribe("admin", "/admin");

    as("admin", "PUT", "/dirs/a", "{}", 201);
    as("admin", "PUT", "/dirs/b", "{}", 201);
    as("admin", "PUT", "/dirs/b/files/f1", "{}", 201);
    as("admin", "PUT", "/dirs/a/files/f1", "{}", 201);
    as("admin", "PATCH", "/dirs/b", "{\"description\":\"later\"}", 200);
    // the last change, in a: once reader's sink has it, every earlier event was sent or skipped
    as("admin", "PATCH", "/dirs/a", "{\"description\":\"last\"}", 200);

    List<JsonNode> atAdmin = until("/admin", "/dirs/a", "io.xregistry.group.updated");
    List<JsonNode> atReader = until("/reader", "/dirs/a", "io.xregistry.group.updated");
    assertThat(subjects(atAdmin)).contains("/dirs/a", "/dirs/b", "/dirs/b/files/f1", "/dirs/a/files/f1");
    assertThat(subjects(atReader)).contains("/dirs/a", "/dirs/a/files/f1")
        .allMatch(s -> s.equals("/dirs/a") || s.startsWith("/dirs/a/"), "about a only");

    // each caller sees only their own subscriptions; another's is absent
    JsonNode listed = XregServer.JSON.readTree(as("reader", "GET", "/-/subscriptions", null, 200).body());
    assertThat(listed).extracting(s -> s.path("id").asText()).containsExactly(mine);
    assertThat(listed.path(0).path("owner").asText()).isEqualTo("reader");
    as("reader", "GET", "/-/subscriptions/" + admins, null, 404);
    as("reader", "DELETE", "/-/subscriptions/" + admins, null, 404);
    as("reader", "PUT", "/-/subscriptions/" + admins, definition("/reader"), 404);
    JsonNode all = XregServer.JSON.readTree(as("admin", "GET", "/-/subscriptions", null, 200).body());
    assertThat(all).extracting(s -> s.path("id").asText()).contains(mine, admins);
    // anonymous callers may not subscribe, and nothing is stored
    assertThat(server.send("POST", "/-/subscriptions", definition("/anon")).statusCode()).isEqualTo(401);
    assertThat(XregServer.JSON.readTree(as("admin", "GET", "/-/subscriptions", null, 200).body()).size())
        .isEqualTo(all.size());
    as("reader", "DELETE", "/-/subscriptions/" + mine, null, 200);
  }

  @Test
  void anOwnerWhoLosesAccessStopsReceivingAfterTheRestartThatReadsThePolicy() throws Exception {
    Path policy = AuthSetup.write("policy-", ".yaml", Files.readString(POLICY));
    try (XregServer node = XregServer.fresh().env("XREG_AUTH_USERS_FILE", USERS.toString())
        .env("XREG_AUTH_POLICY", policy.toString()).env("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32")
        // the default delivery timeout: a node stopped normally gives back its leases (EventsRestartIT)
        .env("XREG_EVENTS_POLL_MS", "100").env("XREG_EVENTS_CONCURRENCY", "1").start()) {
      check(node.send("PUT", "/modelsource", MODEL, AuthSetup.as("admin")), 200);
      check(node.send("POST", "/-/subscriptions", definition("/lost"), AuthSetup.as("reader")), 201);
      check(node.send("POST", "/-/subscriptions", definition("/kept"), AuthSetup.as("admin")), 201);
      check(node.send("PUT", "/dirs/a", "{}", AuthSetup.as("admin")), 201);
      assertThat(subjects(until("/lost", "/dirs/a", "io.xregistry.group.created"))).containsExactly("/dirs/a");

      // the policy now grants reader /dirs/c only; it is read at the next start
      Files.writeString(policy, "grants:\n  - subjects: [user:admin]\n    role: admin\n"
          + "  - subjects: [user:reader]\n    role: read\n    paths: [/dirs/c/**]\n");
      node.stop();
      queue("/lost").clear(); // what came before the restart; a resend of it would be about a as well
      node.start();
      check(node.send("PATCH", "/dirs/a", "{\"description\":\"after\"}", AuthSetup.as("admin")), 200);
      check(node.send("PUT", "/dirs/c", "{}", AuthSetup.as("admin")), 201);
      // one request at a time per subscription, in commit order: a's update came first and was skipped
      assertThat(subjects(until("/lost", "/dirs/c", "io.xregistry.group.created"))).containsExactly("/dirs/c");
      assertThat(subjects(until("/kept", "/dirs/c", "io.xregistry.group.created"))).contains("/dirs/a", "/dirs/c");
    }
  }

  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  private static HttpResponse<String> check(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }

  private String subscribe(String user, String path) throws Exception {
    HttpResponse<String> r = as(user, "POST", "/-/subscriptions", definition(path), 201);
    return XregServer.JSON.readTree(r.body()).path("id").asText();
  }

  private String definition(String path) {
    return "{\"sink\":\"" + receiver.sink(path) + "\",\"protocol\":\"HTTP\"}";
  }

  private static HttpResponse<String> as(String user, String method, String path, String body, int status)
      throws Exception {
    HttpResponse<String> r = server.send(method, path, body, AuthSetup.as(user));
    assertThat(r.statusCode()).as(method + " " + path + " as " + user + ": " + r.body()).isEqualTo(status);
    return r;
  }

  /** The events {@code path}'s sink got up to and including the first of {@code type} about {@code subject}. */
  private List<JsonNode> until(String path, String subject, String type) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      JsonNode e = queue(path).poll(60, TimeUnit.SECONDS);
      assertThat(e).as("an event at " + path + " after " + subjects(out)).isNotNull();
      out.add(e);
      if (e.path("subject").asText().equals(subject) && e.path("type").asText().equals(type)) {
        return out;
      }
    }
  }

  private static List<String> subjects(List<JsonNode> events) {
    return events.stream().map(e -> e.path("subject").asText()).toList();
  }

  private BlockingQueue<JsonNode> queue(String path) {
    return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }
}
