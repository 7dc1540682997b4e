package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5: a web UI on another origin can page and edit (CORS with the xRegistry headers
 * exposed), and clients can discover the registry (CORE-REG-011/012).
 */
class BrowserAndDiscoveryIT {
  private static final String UI = "http://ui.example.test";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_CORS_ORIGINS", UI + ", http://other.example.test");

  @Test
  void preflightAllowsTheConfiguredOriginToWrite() throws Exception {
    HttpResponse<String> pre = server.send("OPTIONS", "/modelsource", null, Map.of("Origin", UI,
        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,if-match"));
    assertThat(pre.statusCode()).isBetween(200, 204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT", "PATCH", "DELETE");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("content-type", "if-match");
  }

  @Test
  void responsesExposeLinkLocationEtagAndXRegistryHeaders() throws Exception {
    HttpResponse<String> get = server.send("GET", "/", null, Map.of("Origin", UI));
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    String exposed = get.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase();
    assertThat(exposed).contains("link", "location", "etag", "xregistry-epoch", "xregistry-self");
  }

  @Test
  void otherOriginsAreNotAllowed() throws Exception {
    HttpResponse<String> get = server.send("GET", "/", null, Map.of("Origin", "http://evil.example.test"));
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void discoveryListsTheRegistryRoot_CORE_REG_011_012() throws Exception {
    for (String path : new String[] {"/.xregistry", "/.well-known/xregistry"}) {
      JsonNode d = server.json(path);
      assertThat(d.path("registries").size()).isEqualTo(1);
      assertThat(d.path("registries").get(0).asText()).isEqualTo(server.base() + "/");
    }
  }
}
