package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: one server mounts one sub-router per enabled API. The OCI API is always at the
 * host root ({@code /v2/}, OCI-001), even when {@code XREG_BASE_PATH} moves the xRegistry
 * tree; each API answers in its own error format; switched-off APIs are not served; and no
 * model can name a Group type after a path the server serves at the root.
 */
class ApiAssemblyIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_BASE_PATH", "/registry");

  @Test
  void theOciPingIsAtTheHostRootWhateverTheBasePath_OCI_001() throws Exception {
    HttpResponse<String> ping = server.get("/v2/");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    assertThat(XregServer.JSON.readTree(ping.body()).isObject()).isTrue();
    assertThat(server.get("/registry/v2/").statusCode()).as("not under the base path").isEqualTo(404);
  }

  @Test
  void theXRegistryTreeIsUnderTheBasePathAndOperationsAtTheRoot() throws Exception {
    HttpResponse<String> root = server.get("/registry/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(root.body()).path("self").asText()).isEqualTo(server.base() + "/registry/");
    assertThat(root.headers().firstValue("Link")).hasValue("<" + server.base() + "/registry/>;rel=xregistry-root");
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
    assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
    assertThat(server.get("/registry/health").statusCode()).as("health is not part of the xRegistry tree")
        .isEqualTo(404);
    assertThat(server.get("/registry/model").statusCode()).isEqualTo(200);
  }

  @Test
  void eachApiAnswersInItsOwnErrorFormat_OCI_027_CNR_021() throws Exception {
    HttpResponse<String> oci = server.get("/v2/library/alpine/tags/list");
    assertThat(oci.statusCode()).isEqualTo(404);
    JsonNode errors = XregServer.JSON.readTree(oci.body()).path("errors");
    assertThat(errors.get(0).path("code").asText()).isEqualTo("NAME_UNKNOWN");

    HttpResponse<String> version = server.get("/cnr/version");
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(version.body()).path("appr-api").asText()).isNotEmpty();
    HttpResponse<String> cnr = server.get("/cnr/api/v1/packages/ns/missing");
    assertThat(cnr.statusCode()).isEqualTo(404);
    assertThat(XregServer.JSON.readTree(cnr.body()).path("code").asText()).isEqualTo("package-not-found");

    HttpResponse<String> xr = server.get("/registry/nothing");
    assertThat(xr.statusCode()).isEqualTo(404);
    assertThat(xr.headers().firstValue("Content-Type").orElse("")).startsWith("application/");
    assertThat(XregServer.JSON.readTree(xr.body()).path("type").asText()).contains("not_found");
  }

  @Test
  void groupTypesMayNotShadowARootPathOfTheServer() throws Exception {
    for (String plural : new String[] {"v2", "cnr", "auth"}) {
      HttpResponse<String> r = server.send("PUT", "/registry/modelsource",
          "{\"groups\":{\"" + plural + "\":{\"singular\":\"one\"}}}");
      assertThat(r.statusCode()).as(plural).isEqualTo(400);
      JsonNode p = XregServer.JSON.readTree(r.body());
      assertThat(p.path("type").asText()).endsWith("model_error");
      assertThat(p.path("detail").asText()).contains("\"" + plural + "\"");
    }
  }
}
