package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write that runs past XREG_REQUEST_TIMEOUT_SECONDS is rolled back and answered 503
 * server_busy: the client's error means nothing changed (CORE-GEN-001), instead of the HTTP
 * side giving up while the transaction commits later.
 */
class RequestTimeoutIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  /** Far more Resources than any machine writes in one second (each is several statements). */
  private static final int RESOURCES = 20_000;

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_REQUEST_TIMEOUT_SECONDS", "1").withModel(MODEL);

  @Test
  void aWriteRunningPastTheTimeoutIsRolledBackAnd503() throws Exception {
    server.ok("PUT", "/dirs/d1", "{\"description\":\"before\"}");
    Snapshot before = Snapshot.of(server, "/", "/dirs?inline=*");
    ObjectNode body = XregServer.JSON.createObjectNode();
    for (int i = 0; i < RESOURCES; i++) {
      body.putObject("f" + i).put("description", "file " + i);
    }

    HttpResponse<String> r = server.send("POST", "/dirs/d1/files", XregServer.JSON.writeValueAsString(body));

    JsonNode p = assertProblem(r, 503, "server_busy",
        "Due to excessive requests, the server could not complete \"/dirs/d1/files\", please try again later.",
        "/dirs/d1/files");
    assertThat(p.path("detail").asText()).contains("XREG_REQUEST_TIMEOUT_SECONDS").contains("nothing changed");
    before.assertUnchanged();
    assertThat(server.ok("PUT", "/dirs/d1/files/small$details", "{}").path("fileid").asText())
        .as("a write within the time still works").isEqualTo("small");
  }
}
