package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: what a server acknowledged is still there, unchanged, after the process
 * stops and a new process starts on the same data directory.
 */
class RestartPersistenceIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  @Test
  void groupResourceAndVersionSurviveARestart() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      assertThat(server.send("PUT", "/dirs/d1", "{\"name\":\"first dir\",\"labels\":{\"team\":\"a\"}}").statusCode())
          .isEqualTo(201);
      assertThat(server.send("PUT", "/dirs/d1/files/f1$details", "{\"name\":\"f\",\"file\":{\"k\":1}}").statusCode())
          .isEqualTo(201);
      assertThat(server.send("PUT", "/dirs/d1/files/f1/versions/v2$details", "{\"description\":\"second\"}")
          .statusCode()).isEqualTo(201);

      JsonNode group = server.json("/dirs/d1");
      JsonNode resource = server.json("/dirs/d1/files/f1$details?inline=meta,versions,file");
      JsonNode registry = server.json("/");
      String document = server.get("/dirs/d1/files/f1/versions/1").body();

      // The JVM reports 143 (128 + SIGTERM) even after its shutdown hook completed.
      assertThat(server.stop()).isIn(0, 143);
      assertThat(server.log()).contains("event=stopped").doesNotContain("shutdown_incomplete");
      server.start();

      assertThat(server.json("/dirs/d1").toString()).isEqualTo(rebase(group, server));
      assertThat(server.json("/dirs/d1/files/f1$details?inline=meta,versions,file").toString())
          .isEqualTo(rebase(resource, server));
      assertThat(server.json("/").toString()).isEqualTo(rebase(registry, server));
      assertThat(server.get("/dirs/d1/files/f1/versions/1").body()).isEqualTo(document).isEqualTo("{\"k\":1}");
      assertThat(server.json("/modelsource")).isEqualTo(XregServer.JSON.readTree(MODEL));
    }
  }

  /** The restarted server listens on another port; URLs in the old responses follow. */
  private static String rebase(JsonNode before, XregServer server) {
    return before.toString().replaceAll("http://127\\.0\\.0\\.1:\\d+", server.base());
  }
}
