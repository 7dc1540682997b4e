package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issues 15 and 19: authenticated callers share the read cache (README "Caching"), and no caller
 * ever gets what it may not read through it. The guard decides before the cache is asked, so a
 * cached entity another caller read is served only to callers allowed to read that path; an
 * answer whose rendering left entities out for its caller (a collection map filtered by
 * permission) is neither stored for nor served to an authenticated caller.
 */
class ReadCacheAuthIT {
  static final Path USERS = AuthSetup.usersFile("admin", "reader");
  /** reader sees the Group a and its file f1, not f2 (nor anything in b). */
  static final Path POLICY = AuthSetup.write("policy-", ".yaml", """
      grants:
        - subjects: [user:admin]
          role: admin
        - subjects: [user:reader]
          role: read
          paths: [/dirs/a, /dirs/a/files/f1/**]
      """);
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withoutFeedTail()
      .env("XREG_AUTH_USERS_FILE", USERS.toString()).env("XREG_AUTH_POLICY", POLICY.toString());

  private static HttpResponse<String> as(String user, String method, String path, String body) throws Exception {
    return server.send(method, path, body, AuthSetup.as(user));
  }

  private static double hits() throws Exception {
    return PrometheusScrape.parse(server.get("/metrics").body()).value("xreg_cache_hits_total", Map.of())
        .orElse(Double.NaN);
  }

  @BeforeAll
  static void twoFilesInA() throws Exception {
    assertThat(as("admin", "PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
    for (String f : new String[] {"/dirs/a/files/f1", "/dirs/a/files/f2"}) {
      assertThat(as("admin", "PUT", f + "$details", "{\"description\":\"d\"}").statusCode()).isEqualTo(201);
    }
  }

  @Test
  void aCachedEntityIsSharedOnlyWithCallersTheGuardLetsReadIt() throws Exception {
    // read by admin, stored; reader may read f1 and gets the very same answer from the cache
    HttpResponse<String> byAdmin = as("admin", "GET", "/dirs/a/files/f1$details", null);
    assertThat(byAdmin.statusCode()).isEqualTo(200);
    double before = hits();
    HttpResponse<String> byReader = as("reader", "GET", "/dirs/a/files/f1$details", null);
    assertThat(byReader.statusCode()).isEqualTo(200);
    assertThat(byReader.body()).isEqualTo(byAdmin.body());
    assertThat(hits()).as("the reader's GET was a hit").isEqualTo(before + 1);

    // f2 is cached by admin's read, and still not for reader: 404 from the guard, no hit
    assertThat(as("admin", "GET", "/dirs/a/files/f2$details", null).statusCode()).isEqualTo(200);
    assertThat(as("admin", "GET", "/dirs/a/files/f2$details", null).statusCode()).isEqualTo(200);
    before = hits();
    assertThat(as("reader", "GET", "/dirs/a/files/f2$details", null).statusCode()).isEqualTo(404);
    assertThat(hits()).isEqualTo(before);
  }

  @Test
  void anAnswerFilteredForItsCallerIsNeverSharedWithAnother() throws Exception {
    // a filter makes the Group's answer rendered whole, its files map filtered by permission
    String group = "/dirs/a?inline=files&filter=files.description=d";
    double before = hits();
    for (int round = 0; round < 2; round++) {
      assertThat(files(as("reader", "GET", group, null))).containsExactly("f1");
      assertThat(files(as("admin", "GET", group, null))).containsExactlyInAnyOrder("f1", "f2");
    }
    assertThat(hits()).as("none of these answers came from the cache").isEqualTo(before);
  }

  private static java.util.List<String> files(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode map = XregServer.JSON.readTree(r.body()).path("files");
    java.util.List<String> ids = new java.util.ArrayList<>();
    map.fieldNames().forEachRemaining(ids::add);
    return ids;
  }
}
