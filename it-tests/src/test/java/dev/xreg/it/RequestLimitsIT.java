package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19, request limits: a request target over {@code XREG_MAX_URL_BYTES} is 414 and a header
 * block over {@code XREG_MAX_HEADER_BYTES} is 431, each in the owning API's format; with
 * {@code XREG_MAX_UPLOADS_PER_CLIENT=1} a second OCI blob upload request while one is in flight
 * is 429 TOOMANYREQUESTS with {@code Retry-After}, and allowed again once the first finished.
 */
class RequestLimitsIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MAX_URL_BYTES", "512")
      .env("XREG_MAX_HEADER_BYTES", "2048").env("XREG_MAX_UPLOADS_PER_CLIENT", "1");

  @Test
  void aTargetOverTheLimitIs414InTheApisFormat() throws Exception {
    // just over the limit: read by the codec, refused by the server knowing the path
    HttpResponse<String> oci = server.get("/v2/" + "a".repeat(510) + "/tags/list");
    assertThat(oci.statusCode()).isEqualTo(414);
    assertThat(XregServer.JSON.readTree(oci.body()).path("errors").isArray()).isTrue();
    HttpResponse<String> xreg = server.get("/" + "b".repeat(520));
    assertThat(xreg.statusCode()).isEqualTo(414);
    assertThat(XregServer.JSON.readTree(xreg.body()).path("type").asText()).isEqualTo("urn:xreg:error:uri_too_long");
    // far over: the codec refuses the request line
    assertThat(server.get("/" + "c".repeat(2000)).statusCode()).isEqualTo(414);
    // within the limit: served (nothing there)
    assertThat(server.get("/v2/limits/" + "f".repeat(100) + "/tags/list").statusCode()).isEqualTo(404);
    assertThat(server.get("/" + "e".repeat(400)).statusCode()).isEqualTo(404);
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    HttpResponse<String> r = server.send("GET", "/", null, Map.of("X-Padding", "p".repeat(3000)));
    assertThat(r.statusCode()).isEqualTo(431);
    JsonNode problem = XregServer.JSON.readTree(r.body());
    assertThat(problem.path("type").asText()).endsWith("header_fields_too_large");
    assertThat(server.send("GET", "/", null, Map.of("X-Padding", "p".repeat(1000))).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondUploadWhileOneIsInFlightIs429UntilTheFirstEnds() throws Exception {
    String location = startUpload();
    try (Socket socket = HeldUpload.patch(server.port(), location, Map.of())) {
      HttpResponse<String> refused = server.send("POST", "/v2/limits/app/blobs/uploads/", null);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(XregServer.JSON.readTree(refused.body()).path("errors").path(0).path("code").asText())
          .isEqualTo("TOOMANYREQUESTS");
      // reads are not uploads
      assertThat(server.get("/v2/").statusCode()).isEqualTo(200);

      assertThat(HeldUpload.finish(socket)).startsWith("HTTP/1.1 202");
    }
    int status = 0;
    for (int i = 0; i < 100 && status != 202; i++) {
      status = server.send("POST", "/v2/limits/app/blobs/uploads/", null).statusCode();
      if (status != 202) {
        Thread.sleep(50);
      }
    }
    assertThat(status).isEqualTo(202);
  }

  private static String startUpload() throws Exception {
    HttpResponse<String> r = server.send("POST", "/v2/limits/app/blobs/uploads/", null);
    assertThat(r.statusCode()).isEqualTo(202);
    return OciClient.pathOf(r.headers().firstValue("Location").orElseThrow());
  }
}
