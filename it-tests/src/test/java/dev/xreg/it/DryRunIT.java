package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ?dryrun} (an xreg extension flag, listed in {@code capabilities.flags}): a write runs
 * every rule and renders its reply, then rolls back. Schema pipelines use it to ask whether a
 * new Version would be accepted (issue 21, {@code xreg schema check}).
 */
class DryRunIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "schema");

  private static final String GROUP = "/schemagroups/g1/schemas/s1";
  private static final String V1 = "{\"format\":\"Avro/1.11\",\"meta\":{\"compatibility\":\"backward\"},"
      + "\"schema\":{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}}";

  @Test
  void aDryRunAnswersLikeTheWriteAndChangesNothing() throws Exception {
    assertThat(server.send("PUT", GROUP + "$details", V1).statusCode()).isEqualTo(201);
    JsonNode before = server.json("/export");

    String compatible = "{\"format\":\"Avro/1.11\",\"schema\":{\"type\":\"record\",\"name\":\"R\",\"fields\":["
        + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}}";
    HttpResponse<String> dry = server.send("POST", GROUP + "$details?dryrun", compatible);
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(201);
    assertThat(XregServer.JSON.readTree(dry.body()).path("versionid").asText()).isNotEmpty();
    assertThat(server.json("/export")).as("nothing stored, no epoch moved").isEqualTo(before);

    String breaking = "{\"format\":\"Avro/1.11\",\"schema\":{\"type\":\"record\",\"name\":\"R\",\"fields\":["
        + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"z\",\"type\":\"int\"}]}}";
    HttpResponse<String> refused = server.send("POST", GROUP + "$details?dryrun", breaking);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(XregServer.JSON.readTree(refused.body()).path("type").asText()).endsWith("compatibility_violation");
    assertThat(server.json("/export")).isEqualTo(before);

    assertThat(server.send("DELETE", GROUP + "?dryrun", null).statusCode()).isEqualTo(204);
    assertThat(server.get(GROUP + "$details").statusCode()).as("a dry-run delete deletes nothing").isEqualTo(200);
  }

  @Test
  void theFlagIsOfferedAndIgnoredWhenSwitchedOff() throws Exception {
    JsonNode flags = server.json("/capabilities").path("flags");
    assertThat(flags.toString()).contains("\"dryrun\"");
    assertThat(server.send("PATCH", "/capabilities", "{\"flags\":[\"inline\"]}").statusCode()).isEqualTo(200);
    try {
      HttpResponse<String> r = server.send("PUT", "/schemagroups/g2?dryrun", "{}", Map.of("Content-Type",
          "application/json"));
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(server.get("/schemagroups/g2").statusCode()).as("switched off: a real write").isEqualTo(200);
    } finally {
      server.send("PATCH", "/capabilities", "{\"flags\":" + flags + "}");
    }
  }
}
