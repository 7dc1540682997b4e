package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 1, end to end on a small heap: the Avro lineage that used to grow
 * exponentially (each record referencing the next twice; depth 24 ran the JVM out of heap and
 * stalled every request) is answered with its one break, nothing is stored, other requests
 * are answered meanwhile, and the server stays ready.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileSchemasIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema").jvmArg("-Xmx256m");

  private static final String S = "/schemagroups/bombs/schemas/b1";

  @Test
  void anExponentialAvroLineageIsAnsweredOnABoundedHeap() throws Exception {
    HttpResponse<String> v1 = server.send("PUT", S + "$details", version(records(24, "int")).replaceFirst("\\{",
        "{\"meta\":{\"compatibility\":\"backward\"},"));
    assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);

    CompletableFuture<HttpResponse<String>> bomb = CompletableFuture.supplyAsync(() -> {
      try {
        return server.send("POST", S + "$details", version(records(24, "boolean")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // an unrelated read is answered while the check runs (it is not on an event loop)
    assertThat(server.get("/capabilities").statusCode()).isEqualTo(200);

    HttpResponse<String> refused = bomb.get(120, TimeUnit.SECONDS);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(refused.body());
    assertThat(p.path("type").asText()).endsWith("compatibility_violation");
    assertThat(p.path("detail").asText().length()).as("the one break, not 2^24 copies").isLessThan(4_000);
    assertThat(server.json(S + "$details").path("versionscount").asInt()).as("nothing stored").isEqualTo(1);
    assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    assertThat(server.log()).doesNotContain("OutOfMemoryError").doesNotContain("BlockedThreadChecker");
  }

  private static String version(String schema) {
    return "{\"format\":\"Avro/1.11\",\"schema\":" + schema + "}";
  }

  /** Records R0..R{depth}, each with two fields of the next record's type; the leaf field has {@code leafType}. */
  private static String records(int depth, String leafType) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("{\"type\":\"record\",\"name\":\"R").append(i).append("\",\"fields\":[{\"name\":\"a\",\"type\":");
    }
    sb.append("{\"type\":\"record\",\"name\":\"R").append(depth).append("\",\"fields\":[{\"name\":\"x\",\"type\":\"")
        .append(leafType).append("\"}]}");
    for (int i = depth - 1; i >= 0; i--) {
      sb.append("},{\"name\":\"b\",\"type\":\"R").append(i + 1).append("\"}]}");
    }
    return sb.toString();
  }
}
