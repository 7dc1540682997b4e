package dev.xreg.it;

import static dev.xreg.it.AuthSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19: a users file without a policy (every user holds every role), anonymous reads on
 * ({@code XREG_AUTH_ANONYMOUS=read}) and scraping for admins only ({@code XREG_METRICS_AUTH=admin}).
 * Probes stay anonymous.
 */
class AnonymousReadIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_AUTH_USERS_FILE", AuthSetup.usersFile("alice").toString())
      .env("XREG_AUTH_ANONYMOUS", "read").env("XREG_METRICS_AUTH", "admin");

  @Test
  void anonymousCallersReadButNeverWrite() throws Exception {
    assertThat(server.send("PUT", "/modelsource", "{\"groups\":{\"dirs\":{\"singular\":\"dir\"}}}", as("alice"))
        .statusCode()).as("no policy: every user holds every role").isEqualTo(200);
    assertThat(server.send("PUT", "/dirs/d1", "{}", as("alice")).statusCode()).isEqualTo(201);
    assertThat(server.send("GET", "/dirs/d1", null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/v2/", null, Map.of()).statusCode()).isEqualTo(200);
    HttpResponse<String> write = server.send("PUT", "/dirs/d2", "{}", as(null));
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(write.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"xreg\", charset=\"UTF-8\"");
    assertThat(server.send("GET", "/dirs/d2", null, Map.of()).statusCode()).isEqualTo(404);

    // an anonymous token carries pulls only, whatever was asked
    JsonNode token = XregServer.JSON.readTree(server.send("GET",
        "/auth/token?service=xreg&scope=repository:a/b:pull,push", null, Map.of()).body());
    JsonNode claims = XregServer.JSON.readTree(Base64.getUrlDecoder().decode(token.path("token").asText().split("\\.")[1]));
    assertThat(claims.path("access").toString()).isEqualTo("[{\"type\":\"repository\",\"name\":\"a/b\",\"actions\":[\"pull\"]}]");
    assertThat(claims.has("sub")).isFalse();
  }

  @Test
  void probesStayAnonymousAndScrapingNeedsAdmin() throws Exception {
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
    assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    // anonymous reads do not cover /metrics: it needs admin
    assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
    HttpResponse<String> scrape = server.send("GET", "/metrics", null, as("alice"));
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("xreg_http_requests_seconds");
  }
}
