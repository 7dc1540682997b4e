package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrersTest {
  static final String SBOM = "application/vnd.example.sbom.v1";
  static final String SIGNATURE = "application/vnd.example.signature.v1";
  static final Descriptor SBOM_REF = new Descriptor("application/vnd.oci.image.manifest.v1+json",
      "sha256:" + "a".repeat(64), 1234, SBOM, Map.of("org.example.sbom.format", "json"), List.of());
  static final Descriptor SIGNATURE_REF = new Descriptor("application/vnd.oci.image.manifest.v1+json",
      "sha256:" + "b".repeat(64), 99, SIGNATURE, Map.of(), List.of());
  static final Descriptor INDEX_REF = new Descriptor("application/vnd.oci.image.index.v1+json",
      "sha256:" + "c".repeat(64), 500, null, Map.of("org.opencontainers.image.created", "2023-01-01T07:21:33Z"), List.of());

  @Test
  void oci023_noReferrersIsAnEmptyIndex() {
    Referrers r = Referrers.of(List.of(), null);
    assertThat(r.filterApplied()).isFalse();
    assertThat(Json.write(r.index()))
        .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
  }

  @Test
  void oci023_eachReferrerCarriesItsArtifactTypeAndAnnotations() {
    JsonNode index = Referrers.of(List.of(SBOM_REF, INDEX_REF), null).index();
    JsonNode first = index.get("manifests").get(0);
    assertThat(first.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(first.get("digest").asText()).isEqualTo(SBOM_REF.digest());
    assertThat(first.get("size").asLong()).isEqualTo(1234);
    assertThat(first.get("artifactType").asText()).isEqualTo(SBOM);
    assertThat(first.get("annotations").get("org.example.sbom.format").asText()).isEqualTo("json");
    JsonNode second = index.get("manifests").get(1);
    assertThat(second.has("artifactType")).as("an index without artifactType omits it").isFalse();
    assertThat(second.get("annotations").size()).isEqualTo(1);
  }

  @Test
  void oci023_artifactTypeFilterKeepsMatchesAndIsReported() {
    Referrers r = Referrers.of(List.of(SBOM_REF, SIGNATURE_REF, INDEX_REF), SIGNATURE);
    assertThat(r.filterApplied()).isTrue();
    assertThat(r.index().get("manifests")).extracting(m -> m.get("digest").asText())
        .containsExactly(SIGNATURE_REF.digest());
    assertThat(Referrers.of(List.of(SBOM_REF), "application/none").index().get("manifests")).isEmpty();
  }

  @Test
  void oci023_emptyFilterIsNoFilter() {
    Referrers r = Referrers.of(List.of(SBOM_REF, SIGNATURE_REF), "");
    assertThat(r.filterApplied()).isFalse();
    assertThat(r.index().get("manifests")).hasSize(2);
  }

  @Test
  void oci023_aReferrerFoundTwiceIsListedOnce() {
    Referrers r = Referrers.of(List.of(SBOM_REF, SIGNATURE_REF, SBOM_REF), null);
    assertThat(r.index().get("manifests")).extracting(m -> m.get("digest").asText())
        .containsExactly(SBOM_REF.digest(), SIGNATURE_REF.digest());
  }

  @Test
  void oci023_bodyBytesAreTheIndexJson() {
    Referrers r = Referrers.of(List.of(SBOM_REF), null);
    JsonNode body = Json.parseTrusted(new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(body.get("mediaType").asText()).isEqualTo(Referrers.MEDIA_TYPE);
    assertThat(body.get("manifests").get(0).get("digest").asText()).isEqualTo(SBOM_REF.digest());
    assertThat(body.get("manifests").get(0).get("size").asLong()).isEqualTo(1234);
    assertThat(Referrers.MEDIA_TYPE).isEqualTo("application/vnd.oci.image.index.v1+json");
  }

  @Test
  void oci023_referrersIndexIsItselfAValidOciIndex() {
    Referrers r = Referrers.of(List.of(SBOM_REF, INDEX_REF), null);
    Manifest parsed = Manifest.parse(r.bytes(), Referrers.MEDIA_TYPE);
    assertThat(parsed.manifests()).containsExactly(SBOM_REF, INDEX_REF);
  }

  @Test
  void oci023_referrersTagSchemaIsAlgorithmDashTruncatedDigest() {
    assertThat(Referrers.tagSchema("sha256:" + "a".repeat(64)).value()).isEqualTo("sha256-" + "a".repeat(64));
    assertThat(Referrers.tagSchema("sha512:" + "b".repeat(128)).value()).isEqualTo("sha512-" + "b".repeat(64));
    assertThat(Referrers.tagSchema("multihash+base58:abc=").value()).isEqualTo("multihash-base58-abc-");
    assertThatThrownBy(() -> Referrers.tagSchema("sha256:short")).isInstanceOf(ReferenceInvalid.class);
  }
}
