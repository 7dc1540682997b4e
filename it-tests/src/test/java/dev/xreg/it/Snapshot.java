package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a set of URLs returns (status and body), to prove that a failed request changed
 * nothing (CORE-GEN-001). Include {@code /} to cover the Registry's epoch and counts.
 */
final class Snapshot {
  private final XregServer server;
  private final Map<String, String> seen = new LinkedHashMap<>();

  private Snapshot(XregServer server) {
    this.server = server;
  }

  static Snapshot of(XregServer server, String... paths) throws Exception {
    Snapshot s = new Snapshot(server);
    for (String p : paths) {
      s.seen.put(p, s.read(p));
    }
    return s;
  }

  void assertUnchanged() throws Exception {
    for (Map.Entry<String, String> e : seen.entrySet()) {
      assertThat(read(e.getKey())).as("GET %s after the failed request", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private String read(String path) throws Exception {
    HttpResponse<String> r = server.get(path);
    return r.statusCode() + " " + r.body();
  }
}
