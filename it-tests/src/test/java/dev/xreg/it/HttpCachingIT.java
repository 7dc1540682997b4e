package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, HTTP caching (RFC 9110 8.8.3, 12.5.5, 13; RFC 9111 5.2): what a caching client sees.
 * Bodies vary by {@code Accept-Encoding} (gzip) and metadata by {@code Accept} (JSON, YAML);
 * each representation has its own strong ETag, revalidation of the same representation gives
 * 304 whatever the tag's form, writes check {@code If-Match} against the entity's state, and
 * reads are stored only to be revalidated.
 */
class HttpCachingIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withoutFeedTail().withModel(MODEL); // it counts hits

  @Test
  void gzipAndIdentityBodiesHaveTheirOwnStrongTagsAndBothVary() throws Exception {
    String g = server.uniquePath("/dirs/c");
    HttpResponse<String> put = server.send("PUT", g, "{\"name\":\"" + "cached ".repeat(40) + "\"}");
    assertThat(put.statusCode()).isEqualTo(201);
    String entityTag = put.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> identity = server.sendBytes("GET", g, null, Map.of());
    HttpResponse<byte[]> gzip = server.sendBytes("GET", g, null, GZIP);
    assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(gzip.body())).isEqualTo(identity.body());

    String identityTag = identity.headers().firstValue("ETag").orElseThrow();
    String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
    assertThat(identityTag).isEqualTo(entityTag).doesNotStartWith("W/");
    assertThat(gzipTag).isNotEqualTo(identityTag).doesNotStartWith("W/");
    for (HttpResponse<byte[]> r : List.of(identity, gzip)) {
      assertThat(vary(r)).contains("accept-encoding", "accept");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }
  }

  @Test
  void ifNoneMatchRevalidatesTheSameRepresentationOnly() throws Exception {
    String g = server.uniquePath("/dirs/c");
    server.ok("PUT", g, "{\"name\":\"x\"}");
    String identityTag = server.sendBytes("GET", g, null, Map.of()).headers().firstValue("ETag").orElseThrow();
    String gzipTag = server.sendBytes("GET", g, null, GZIP).headers().firstValue("ETag").orElseThrow();

    // the same representation, strong or weak form: 304 with the validator and caching headers again
    HttpResponse<byte[]> notModified = get(g, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzipTag));
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(gzipTag);
    assertThat(vary(notModified)).contains("accept-encoding");
    assertThat(notModified.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(get(g, Map.of("Accept-Encoding", "gzip", "If-None-Match", "W/" + gzipTag)).statusCode()).isEqualTo(304);
    assertThat(get(g, Map.of("If-None-Match", identityTag)).statusCode()).isEqualTo(304);
    assertThat(get(g, Map.of("If-None-Match", "W/" + identityTag)).statusCode()).isEqualTo(304);

    // a stored copy of the other coding is not this representation: full answer
    HttpResponse<byte[]> otherCoding = get(g, Map.of("If-None-Match", gzipTag));
    assertThat(otherCoding.statusCode()).isEqualTo(200);
    assertThat(otherCoding.headers().firstValue("ETag")).hasValue(identityTag);
    assertThat(get(g, Map.of("Accept-Encoding", "gzip", "If-None-Match", identityTag)).statusCode()).isEqualTo(200);

    // after a change neither old tag revalidates
    server.ok("PATCH", g, "{\"description\":\"changed\"}");
    assertThat(get(g, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzipTag)).statusCode()).isEqualTo(200);
    assertThat(get(g, Map.of("If-None-Match", identityTag)).statusCode()).isEqualTo(200);
  }

  @Test
  void jsonAndYamlAreSeparateRepresentations() throws Exception {
    String g = server.uniquePath("/dirs/c");
    server.ok("PUT", g, "{\"name\":\"y\"}");
    HttpResponse<byte[]> json = server.sendBytes("GET", g, null, Map.of());
    HttpResponse<byte[]> yaml = get(g, Map.of("Accept", "application/yaml"));
    assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
    String jsonTag = json.headers().firstValue("ETag").orElseThrow();
    String yamlTag = yaml.headers().firstValue("ETag").orElseThrow();
    assertThat(yamlTag).isNotEqualTo(jsonTag);
    assertThat(vary(yaml)).contains("accept");
    assertThat(get(g, Map.of("Accept", "application/yaml", "If-None-Match", yamlTag)).statusCode()).isEqualTo(304);
    assertThat(get(g, Map.of("Accept", "application/yaml", "If-None-Match", jsonTag)).statusCode()).isEqualTo(200);
  }

  @Test
  void writesCheckIfMatchAgainstTheEntityWhicheverRepresentationTheTagCameFrom()
      throws Exception {
    String g = server.uniquePath("/dirs/c");
    server.ok("PUT", g, "{\"name\":\"w\"}");
    String gzipTag = server.sendBytes("GET", g, null, GZIP).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = server.send("PATCH", g, "{\"description\":\"1\"}",
        Map.of("Content-Type", "application/json", "If-Match", gzipTag));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    String entityTag = patched.headers().firstValue("ETag").orElseThrow();
    // the tag seen before the PATCH is stale now, in either form
    assertThat(server.send("PATCH", g, "{\"description\":\"2\"}",
        Map.of("Content-Type", "application/json", "If-Match", gzipTag)).statusCode()).isEqualTo(412);
    assertThat(server.send("PATCH", g, "{\"description\":\"2\"}",
        Map.of("Content-Type", "application/json", "If-Match", entityTag)).statusCode()).isEqualTo(200);
  }

  @Test
  void aDocumentVariesByCodingOnlyAndItsTagsStillDiffer() throws Exception {
    String f = server.uniquePath("/dirs/c") + "/files/f";
    assertThat(server.send("PUT", f, "document ".repeat(50), Map.of("Content-Type", "text/plain")).statusCode())
        .isEqualTo(201);
    HttpResponse<byte[]> identity = server.sendBytes("GET", f, null, Map.of());
    HttpResponse<byte[]> gzip = server.sendBytes("GET", f, null, GZIP);
    // the document's bytes do not depend on Accept
    assertThat(vary(gzip)).contains("accept-encoding").doesNotContain("accept");
    assertThat(gzip.headers().firstValue("ETag")).isNotEqualTo(identity.headers().firstValue("ETag"));
    assertThat(gunzip(gzip.body())).isEqualTo(identity.body());
    assertThat(get(f, Map.of("Accept-Encoding", "gzip", "If-None-Match",
        gzip.headers().firstValue("ETag").orElseThrow())).statusCode()).isEqualTo(304);
  }

  /**
   * Issue 15: the read cache keeps a gzip or deflate body coded, so its hits compress nothing;
   * every client still gets the same bytes on a miss and on the hits after it, once coded, and
   * a HEAD the identity length.
   */
  @Test
  void cachedAnswersComeCodedOnceForEachCodingAndPlainForIdentity() throws Exception {
    String g = server.uniquePath("/dirs/z");
    assertThat(server.send("PUT", g, "{\"name\":\"" + "coded ".repeat(60) + "\"}").statusCode()).isEqualTo(201);
    String f = g + "/files/f1";
    assertThat(server.send("PUT", f, "document ".repeat(60), Map.of("Content-Type", "text/plain")).statusCode())
        .isEqualTo(201);
    double hitsBefore = hits();
    for (String path : List.of(g, f)) {
      byte[] plain = null;
      for (String coding : List.of("identity", "gzip", "deflate")) {
        byte[] first = null;
        for (int i = 0; i < 3; i++) { // the first may be a miss, the others are hits
          HttpResponse<byte[]> r = get(path, Map.of("Accept-Encoding", coding));
          assertThat(r.statusCode()).isEqualTo(200);
          List<String> encodings = r.headers().allValues("Content-Encoding");
          byte[] decoded = switch (coding) {
            case "gzip" -> gunzip(r.body());
            case "deflate" -> new java.util.zip.InflaterInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
            default -> r.body();
          };
          assertThat(encodings).as(path + " " + coding).isEqualTo(coding.equals("identity") ? List.of() : List.of(coding));
          assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(r.body().length));
          if (plain == null) {
            plain = decoded;
          }
          assertThat(decoded).as(path + " " + coding).isEqualTo(plain);
          if (first == null) {
            first = r.body();
          }
          assertThat(r.body()).as("the same bytes from the cache").isEqualTo(first);
        }
      }
      HttpResponse<byte[]> head = server.sendBytes("HEAD", path, null, GZIP);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(plain.length));
    }
    assertThat(hits()).isGreaterThanOrEqualTo(hitsBefore + 12);
  }

  private static double hits() throws Exception {
    return PrometheusScrape.parse(server.get("/metrics").body()).value("xreg_cache_hits_total", Map.of()).orElse(0.0);
  }

  private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
    return server.sendBytes("GET", path, null, new LinkedHashMap<>(headers));
  }

  /** The Vary header's field names, lowercased, over all its lines. */
  private static List<String> vary(HttpResponse<?> r) {
    return r.headers().allValues("Vary").stream().flatMap(v -> List.of(v.split(",")).stream())
        .map(s -> s.trim().toLowerCase()).toList();
  }

  private static byte[] gunzip(byte[] gz) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
