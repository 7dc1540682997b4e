package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the model as generic clients read and write it: {@code GET /model} names every
 * attribute definition at every depth (model.md {@code attributes.<NAME>.name}, REQUIRED), an
 * empty {@code plural} in a model write counts as an omitted one (what {@code xr model group
 * create} sends back), and the Registry's ID comes from {@code XREG_REGISTRY_ID}, fixed once the
 * registry exists.
 */
class ModelForClientsIT {

  @Test
  void theFullModelNamesEveryAttributeAndAnEmptyPluralIsTheKey_CORE_MOD_001() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      HttpResponse<String> put = server.send("PUT", "/modelsource", "{\"attributes\":{\"conf\":{\"type\":\"object\","
          + "\"attributes\":{\"mode\":{\"type\":\"string\",\"ifvalues\":{\"x\":{\"siblingattributes\":"
          + "{\"extra\":{\"type\":\"string\"}}}}},\"tags\":{\"type\":\"array\",\"item\":{\"type\":\"object\","
          + "\"attributes\":{\"k\":{\"type\":\"string\"}}}}}}},"
          + "\"groups\":{\"dirs\":{\"plural\":\"\",\"singular\":\"dir\",\"resources\":{\"files\":{\"plural\":\"\","
          + "\"singular\":\"file\"}}}}}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      JsonNode model = server.json("/model");
      assertThat(model.at("/groups/dirs/plural").asText()).isEqualTo("dirs");
      assertThat(model.at("/groups/dirs/resources/files/plural").asText()).isEqualTo("files");
      assertThat(model.at("/attributes/conf/attributes/mode/name").asText()).isEqualTo("mode");
      assertThat(model.at("/attributes/conf/attributes/mode/ifvalues/x/siblingattributes/extra/name").asText())
          .isEqualTo("extra");
      assertThat(model.at("/attributes/conf/attributes/tags/item/attributes/k/name").asText()).isEqualTo("k");
      assertEveryDefinitionNamed(model, "");
      assertThat(server.send("PUT", "/dirs/d1/files/f1", "x", Map.of("Content-Type", "text/plain")).statusCode())
          .isEqualTo(201);
      assertThat(server.json("/").path("registryid").asText()).isEqualTo("xreg"); // XREG_REGISTRY_ID's default
    }
  }

  /** Every map under an {@code attributes}-like key holds definitions whose {@code name} is their key. */
  private static void assertEveryDefinitionNamed(JsonNode node, String at) {
    node.fields().forEachRemaining(f -> {
      String key = f.getKey();
      boolean definitions = key.equals("attributes") || key.equals("resourceattributes")
          || key.equals("metaattributes") || key.equals("siblingattributes");
      if (definitions && f.getValue().isObject()) {
        f.getValue().fields().forEachRemaining(d -> assertThat(d.getValue().path("name").asText())
            .as(at + "/" + key + "/" + d.getKey()).isEqualTo(d.getKey()));
      }
      if (f.getValue().isContainerNode()) {
        assertEveryDefinitionNamed(f.getValue(), at + "/" + key);
      }
    });
  }

  @Test
  void theRegistryIdIsConfiguredAtFirstStartAndKeptAfterwards() throws Exception {
    try (XregServer server = XregServer.fresh().env("XREG_REGISTRY_ID", "team-registry")) {
      server.start();
      assertThat(server.json("/").path("registryid").asText()).isEqualTo("team-registry");
      server.stop();
      server.env("XREG_REGISTRY_ID", "renamed");
      server.start();
      // registryid is immutable (spec.md <SINGULAR>id): the stored one stays, the server says why
      assertThat(server.json("/").path("registryid").asText()).isEqualTo("team-registry");
      assertThat(server.log()).contains("event=registry_id_kept stored=team-registry configured=renamed");
    }
  }

  @Test
  void anInvalidRegistryIdStopsTheStart() throws Exception {
    try (XregServer server = XregServer.fresh().env("XREG_REGISTRY_ID", "not valid")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(server::start).hasMessageContaining("registryId");
    }
  }
}
