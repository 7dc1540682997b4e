package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 items 4 and 7: what the HTTP layer itself refuses (codec errors, malformed targets,
 * queries and Host) is a 4xx with the owning API's error body, never a 500 or an empty body;
 * HEAD is served wherever GET is, with GET's headers and no body; an {@code xRegistry-ancestorid}
 * header is checked like the same attribute in a body.
 */
class HttpLayerIT {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":"
      + "{\"singular\":\"file\",\"versionmode\":\"manual\"}}}}}";
  private static final String PROBLEM = "application/json; charset=utf-8";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private static RawHttp.Answer raw(String request) throws Exception {
    return RawHttp.exchange(server.port(), request);
  }

  /** A problem+json document with this status, a type and a detail: never an empty body. */
  private static JsonNode problem(RawHttp.Answer a, int status) throws Exception {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).isEqualTo(PROBLEM);
    assertThat(a.header("Content-Length")).isEqualTo(Integer.toString(a.body().getBytes(
        java.nio.charset.StandardCharsets.UTF_8).length));
    JsonNode p = XregServer.JSON.readTree(a.body());
    assertThat(p.path("type").asText()).isNotEmpty();
    assertThat(p.path("detail").asText()).isNotEmpty();
    return p;
  }

  /** Each request: its lines separated by '~', sent with CRLFs; {@code <NUL>} is a NUL byte. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bare % in the query         | GET /?inline=% HTTP/1.1~Host: a                           | the query",
      "bad escape in the query     | GET /dirs?filter=%zz HTTP/1.1~Host: a                     | the query",
      "NUL escape in the query     | GET /dirs?filter=name=a%00b HTTP/1.1~Host: a              | the query",
      "bad escape in the path      | GET /dirs/%zz HTTP/1.1~Host: a                            | the path",
      "overlong UTF-8 in the path  | GET /dirs/%C0%AF HTTP/1.1~Host: a                         | the path",
      "NUL escape in the path      | PUT /dirs/a%00b HTTP/1.1~Host: a~Content-Length: 0        | the path",
      "NUL byte in the path        | GET /dirs/a<NUL>b HTTP/1.1~Host: a                        | the path",
      "request target *            | GET * HTTP/1.1~Host: a                                    | the request target",
      "no Host                     | GET / HTTP/1.1                                            | Host",
      "empty Host                  | GET / HTTP/1.1~Host:                                      | Host",
      "malformed Host              | GET / HTTP/1.1~Host: a b:x                                | Host",
      "two Hosts                   | GET / HTTP/1.1~Host: a~Host: b                            | Host",
      "port out of range           | GET / HTTP/1.1~Host: a:70000                              | Host",
      "NUL in a header value       | GET / HTTP/1.1~Host: a~X-A: a<NUL>b                       | not valid HTTP",
      "Content-Length not a number | PUT /dirs/d1 HTTP/1.1~Host: a~Content-Length: x           | not valid HTTP",
  })
  void malformedRequestsAreBadRequestProblems(String name, String lines, String detail) throws Exception {
    String wire = lines.replace("~", "\r\n").replace("<NUL>", "\u0000") + "\r\n\r\n";
    JsonNode p = problem(raw(wire), 400);
    assertThat(p.path("type").asText()).endsWith("#bad_request");
    assertThat(p.path("detail").asText()).contains(detail);
  }

  @Test
  void overlongRequestLineIs414AndOverlongHeadersAre431WithAProblemBody() throws Exception {
    JsonNode line = problem(raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
    assertThat(line.path("type").asText()).isEqualTo("urn:xreg:error:uri_too_long");
    JsonNode headers = problem(raw("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n"), 431);
    assertThat(headers.path("type").asText()).isEqualTo("urn:xreg:error:header_fields_too_large");
  }

  @Test
  void refusalsBelowV2UseTheOciEnvelopeAndBelowCnrTheAppRegistryOne() throws Exception {
    RawHttp.Answer oci = raw("GET /v2/%zz/tags/list HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(oci.status()).isEqualTo(400);
    JsonNode errors = XregServer.JSON.readTree(oci.body()).path("errors");
    assertThat(errors.isArray()).isTrue();
    assertThat(errors.path(0).path("code").asText()).isNotEmpty();
    RawHttp.Answer cnr = raw("GET /cnr/api/v1/packages?x=% HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(cnr.status()).isEqualTo(400);
    JsonNode body = XregServer.JSON.readTree(cnr.body());
    assertThat(body.path("code").asText()).isNotEmpty();
    assertThat(body.path("message").asText()).contains("the query");
  }

  @Test
  void optionsStarDescribesTheServer() throws Exception {
    RawHttp.Answer a = raw("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Allow")).contains("GET").contains("HEAD");
  }

  @Test
  void http10WithoutHostIsServed() throws Exception {
    assertThat(raw("GET /health HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
  }

  @Test
  void malformedRequestsLogNoServerError() throws Exception {
    raw("GET /?inline=% HTTP/1.1\r\nHost: a\r\n\r\n");
    raw("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n");
    raw("GET / HTTP/1.1\r\n\r\n");
    // a client that sends half a body and goes away
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
      s.getOutputStream().write("PUT /dirs/gone HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"na"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    Thread.sleep(300);
    assertThat(server.log()).doesNotContain("server_error").doesNotContain("Unhandled exception");
  }

  // ---- HEAD wherever GET (RFC 9110 9.3.2) ----

  @ParameterizedTest
  @CsvSource({"/", "/dirs", "/model", "/capabilities", "/health", "/ready", "/metrics", "/.well-known/xregistry",
      "/.xregistry", "/dirs/h1/files/f1", "/dirs/h1/files/f1$details", "/dirs/h1/files/f1/versions/1",
      "/dirs/nosuch"})
  void headAnswersWithGetsStatusAndHeadersAndNoBody(String path) throws Exception {
    server.send("PUT", "/dirs/h1/files/f1", "a document", Map.of("Content-Type", "text/plain"));
    RawHttp.Answer get = raw("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    RawHttp.Answer head = raw("HEAD " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assertThat(head.status()).isEqualTo(get.status());
    assertThat(head.body()).isEmpty();
    for (String h : new String[] {"Content-Type", "ETag", "Link", "Location", "xRegistry-epoch", "Content-Length"}) {
      // the operational endpoints' handlers come from Vert.x and leave out the length, which
      // RFC 9110 9.3.2 allows for a value known only while generating the content
      boolean operational = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
      if (get.header(h) != null && !(operational && h.equals("Content-Length"))) {
        assertThat(head.header(h)).as(h).isEqualTo(get.header(h));
      }
    }
  }

  // ---- the xRegistry-ancestorid header is checked like the body attribute ----

  @Test
  void ancestoridHeaderNamingNoVersionIsRefusedLikeTheBodyAttribute() throws Exception {
    String file = server.uniquePath("/dirs/a/files/f");
    server.ok("PUT", file + "/versions/v1", "{}");
    HttpResponse<String> body = server.send("PUT", file + "/versions/v2$details", "{\"ancestorid\":\"nosuch\"}");
    HttpResponse<String> header = server.send("PUT", file + "/versions/v3", "doc",
        Map.of("Content-Type", "text/plain", "xRegistry-ancestorid", "nosuch"));
    assertThat(body.statusCode()).isEqualTo(400);
    assertThat(header.statusCode()).as(header.body()).isEqualTo(400);
    assertThat(XregServer.JSON.readTree(header.body()).path("type").asText())
        .isEqualTo(XregServer.JSON.readTree(body.body()).path("type").asText());
    assertThat(server.get(file + "/versions/v3").statusCode()).isEqualTo(404);
  }

  @Test
  void ancestoridHeaderIsStored() throws Exception {
    String file = server.uniquePath("/dirs/a/files/g");
    server.ok("PUT", file + "/versions/v1", "{}");
    server.ok("PUT", file + "/versions/v2", "{}");
    HttpResponse<String> r = server.send("PUT", file + "/versions/v3", "doc",
        Map.of("Content-Type", "text/plain", "xRegistry-ancestorid", "v1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(server.json(file + "/versions/v3$details").path("ancestorid").asText()).isEqualTo("v1");
  }
}
