package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Registry entity's special attributes written through {@code PUT /}, capability
 * semantics, and what write responses inline (CORE-REG-007, CORE-REG-008, CORE-CAP-004,
 * CORE-CAP-010, CORE-CAP-015, CORE-INL-007). The class owns its server: these tests change
 * the capabilities and the model of the whole Registry.
 */
class RegistryEntityIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @Test
  void capabilitiesAbsentKeepNullResetsPatchReplacesOnlyWhatIsListed_CORE_REG_007() throws Exception {
    JsonNode defaults = server.json("/capabilities");
    server.ok("PATCH", "/capabilities", "{\"flags\":[\"inline\"]}");
    JsonNode patched = server.json("/capabilities");
    assertThat(patched.path("flags").toString()).isEqualTo("[\"inline\"]");
    assertThat(patched.path("formats")).as("a PATCH leaves unlisted capabilities").isEqualTo(defaults.path("formats"));

    server.ok("PUT", "/", "{\"description\":\"no capabilities key\"}");
    assertThat(server.json("/capabilities")).as("absent: unchanged").isEqualTo(patched);

    server.ok("PUT", "/", "{\"capabilities\":null}");
    assertThat(server.json("/capabilities")).as("null: the defaults").isEqualTo(defaults);
  }

  @Test
  void modelsourceAbsentKeepsNullOrEmptyMeansSpecOnly_CORE_REG_008() throws Exception {
    server.send("DELETE", "/dirs", null); // a model without Group types needs no Groups left
    server.ok("PUT", "/", "{\"description\":\"no modelsource key\"}");
    assertThat(server.json("/modelsource")).isEqualTo(XregServer.JSON.readTree(MODEL));
    try {
      for (String empty : new String[] {"{}", "null"}) {
        server.ok("PUT", "/", "{\"modelsource\":" + empty + "}");
        assertThat(server.json("/model").has("groups")).as(empty + ": no Group types left").isFalse();
        server.ok("PUT", "/modelsource", MODEL);
      }
    } finally {
      server.ok("PUT", "/modelsource", MODEL);
    }
  }

  @Test
  void everyAvailableDatumHasItsOwnApiAndTheSameValueInline_CORE_CAP_004() throws Exception {
    JsonNode available = server.json("/capabilities").path("available");
    assertThat(available.has("model") && available.has("modelsource") && available.has("capabilities")).isTrue();
    JsonNode inlined = server.json("/?inline=model,modelsource,capabilities");
    assertThat(inlined.path("model")).isEqualTo(server.json("/model"));
    assertThat(inlined.path("modelsource")).isEqualTo(server.json("/modelsource"));
    assertThat(inlined.path("capabilities")).isEqualTo(server.json("/capabilities"));
    for (String api : new String[] {"/capabilitiesoffered", "/export"}) {
      assertThat(server.get(api).statusCode()).as(api).isEqualTo(200);
    }
  }

  @Test
  void capabilityArrayValuesCompareIgnoringCase_CORE_CAP_010() throws Exception {
    try {
      server.ok("PATCH", "/capabilities", "{\"flags\":[\"INLINE\",\"Filter\"]}");
      assertThat(server.json("/capabilities").path("flags").toString()).isEqualTo("[\"filter\",\"inline\"]");
      assertThat(server.json("/?inline=model").has("model")).as("INLINE enabled the inline flag").isTrue();
    } finally {
      server.ok("PUT", "/", "{\"capabilities\":null}");
    }
  }

  @Test
  void aCapabilityChangeTakesEffectAfterTheRequestButShowsInItsResponse_CORE_CAP_015() throws Exception {
    try {
      JsonNode response = server.ok("PUT", "/?inline=capabilities", "{\"capabilities\":{\"flags\":[\"doc\"]}}");
      assertThat(response.has("capabilities")).as("inline was still on during this request").isTrue();
      assertThat(response.at("/capabilities/flags").toString()).as("the new value shows").isEqualTo("[\"doc\"]");
      assertThat(server.json("/?inline=capabilities").has("capabilities")).as("then inline is off").isFalse();
    } finally {
      server.ok("PUT", "/", "{\"capabilities\":null}");
    }
  }

  @Test
  void writeResponsesInlineOnlyWhatIsAskedFor_CORE_INL_007() throws Exception {
    JsonNode plain = server.ok("PUT", "/dirs/inl", "{}");
    assertThat(plain.has("files")).isFalse();
    assertThat(plain.has("filesurl")).isTrue();
    JsonNode inlined = server.ok("PUT", "/dirs/inl?inline=files", "{\"files\":{\"f\":{}}}");
    assertThat(inlined.at("/files/f/fileid").asText()).isEqualTo("f");

    JsonNode resource = server.ok("PATCH", "/dirs/inl/files/f$details", "{\"description\":\"d\"}");
    assertThat(resource.has("versions") || resource.has("meta")).isFalse();
    JsonNode withVersions = server.ok("PATCH", "/dirs/inl/files/f$details?inline=versions,meta",
        "{\"description\":\"e\"}");
    assertThat(withVersions.at("/versions/1/description").asText()).isEqualTo("e");
    assertThat(withVersions.at("/meta/fileid").asText()).isEqualTo("f");
  }
}
