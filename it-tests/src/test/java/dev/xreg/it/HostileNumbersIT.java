package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 2, 4 and 7, end to end: numbers beyond their type and text that cannot be
 * stored are refused with a 400 naming the attribute and the range; nothing wraps, nothing is
 * altered, nothing reaches PostgreSQL to fail there as a 5xx, and the registry is unchanged.
 */
class HostileNumbersIT {
  private static final String CORE = "https://github.com/xregistry/spec/blob/main/core/spec.md#";
  private static final String HTTP = "https://github.com/xregistry/spec/blob/main/core/http.md#";
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\","
      + "\"attributes\":{\"size\":{\"type\":\"uinteger\"},\"delta\":{\"type\":\"integer\"}},"
      + "\"resources\":{\"files\":{\"singular\":\"file\",\"maxversions\":3}}}}}";
  private static final List<String> READS = List.of("/modelsource", "/model",
      "/?inline=*", "/dirs/d1/files/f1$details?inline=meta,versions");

  private static XregServer server;

  @BeforeAll
  static void registryWithContent() throws Exception {
    server = XregServer.fresh();
    server.start();
    assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
    assertThat(server.send("PUT", "/dirs/d1", "{\"name\":\"one\",\"size\":1}").statusCode()).isEqualTo(201);
    assertThat(server.send("PUT", "/dirs/d1/files/f1/versions/v1", "document one", Map.of("Content-Type",
        "text/plain")).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void maxversionsBeyond64BitsIsAModelErrorNotTwo_ISSUE13_item2() throws Exception {
    String model = MODEL.replace("\"maxversions\":3", "\"maxversions\":18446744073709551618");
    JsonNode p = rejected("PUT", "/modelsource", model, 400, CORE + "model_error");
    assertThat(p.path("detail").asText()).contains("maxversions").contains("0..9223372036854775807");
    assertThat(server.json("/model").at("/groups/dirs/resources/files/maxversions").asLong()).isEqualTo(3);
  }

  @Test
  void anEpochBeyond64BitsDoesNotWrapOntoTheCurrentOne_ISSUE13_item2() throws Exception {
    // the current epoch plus 2^64: a value that wraps onto the current one in a long
    String wrapped = server.json("/dirs/d1").path("epoch").bigIntegerValue().add(BigInteger.TWO.pow(64)).toString();
    JsonNode p = rejected("PUT", "/dirs/d1", "{\"epoch\":" + wrapped + ",\"name\":\"stale\"}", 400,
        CORE + "invalid_attribute");
    assertThat(p.path("args").path("name").asText()).isEqualTo("epoch");
    rejected("DELETE", "/dirs/d1?epoch=" + wrapped, null, 400, CORE + "bad_request");
    String fileEpoch = server.json("/dirs/d1/files/f1$details").path("epoch").bigIntegerValue().add(BigInteger.TWO.pow(64))
        .toString();
    JsonNode h = rejected("PUT", "/dirs/d1/files/f1", "stale document",
        Map.of("Content-Type", "text/plain", "xRegistry-epoch", fileEpoch), 400, HTTP + "header_error");
    assertThat(h.path("detail").asText()).contains("0..9223372036854775807");
  }

  @Test
  void integerExtensionsAreRangeChecked_ISSUE13_item2() throws Exception {
    JsonNode p = rejected("PATCH", "/dirs/d1", "{\"size\":-18446744073709551615}", 400, CORE + "invalid_attribute");
    assertThat(p.path("args").path("name").asText()).isEqualTo("size");
    assertThat(p.path("detail").asText()).contains("uinteger").contains("0..9223372036854775807");
    rejected("PATCH", "/dirs/d1", "{\"delta\":9223372036854775808}", 400, CORE + "invalid_attribute");
    rejected("PATCH", "/dirs/d1", "{\"delta\":1e2}", 400, CORE + "invalid_attribute");
  }

  @Test
  void theExtremesOfEachTypeAreStoredExactly_ISSUE13_item2() throws Exception {
    server.ok("PUT", "/dirs/d7", "{\"size\":9223372036854775807,\"delta\":-9223372036854775808}");
    JsonNode d7 = server.json("/dirs/d7");
    assertThat(d7.path("size").bigIntegerValue()).hasToString("9223372036854775807");
    assertThat(d7.path("delta").bigIntegerValue()).hasToString("-9223372036854775808");
    server.ok("DELETE", "/dirs/d7", null);
  }

  @Test
  void stringsThatCannotBeStoredAreRefusedByName_ISSUE13_item2_item4() throws Exception {
    JsonNode p = rejected("PATCH", "/dirs/d1", "{\"name\":\"a\\ud800b\"}", 400, CORE + "invalid_attribute");
    assertThat(p.path("args").path("name").asText()).isEqualTo("name");
    p = rejected("PATCH", "/dirs/d1", "{\"labels\":{\"k\":\"a\\u0000b\"}}", 400, CORE + "invalid_attribute");
    assertThat(p.path("args").path("name").asText()).isEqualTo("labels.k");
    p = rejected("PUT", "/dirs/d1/files/f1", "new document",
        Map.of("Content-Type", "text/plain", "xRegistry-labels.k", "a%00b"), 400, HTTP + "header_error");
    assertThat(p.path("args").path("name").asText()).isEqualToIgnoringCase("xRegistry-labels.k");
  }

  @Test
  void overlongUtf8IsNeverASlash_ISSUE13_item7() throws Exception {
    Map<String, String> before = readAll();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(HexFormat.of().parseHex("c0af"));
    body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = server.sendBytes("PATCH", "/dirs/d1", body.toByteArray(),
        Map.of("Content-Type", "application/json"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).isEqualTo(CORE + "parsing_data");
    assertThat(p.path("detail").asText()).contains("UTF-8");
    assertThat(readAll()).isEqualTo(before);

    JsonNode path = rejected("PUT", "/dirs/a%C0%AFb", "{}", 400, CORE + "bad_request");
    assertThat(path.path("detail").asText()).contains("UTF-8");
  }

  @Test
  void parseErrorsNameNoJavaClasses_ISSUE13_item7() throws Exception {
    for (String body : new String[] {"{\"a\":1,\"a\":2}", "{\"name\":NaN}", "{\"name\":\"x\"} {}", "{\"name\" 1}"}) {
      JsonNode p = rejected("PATCH", "/dirs/d1", body, 400, CORE + "parsing_data");
      assertThat(p.path("detail").asText()).as(body).contains("line 1")
          .doesNotContain("`").doesNotContain("jackson").doesNotContain("Feature").doesNotContain("ObjectNode");
    }
  }

  // ---- helpers ----

  private static JsonNode rejected(String method, String path, String body, int status, String type) throws Exception {
    return rejected(method, path, body, body == null ? Map.of() : Map.of("Content-Type", "application/json"),
        status, type);
  }

  /** Sends the request, asserts the problem type and that every read of the registry is unchanged. */
  private static JsonNode rejected(String method, String path, String body, Map<String, String> headers,
      int status, String type) throws Exception {
    Map<String, String> before = readAll();
    HttpResponse<String> resp = server.send(method, path, body, headers);
    assertThat(resp.statusCode()).as(resp.body()).isEqualTo(status);
    JsonNode p = XregServer.JSON.readTree(resp.body());
    assertThat(p.path("type").asText()).as(resp.body()).isEqualTo(type);
    assertThat(readAll()).as("registry after rejected %s %s", method, path).isEqualTo(before);
    return p;
  }

  private static Map<String, String> readAll() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String path : READS) {
      HttpResponse<String> r = server.get(path);
      out.put(path, r.statusCode() + " " + r.body());
    }
    return out;
  }
}
