package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19, CORS with credentials for every API: a listed origin's preflight is answered with
 * the methods and the xRegistry, OCI and {@code Authorization} headers, and the answers allow
 * credentials and expose ETag, Location, Link, Docker-Content-Digest and the xRegistry headers;
 * any other origin gets no CORS headers and is otherwise served as usual.
 */
class CorsIT {
  private static final String UI = "https://ui.example.test";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_CORS_ORIGINS", UI + ",http://other.example.test");

  @Test
  void preflightForAnOciUploadWithCredentials() throws Exception {
    HttpResponse<String> pre = server.send("OPTIONS", "/v2/web/app/blobs/uploads/", null, Map.of("Origin", UI,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    assertThat(pre.statusCode()).isBetween(200, 204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("GET", "PUT", "PATCH", "POST", "DELETE");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization", "content-type", "xregistry-epoch", "content-range");
  }

  @Test
  void answersOfEveryApiExposeTheirHeadersToTheListedOrigin() throws Exception {
    for (String path : new String[] {"/", "/v2/", "/cnr/api/v1/packages"}) {
      HttpResponse<String> get = server.send("GET", path, null, Map.of("Origin", UI));
      assertThat(get.statusCode()).as(path).isEqualTo(200);
      assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(UI);
      assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).as(path).hasValue("true");
      assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase()).as(path)
          .contains("etag", "location", "link", "docker-content-digest", "xregistry-epoch", "xregistry-self");
    }
  }

  @Test
  void anotherOriginGetsNoCorsHeadersButIsServed() throws Exception {
    HttpResponse<String> get = server.send("GET", "/v2/", null, Map.of("Origin", "https://evil.example.test"));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    HttpResponse<String> pre = server.send("OPTIONS", "/", null, Map.of("Origin", "https://evil.example.test",
        "Access-Control-Request-Method", "DELETE"));
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }
}
