package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13's fuzz suite: hostile requests against a running server (loopback only) holding a
 * schema registry, first every input in {@code fuzz/regressions.txt} (inputs that once found a
 * bug), then seeded random ones, bounded in count and time. After every request: no 5xx except
 * a 503 with {@code Retry-After}, an answer within {@link #ANSWER_MS}; after every refused
 * write, and every {@link #EXPORT_EVERY} requests, an export identical to the one before it.
 *
 * <p>Replay a run with {@code -Dxreg.fuzz.seed=<seed printed by the failing run>}; change its
 * size with {@code -Dxreg.fuzz.count} and {@code -Dxreg.fuzz.seconds}.
 */
class FuzzIT {
  private static final long ANSWER_MS = 15_000;
  private static final int EXPORT_EVERY = 20;
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String AVRO = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema");

  private final List<String> findings = new ArrayList<>();
  /** How often each status came back: a run that only ever sees 404s tests little. */
  private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
  private String exportHash;

  @Test
  void hostileInputsNeverBreakTheServerOrChangeItWhenRefused() throws Exception {
    long seed = Long.getLong("xreg.fuzz.seed", System.nanoTime());
    int count = Integer.getInteger("xreg.fuzz.count", 3000);
    long deadline = System.nanoTime() + Long.getLong("xreg.fuzz.seconds", 60L) * 1_000_000_000L;
    System.out.println("FuzzIT seed=" + seed + " (replay with -Dxreg.fuzz.seed=" + seed + ")");
    seedRegistry();
    exportHash = exportHash();

    int replayed = 0;
    for (FuzzInputs.Request r : regressions()) {
      check("regression " + replayed++, r);
    }
    FuzzInputs inputs = new FuzzInputs(seed);
    int sent = 0;
    while (sent < count && System.nanoTime() < deadline && findings.size() < 20) {
      check("seed " + seed + " #" + sent, inputs.next());
      if (++sent % EXPORT_EVERY == 0) {
        compareExport("after request #" + sent);
      }
    }
    System.out.println("FuzzIT sent " + replayed + " regressions and " + sent + " generated requests; statuses "
        + statuses);
    if (server.log().contains("event=server_error") || server.log().contains("Unhandled exception")) {
      findings.add("the server logged an unexpected failure");
    }
    assertThat(statuses.keySet()).as("the inputs reach past the first checks").contains(200, 400, 404);
    assertThat(findings).as("seed " + seed + "; the server log:\n" + tail(server.log())).isEmpty();
    assertThat(server.get("/ready").statusCode()).isEqualTo(200);
  }

  private static void seedRegistry() throws Exception {
    server.ok("PUT", "/schemagroups/g1", "{\"name\":\"one\",\"labels\":{\"k\":\"v\"}}");
    var r = server.send("PUT", "/schemagroups/g1/schemas/s1/versions/1", AVRO,
        Map.of("Content-Type", "application/json", "xRegistry-format", "Avro/1.11"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private void check(String label, FuzzInputs.Request r) throws Exception {
    RawHttp.Answer a;
    try {
      a = send(r);
    } catch (IOException e) {
      findings.add(label + ": " + e + " for " + r.describe());
      return;
    }
    statuses.merge(a.status(), 1, Integer::sum);
    if (a.status() < 0) {
      findings.add(label + ": no answer within " + ANSWER_MS + " ms for " + r.describe());
      return;
    }
    if (a.status() >= 500 && !(a.status() == 503 && a.header("Retry-After") != null)) {
      findings.add(label + ": " + a.status() + " " + a.body() + " for " + r.describe());
      return;
    }
    boolean write = !READS.contains(r.method());
    if (write && a.status() < 400) {
      exportHash = null; // a successful write: the next comparison takes a new baseline
    } else if (write) {
      compareExport(label + " refused with " + a.status() + " (" + r.describe() + ")");
    }
  }

  private void compareExport(String when) throws Exception {
    String now = exportHash();
    if (exportHash != null && !exportHash.equals(now)) {
      findings.add("the export changed " + when);
    }
    exportHash = now;
  }

  private static String exportHash() throws Exception {
    var r = server.sendBytes("GET", "/export", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
  }

  private static RawHttp.Answer send(FuzzInputs.Request r) throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.target())
        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
    wire.write(head.toString().getBytes(StandardCharsets.UTF_8));
    wire.write(r.body());
    return RawHttp.exchange(server.port(), wire.toByteArray(), ANSWER_MS);
  }

  /** The corpus: one JSON object a line ({@code why, method, target, headers, body}); '#' starts a comment. */
  static List<FuzzInputs.Request> regressions() throws IOException {
    List<FuzzInputs.Request> out = new ArrayList<>();
    try (InputStream in = FuzzIT.class.getResourceAsStream("/fuzz/regressions.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        JsonNode n = XregServer.JSON.readTree(line);
        Map<String, String> headers = new LinkedHashMap<>();
        n.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        out.add(new FuzzInputs.Request(n.path("method").asText(), n.path("target").asText(), headers,
            n.path("body").asText("").getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static String tail(String log) {
    return log.length() > 8_000 ? log.substring(log.length() - 8_000) : log;
  }
}
