package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19, rate limits: with {@code XREG_RATE_LIMIT_PER_SECOND} and {@code XREG_RATE_LIMIT_BURST}
 * a client (here: its address, 127.0.0.1) gets the burst at once, then {@code 429} with
 * {@code Retry-After} in the error format of each API, while {@code /health} and {@code /ready}
 * keep answering. The rate is one request per 50 s so no token comes back during the test.
 */
class RateLimitIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_RATE_LIMIT_PER_SECOND", "0.02")
      .env("XREG_RATE_LIMIT_BURST", "3");

  @Test
  void theBurstPassesThenEachApiAnswers429InItsOwnFormatAndProbesStayOpen() throws Exception {
    int served = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      HttpResponse<String> r = server.get("/");
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        served++;
      }
    }
    assertThat(served).isEqualTo(3);
    assertThat(refused).isNotNull();

    // xRegistry: its problem document
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 50L);
    JsonNode problem = XregServer.JSON.readTree(refused.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:xreg:error:too_many_requests");
    assertThat(problem.path("title").asText()).contains("Too many requests", "too many requests from this client");

    // OCI: the error envelope with TOOMANYREQUESTS (OCI-027/028)
    HttpResponse<String> oci = server.get("/v2/");
    assertThat(oci.statusCode()).isEqualTo(429);
    assertThat(oci.headers().firstValue("Retry-After")).isPresent();
    assertThat(XregServer.JSON.readTree(oci.body()).path("errors").path(0).path("code").asText())
        .isEqualTo("TOOMANYREQUESTS");

    // App Registry: its {code, message, details} envelope
    HttpResponse<String> cnr = server.get("/cnr/api/v1/packages");
    assertThat(cnr.statusCode()).isEqualTo(429);
    assertThat(cnr.headers().firstValue("Retry-After")).isPresent();
    JsonNode cnrError = XregServer.JSON.readTree(cnr.body());
    assertThat(cnrError.has("code")).isTrue();
    assertThat(cnrError.path("message").asText()).contains("too many requests");

    // probes are never limited
    for (int i = 0; i < 5; i++) {
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
      assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    }
    // a made-up forwarding header from an untrusted peer does not buy a fresh bucket
    assertThat(server.send("GET", "/", null, Map.of("X-Forwarded-For", "203.0.113.9")).statusCode())
        .isEqualTo(429);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws Exception {
    try (XregServer proxied = XregServer.fresh().env("XREG_RATE_LIMIT_PER_SECOND", "0.02")
        .env("XREG_RATE_LIMIT_BURST", "2").env("XREG_TRUSTED_PROXIES", "127.0.0.1").start()) {
      Map<String, String> first = Map.of("X-Forwarded-For", "203.0.113.1");
      assertThat(proxied.send("GET", "/", null, first).statusCode()).isEqualTo(200);
      assertThat(proxied.send("GET", "/", null, first).statusCode()).isEqualTo(200);
      assertThat(proxied.send("GET", "/", null, first).statusCode()).isEqualTo(429);
      // another client behind the same proxy is not affected
      assertThat(proxied.send("GET", "/", null, Map.of("X-Forwarded-For", "203.0.113.2")).statusCode())
          .isEqualTo(200);
      // an address the client put in front of the one the proxy appended changes nothing
      assertThat(proxied.send("GET", "/", null, Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.1"))
          .statusCode()).isEqualTo(429);
      assertThat(proxied.send("GET", "/", null, Map.of("Forwarded", "for=198.51.100.8, for=203.0.113.1"))
          .statusCode()).isEqualTo(429);
    }
  }
}
