package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String CONFIG = "sha256:" + "c".repeat(64);
  static final String LAYER1 = "sha256:" + "1".repeat(64);
  static final String LAYER2 = "sha512:" + "2".repeat(128);
  static final String SUBJECT = "sha256:" + "5".repeat(64);

  /** An OCI image manifest with one replaceable descriptor field of the first layer. */
  static String ociImage(String layerSizeJson) {
    return """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "%s", "size": 7023},
          "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "%s", "size": %s},
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "digest": "%s", "size": 16724}
          ],
          "annotations": {"org.opencontainers.image.created": "2024-01-01T00:00:00Z"}
        }
        """.formatted(CONFIG, LAYER1, layerSizeJson, LAYER2);
  }

  static Manifest parse(String json, String contentType) {
    return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  static void assertInvalid(String json, String contentType, String detailPart) {
    assertThatThrownBy(() -> parse(json, contentType)).isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining(detailPart);
  }

  @Test
  void oci018_ociImageManifestExposesItsBlobsAndAnnotations() {
    String json = ociImage("32654");
    Manifest m = parse(json, OCI_MANIFEST);
    assertThat(m.kind()).isEqualTo(ManifestKind.OCI_IMAGE_MANIFEST);
    assertThat(m.mediaType()).isEqualTo(OCI_MANIFEST);
    assertThat(m.size()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    assertThat(m.config()).contains(Descriptor.of("application/vnd.oci.image.config.v1+json", CONFIG, 7023));
    assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(LAYER1, LAYER2);
    assertThat(m.layers().get(0).size()).isEqualTo(32654);
    assertThat(m.blobs()).extracting(Descriptor::digest).containsExactly(CONFIG, LAYER1, LAYER2);
    assertThat(m.manifests()).isEmpty();
    assertThat(m.subject()).isEmpty();
    assertThat(m.annotations()).containsExactly(java.util.Map.entry("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));
  }

  @Test
  void oci018_contentTypeParametersAndCaseAreIgnored() {
    assertThat(parse(ociImage("1"), "Application/VND.OCI.image.manifest.v1+json; charset=utf-8").mediaType())
        .isEqualTo(OCI_MANIFEST);
  }

  @Test
  void oci018_mediaTypeFieldMayBeAbsentInOciManifests() {
    String json = ociImage("1").replace("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");
    assertThat(parse(json, OCI_MANIFEST).kind()).isEqualTo(ManifestKind.OCI_IMAGE_MANIFEST);
  }

  @Test
  void oci018_mediaTypeFieldMustEqualContentType() {
    assertInvalid(ociImage("1"), OCI_INDEX, "does not match the Content-Type");
    assertInvalid(ociImage("1"), DOCKER_MANIFEST, "does not match the Content-Type");
  }

  @Test
  void oci018_noContentTypeOrPlainJsonFallsBackToTheMediaTypeField() {
    assertThat(parse(ociImage("1"), null).kind()).isEqualTo(ManifestKind.OCI_IMAGE_MANIFEST);
    assertThat(parse(ociImage("1"), "application/json").kind()).isEqualTo(ManifestKind.OCI_IMAGE_MANIFEST);
    String unnamed = ociImage("1").replace("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");
    assertInvalid(unnamed, "application/json", "media type is unknown");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.docker.distribution.manifest.v1+prettyjws", "text/plain",
      "application/vnd.oci.artifact.manifest.v1+json"})
  void oci018_unsupportedContentTypesAreInvalid(String contentType) {
    assertInvalid(ociImage("1").replace(OCI_MANIFEST, contentType), contentType, "unsupported manifest media type");
  }

  @Test
  void oci018_dockerSchema2Manifest() {
    String json = """
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1470, "digest": "%s"},
           "layers": [
              {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 2811478, "digest": "%s"},
              {"mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "size": 1024, "digest": "%s",
               "urls": ["https://example.com/layer"]}
           ]
        }
        """.formatted(CONFIG, LAYER1, LAYER2);
    Manifest m = parse(json, DOCKER_MANIFEST);
    assertThat(m.kind()).isEqualTo(ManifestKind.DOCKER_MANIFEST);
    assertThat(m.kind().isOci()).isFalse();
    assertThat(m.blobs()).extracting(Descriptor::digest).containsExactly(CONFIG, LAYER1, LAYER2);
    assertThat(m.layers().get(1).urls()).containsExactly("https://example.com/layer");
    assertThat(m.artifactType()).contains("application/vnd.docker.container.image.v1+json");
  }

  @Test
  void oci018_dockerTypesRequireTheirMediaTypeField() {
    String json = """
        {"schemaVersion": 2,
         "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1, "digest": "%s"},
         "layers": []}
        """.formatted(CONFIG);
    assertInvalid(json, DOCKER_MANIFEST, "mediaType is required");
  }

  @Test
  void oci018_dockerManifestsHaveNoSubjectEvenIfTheyCarryOne() {
    String json = """
        {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
         "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1, "digest": "%s"},
         "layers": [],
         "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1, "digest": "%s"}}
        """.formatted(CONFIG, SUBJECT);
    assertThat(parse(json, DOCKER_MANIFEST).subject()).isEmpty();
  }

  @Test
  void oci018_ociIndexListsChildManifestsNotBlobs() {
    String json = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 7143, "digest": "%s",
             "platform": {"architecture": "ppc64le", "os": "linux"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 7682, "digest": "%s",
             "platform": {"architecture": "amd64", "os": "linux", "os.features": ["sse4"]}}
          ],
          "annotations": {"com.example.key1": "value1"}
        }
        """.formatted(LAYER1, LAYER2);
    Manifest m = parse(json, OCI_INDEX);
    assertThat(m.kind().isIndex()).isTrue();
    assertThat(m.manifests()).extracting(Descriptor::digest).containsExactly(LAYER1, LAYER2);
    assertThat(m.blobs()).isEmpty();
    assertThat(m.config()).isEmpty();
    assertThat(m.artifactType()).as("an index without artifactType has none (OCI-023)").isEmpty();
    assertThat(m.annotations()).containsEntry("com.example.key1", "value1");
  }

  @Test
  void oci018_emptyIndexIsValid() {
    assertThat(parse("{\"schemaVersion\":2,\"manifests\":[]}", OCI_INDEX).manifests()).isEmpty();
  }

  @Test
  void oci018_dockerManifestList() {
    String json = """
        {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
         "manifests": [{"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 7143,
                        "digest": "%s", "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}]}
        """.formatted(LAYER1);
    Manifest m = parse(json, DOCKER_LIST);
    assertThat(m.kind()).isEqualTo(ManifestKind.DOCKER_MANIFEST_LIST);
    assertThat(m.manifests()).extracting(Descriptor::digest).containsExactly(LAYER1);
  }

  @Test
  void oci018_platformMustNameArchitectureAndOs() {
    String json = """
        {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
          "size": 1, "digest": "%s", "platform": {"os": "linux"}}]}
        """.formatted(LAYER1);
    assertInvalid(json, OCI_INDEX, "manifests[0].platform.architecture is required");
  }

  @Test
  void oci018_imageAndIndexFieldsMustNotBeMixed() {
    String imageWithManifests = ociImage("1").replace("\"annotations\"", "\"manifests\": [], \"annotations\"");
    assertInvalid(imageWithManifests, OCI_MANIFEST, "must not have a manifests field");
    String indexWithLayers = "{\"schemaVersion\":2,\"manifests\":[],\"layers\":[]}";
    assertInvalid(indexWithLayers, OCI_INDEX, "must not have config or layers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"32654\"", "-1", "1.5", "1.0", "1e3", "99999999999999999999", "null", "true"})
  void oci018_sizeMustBeAnExactNonNegativeInteger(String size) {
    assertInvalid(ociImage(size), OCI_MANIFEST, "layers[0].size");
  }

  @Test
  void oci018_sizeUpToLongMaxIsAccepted() {
    assertThat(parse(ociImage(Long.toString(Long.MAX_VALUE)), OCI_MANIFEST).layers().get(0).size())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(parse(ociImage("0"), OCI_MANIFEST).layers().get(0).size()).isZero();
  }

  @Test
  void oci018_numberTooLongForTheParserIsInvalidNotACrash() {
    assertInvalid(ociImage("1".repeat(5000)), OCI_MANIFEST, "not valid JSON");
  }

  static List<String> badDigests() {
    return List.of("sha256:abc", "sha256:" + "C".repeat(64), "nocolon", "", "sha256:" + "c".repeat(63) + "!");
  }

  @ParameterizedTest
  @MethodSource("badDigests")
  void oci034_descriptorDigestsMustHaveTheDigestGrammar(String digest) {
    assertInvalid(ociImage("1").replace(LAYER1, digest), OCI_MANIFEST, "layers[0].digest");
  }

  @Test
  void oci018_descriptorFieldsAreRequiredAndTyped() {
    assertInvalid(ociImage("1").replace("\"digest\": \"" + CONFIG + "\",", ""), OCI_MANIFEST, "config.digest is required");
    assertInvalid(ociImage("1").replace("\"mediaType\": \"application/vnd.oci.image.layer.v1.tar+gzip\",", ""),
        OCI_MANIFEST, "layers[0].mediaType is required");
    assertInvalid(ociImage("1").replace("\"application/vnd.oci.image.layer.v1.tar+gzip\"", "42"),
        OCI_MANIFEST, "layers[0].mediaType must be a string");
    assertInvalid(ociImage("1").replace("application/vnd.oci.image.layer.v1.tar+gzip", "not a media type"),
        OCI_MANIFEST, "is not a media type");
  }

  @Test
  void oci018_configAndLayersAreRequiredInImageManifests() {
    assertInvalid("{\"schemaVersion\":2,\"layers\":[]}", OCI_MANIFEST, "config must be a descriptor");
    String noLayers = """
        {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2}}
        """.formatted(CONFIG);
    assertInvalid(noLayers, OCI_MANIFEST, "layers must be an array");
    assertInvalid("{\"schemaVersion\":2}", OCI_INDEX, "manifests must be an array");
    assertInvalid("{\"schemaVersion\":2,\"manifests\":[\"" + LAYER1 + "\"]}", OCI_INDEX, "manifests[0] must be a descriptor");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"2\"", "2.0", "3"})
  void oci018_schemaVersionMustBeTwo(String version) {
    assertInvalid(ociImage("1").replace("\"schemaVersion\": 2", "\"schemaVersion\": " + version), OCI_MANIFEST,
        "schemaVersion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "\"string\"", "{\"schemaVersion\":2,}", "{} {}", "{\"a\":1,\"a\":2}"})
  void oci018_notAJsonObjectIsInvalid(String body) {
    assertThatThrownBy(() -> parse(body, OCI_MANIFEST)).isInstanceOf(ManifestInvalid.class);
  }

  @Test
  void oci018_duplicateKeysAreRefusedSoNoTwoReadersDisagree() {
    String json = ociImage("1").replace("\"layers\"", "\"config\": {}, \"layers\"");
    assertInvalid(json, OCI_MANIFEST, "not valid JSON");
  }

  @Test
  void oci018_emptyBodyIsInvalid() {
    assertThatThrownBy(() -> Manifest.parse(new byte[0], OCI_MANIFEST)).isInstanceOf(ManifestInvalid.class);
    assertInvalid("   ", OCI_MANIFEST, "empty");
  }

  @Test
  void oci018_annotationsMustBeAStringMap() {
    assertInvalid(ociImage("1").replace("\"2024-01-01T00:00:00Z\"", "1"), OCI_MANIFEST,
        "annotations.org.opencontainers.image.created must be a string");
    assertInvalid(ociImage("1").replace("{\"org.opencontainers.image.created\": \"2024-01-01T00:00:00Z\"}", "[]"),
        OCI_MANIFEST, "annotations must be an object");
  }

  @Test
  void oci018_maximumSizeIsFourMiBAndLargerIsTooLarge() {
    assertThat(Manifest.MAX_BYTES).isEqualTo(4 * 1024 * 1024);
    byte[] base = ociImage("1").getBytes(StandardCharsets.UTF_8);
    // Pad with JSON whitespace: exactly MAX_BYTES parses, one more byte is refused.
    byte[] atLimit = Arrays.copyOf(base, Manifest.MAX_BYTES);
    Arrays.fill(atLimit, base.length, atLimit.length, (byte) ' ');
    assertThat(Manifest.parse(atLimit, OCI_MANIFEST).size()).isEqualTo(Manifest.MAX_BYTES);
    byte[] over = Arrays.copyOf(atLimit, Manifest.MAX_BYTES + 1);
    over[Manifest.MAX_BYTES] = ' ';
    assertThatThrownBy(() -> Manifest.parse(over, OCI_MANIFEST)).isInstanceOf(ManifestTooLarge.class);
  }

  @Test
  void oci019_subjectAndArtifactTypeOfAnArtifactManifest() {
    String json = """
        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
         "artifactType": "application/vnd.example.sbom.v1",
         "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "%s", "size": 2, "data": "e30="},
         "layers": [{"mediaType": "application/spdx+json", "digest": "%s", "size": 10}],
         "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 1234},
         "annotations": {"org.example.sbom.format": "json"}}
        """.formatted(CONFIG, LAYER1, SUBJECT);
    Manifest m = parse(json, OCI_MANIFEST);
    assertThat(m.subjectDigest()).contains(SUBJECT);
    assertThat(m.subject().orElseThrow().size()).isEqualTo(1234);
    assertThat(m.artifactType()).contains("application/vnd.example.sbom.v1");
  }

  @Test
  void oci018_embeddedDataMustBeBase64OfTheStatedSize() {
    String json = """
        {"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "%s",
         "size": 3, "data": "%s"}, "layers": []}
        """;
    assertInvalid(json.formatted(CONFIG, "e30="), OCI_MANIFEST, "config.data is 2 bytes but size says 3");
    assertInvalid(json.formatted(CONFIG, "%%%"), OCI_MANIFEST, "config.data is not valid base64");
  }

  @Test
  void oci018_subjectMustBeAWellFormedDescriptor() {
    String json = ociImage("1").replace("\"annotations\"", "\"subject\": {\"digest\": \"" + SUBJECT + "\"}, \"annotations\"");
    assertInvalid(json, OCI_MANIFEST, "subject.mediaType is required");
  }

  @Test
  void oci023_artifactTypeFallsBackToConfigMediaTypeForImages() {
    Manifest m = parse(ociImage("1"), OCI_MANIFEST);
    assertThat(m.artifactType()).contains("application/vnd.oci.image.config.v1+json");
    String emptyArtifactType = ociImage("1").replace("\"annotations\"", "\"artifactType\": \"\", \"annotations\"");
    assertThat(parse(emptyArtifactType, OCI_MANIFEST).artifactType()).contains("application/vnd.oci.image.config.v1+json");
  }

  @Test
  void oci023_indexWithArtifactTypeReportsIt() {
    String json = """
        {"schemaVersion": 2, "artifactType": "application/vnd.example.bundle", "manifests": [],
         "subject": {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "%s", "size": 9}}
        """.formatted(SUBJECT);
    Manifest m = parse(json, OCI_INDEX);
    assertThat(m.artifactType()).contains("application/vnd.example.bundle");
    assertThat(m.subjectDigest()).contains(SUBJECT);
  }

  @Test
  void oci023_manifestDescriptorCarriesArtifactTypeAndAnnotations() {
    String json = ociImage("1");
    Descriptor d = parse(json, OCI_MANIFEST).descriptor(SUBJECT);
    assertThat(d.mediaType()).isEqualTo(OCI_MANIFEST);
    assertThat(d.digest()).isEqualTo(SUBJECT);
    assertThat(d.size()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    assertThat(d.artifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");
    assertThat(d.annotations()).containsKey("org.opencontainers.image.created");
  }
}
