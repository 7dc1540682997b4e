package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CloudEvents Registry files (CE-004, CE-005): a registry document is read and written as
 * JSON or YAML, by the media types {@code application/cloudevents-registry+json} and
 * {@code +yaml} (and plain {@code application/yaml}).
 */
class CloudEventsRegistryFilesIT {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String CEREG_YAML = "application/cloudevents-registry+yaml";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "cloudevents");

  private static JsonNode sample() throws Exception {
    try (InputStream in = CloudEventsRegistryFilesIT.class.getResourceAsStream("/scenarios/lightbulb-avro.xreg.json")) {
      return XregServer.JSON.readTree(in);
    }
  }

  @Test
  void aYamlDocumentImportsAndTheExportComesBackAsYaml_CE_004_CE_005() throws Exception {
    JsonNode input = sample();
    HttpResponse<String> imported = server.send("PUT", "/?ignore=epoch", YAML.writeValueAsString(input),
        Map.of("Content-Type", CEREG_YAML));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(server.json("/messagegroups").size()).isEqualTo(input.path("messagegroups").size());
    for (String group : names(input.path("messagegroups"))) {
      assertThat(server.json("/messagegroups/" + group + "/messages").size()).as(group)
          .isEqualTo(input.at("/messagegroups/" + group + "/messages").size());
    }

    JsonNode json = server.json("/export");
    HttpResponse<String> yaml = server.send("GET", "/export", null, Map.of("Accept", CEREG_YAML));
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type")).hasValue(CEREG_YAML);
    assertThat(yaml.body()).startsWith("---");
    assertThat(YAML.readTree(yaml.body())).as("the same document, in YAML").isEqualTo(json);

    HttpResponse<String> plainYaml = server.send("GET", "/messagegroups", null, Map.of("Accept", "application/yaml"));
    assertThat(plainYaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(YAML.readTree(plainYaml.body())).isEqualTo(server.json("/messagegroups"));
  }

  @Test
  void theJsonMediaTypeIsAnsweredInKindAndJsonWinsByQuality_CE_005() throws Exception {
    HttpResponse<String> cereg = server.send("GET", "/", null,
        Map.of("Accept", "application/cloudevents-registry+json"));
    assertThat(cereg.headers().firstValue("Content-Type")).hasValue("application/cloudevents-registry+json");
    assertThat(XregServer.JSON.readTree(cereg.body()).path("registryid").isTextual()).isTrue();

    HttpResponse<String> preferJson = server.send("GET", "/", null,
        Map.of("Accept", "application/yaml;q=0.5, application/json"));
    assertThat(preferJson.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  @Test
  void malformedYamlIsParsingDataAndChangesNothing_CE_005() throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/messagegroups");
    HttpResponse<String> bad = server.send("PATCH", "/", "description: [unclosed", Map.of("Content-Type", CEREG_YAML));
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(bad.body());
    assertThat(p.path("type").asText()).endsWith("#parsing_data");
    assertThat(p.path("title").asText()).startsWith("There was an error parsing the data: ");
    assertThat(bad.headers().firstValue("Content-Type")).as("problems stay JSON")
        .hasValue("application/json; charset=utf-8");
    before.assertUnchanged();
  }

  private static List<String> names(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
