package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.write.ModelAttributes;
import org.junit.jupiter.api.Test;

/**
 * The built-in domain models (issue 7): the spec's model.json files from the classpath,
 * {@code $include}/{@code $includes} and {@code ximportresources} resolved (CE-001, CE-002,
 * SCHEMA-001, MSG-001, EP-001), defaults filled into nested objects (MSG-014, EP-015, EP-019..021).
 */
class BuiltInModelsTest {

  @Test
  void schemaModelParsesWithItsValidationAspects_SCHEMA_001() {
    Model m = Model.parse(Model.builtInSource("schema"));
    ResourceType schemas = m.group("schemagroups").orElseThrow().resource("schemas").orElseThrow();
    assertThat(schemas.singular()).isEqualTo("schema");
    assertThat(schemas.validateFormat()).isTrue();
    assertThat(schemas.validateCompatibility()).isTrue();
    assertThat(schemas.strictValidation()).isFalse();
    assertThat(schemas.versionAttributes().names()).contains("format");
    assertThat(m.full().at("/groups/schemagroups/constraints/schemas.format/equals").asText()).isEqualTo("format");
  }

  @Test
  void messageModelHasNoDocumentAndOneVersion_MSG_001_MSG_003() {
    Model m = Model.parse(Model.builtInSource("message"));
    ResourceType messages = m.group("messagegroups").orElseThrow().resource("messages").orElseThrow();
    assertThat(messages.hasDocument()).isFalse();
    assertThat(messages.maxVersions()).isEqualTo(1);
    assertThat(messages.versionAttributes().allowsAny()).isFalse();
  }

  @Test
  void endpointModelIncludesMessagegroupsAndImportsMessages_EP_001() {
    Model m = Model.parse(Model.builtInSource("endpoint"));
    assertThat(m.groups().keySet()).containsExactlyInAnyOrder("endpoints", "messagegroups");
    GroupType endpoints = m.group("endpoints").orElseThrow();
    assertThat(endpoints.resource("messages")).isPresent();
    assertThat(endpoints.resource("messages").orElseThrow().maxVersions()).isEqualTo(1);
    assertThat(m.full().toString()).doesNotContain("ximportresources").doesNotContain("$include");
  }

  @Test
  void cloudeventsModelIsTheUnionAndModelsourceKeepsTheDirectives_CE_001_CE_002() {
    ObjectNode source = Model.builtInSource("cloudevents");
    Model m = Model.parse(source);
    assertThat(m.groups().keySet()).containsExactlyInAnyOrder("endpoints", "messagegroups", "schemagroups");
    assertThat(m.source()).isEqualTo(source);
    assertThat(m.source().toString()).contains("$includes").contains("xreg:/models/cloudevents/model.json");
    assertThat(m.expanded().toString()).doesNotContain("$include");
    // The combination of the three parts is the same model as the cloudevents file.
    Model parts = Model.parse(Model.builtInSource("endpoint,message,schema"));
    assertThat(parts.full()).isEqualTo(m.full());
  }

  @Test
  void includeSiblingsWinAndEarlierIncludesWin_CE_002() {
    ObjectNode src = (ObjectNode) Json.parseTrusted("""
        {"groups": {
          "$includes": ["xreg:/models/schema/model.json#/groups", "xreg:/models/message/model.json#/groups"],
          "schemagroups": {"singular": "schemagroup", "resources": {"schemas": {"singular": "schema"}}}
        }}""");
    Model m = Model.parse(src);
    // the sibling schemagroups wins: no validateformat, no format attribute
    ResourceType schemas = m.group("schemagroups").orElseThrow().resource("schemas").orElseThrow();
    assertThat(schemas.validateFormat()).isFalse();
    assertThat(m.group("messagegroups")).isPresent();
    assertThat(m.source()).isEqualTo(src);
  }

  @Test
  void includeOfAnAttributeDefinition() {
    Model m = Model.parse(Json.parseTrusted("""
        {"groups": {"dirs": {"singular": "dir", "attributes": {
           "protocol": {"$include": "xreg:/models/message/model.json#/groups/messagegroups/attributes/protocol",
                        "description": "mine"}}}}}"""));
    JsonNode def = m.group("dirs").orElseThrow().attributes().definitions().get("protocol");
    assertThat(def.path("type").asText()).isEqualTo("string");
    assertThat(def.path("description").asText()).isEqualTo("mine");
  }

  @Test
  void badIncludesAreModelErrors() {
    modelError("{\"groups\":{\"$include\":\"https://example.com/model.json#/groups\"}}", "only built-in");
    modelError("{\"groups\":{\"$include\":\"xreg:/models/nothing/model.json\"}}", "names no built-in model");
    modelError("{\"groups\":{\"$include\":\"xreg:/models/schema/model.json#/nowhere\"}}", "points at nothing");
    modelError("{\"groups\":{\"$include\":\"xreg:/models/schema/model.json#/groups\","
        + "\"$includes\":[\"xreg:/models/schema/model.json#/groups\"]}}", "must not both");
    assertThatThrownBy(() -> Model.builtInSource("bogus"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR));
  }

  @Test
  void defaultsAreFilledIntoNestedObjects_MSG_014() {
    Model m = Model.parse(Model.builtInSource("message"));
    ResourceType messages = m.group("messagegroups").orElseThrow().resource("messages").orElseThrow();
    ObjectNode attrs = (ObjectNode) Json.parseTrusted("""
        {"envelope": "cloudevents/1.0",
         "envelopemetadata": {"type": {"value": "com.example.x"}, "source": {"value": "/x"}},
         "protocol": "AMQP/1.0",
         "protocoloptions": {"header": {"durable": true}}}""");
    ModelAttributes.apply(attrs, null, messages.versionAttributes(), "/messagegroups/g/messages/m");
    assertThat(attrs.at("/envelopemetadata/type/type").asText()).isEqualTo("string");
    assertThat(attrs.at("/envelopemetadata/type/required").asBoolean()).isTrue();
    assertThat(attrs.at("/envelopemetadata/source/type").asText()).isEqualTo("uritemplate");
    assertThat(attrs.at("/protocoloptions/header/priority").asInt()).isEqualTo(4);
    assertThat(attrs.at("/protocoloptions/header/durable").asBoolean()).isTrue();
    // enum [true] on required: false is rejected (MSG-012)
    ObjectNode bad = (ObjectNode) Json.parseTrusted("""
        {"envelope": "CloudEvents/1.0", "envelopemetadata": {"type": {"required": false}}}""");
    assertThatThrownBy(() -> ModelAttributes.apply(bad, null, messages.versionAttributes(), "/x"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  @Test
  void endpointProtocolOptionDefaultsAndUsageEnum_EP_002_EP_015_EP_019() {
    Model m = Model.parse(Model.builtInSource("endpoint"));
    GroupType endpoints = m.group("endpoints").orElseThrow();
    ObjectNode attrs = (ObjectNode) Json.parseTrusted("""
        {"usage": ["producer"], "protocol": "http",
         "protocoloptions": {"endpoints": [{"uri": "https://example.com/in"}]}}""");
    ModelAttributes.apply(attrs, null, endpoints.attributes(), "/endpoints/e");
    assertThat(attrs.at("/protocoloptions/method").asText()).isEqualTo("POST");
    assertThat(attrs.at("/protocoloptions/deployed").asBoolean()).isTrue();
    ObjectNode kafka = (ObjectNode) Json.parseTrusted("""
        {"usage": ["consumer"], "protocol": "KAFKA", "protocoloptions": {"topic": "t", "consumergroup": "g"}}""");
    ModelAttributes.apply(kafka, null, endpoints.attributes(), "/endpoints/k");
    assertThat(kafka.at("/protocoloptions/acks").asInt()).isEqualTo(1);
    assertThat(kafka.at("/protocoloptions/keyserializer").asText())
        .isEqualTo("org.apache.kafka.common.serialization.StringSerializer");
    ObjectNode badUsage = (ObjectNode) Json.parseTrusted("{\"usage\": [\"listener\"]}");
    assertThatThrownBy(() -> ModelAttributes.apply(badUsage, null, endpoints.attributes(), "/endpoints/e"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  @Test
  void ifvaluesSiblingsNeedTheirValue_MSG_009_MSG_010() {
    Model m = Model.parse(Model.builtInSource("message"));
    ResourceType messages = m.group("messagegroups").orElseThrow().resource("messages").orElseThrow();
    assertThat(messages.versionAttributes().allows("protocoloptions")).isTrue();
    assertThat(messages.versionAttributes().allows("bogus")).isFalse();
    ObjectNode wrongProtocol = (ObjectNode) Json.parseTrusted("""
        {"protocol": "HTTP/1.1", "protocoloptions": {"method": "GET"}}""");
    assertThatThrownBy(() -> ModelAttributes.apply(wrongProtocol, null, messages.versionAttributes(), "/x"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.UNKNOWN_ATTRIBUTE));
    ObjectNode http = (ObjectNode) Json.parseTrusted("""
        {"protocol": "http", "protocoloptions": {"method": "GET"}}""");
    ModelAttributes.apply(http, null, messages.versionAttributes(), "/x");
  }

  @Test
  void ociModelShowsTagsAsVersionsWithTheManifestAsDocument() {
    Model m = Model.parse(Model.builtInSource("oci"));
    GroupType namespaces = m.group("namespaces").orElseThrow();
    assertThat(namespaces.singular()).isEqualTo("namespace");
    ResourceType images = namespaces.resource("images").orElseThrow();
    assertThat(images.singular()).isEqualTo("image");
    assertThat(images.hasDocument()).isTrue();
    assertThat(images.setVersionId()).isTrue();
    assertThat(images.maxVersions()).isZero(); // every tag stays
    // "newest" is the Version created last: the view gives a moved tag a new createdat
    assertThat(images.versionMode()).isEqualTo(VersionMode.CREATEDAT);
    assertThat(images.versionAttributes().names())
        .contains("digest", "size", "mediatype", "artifacttype", "subject", "annotations");
    ObjectNode ok = (ObjectNode) Json.parseTrusted("""
        {"digest": "sha256:ab", "size": 12, "annotations": {"org.opencontainers.image.title": "x"}}""");
    ModelAttributes.apply(ok, null, images.versionAttributes(), "/namespaces/_/images/a/versions/v1");
    ObjectNode badSize = (ObjectNode) Json.parseTrusted("{\"size\": -1}");
    assertThatThrownBy(() -> ModelAttributes.apply(badSize, null, images.versionAttributes(), "/x"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  @Test
  void ociCombinesWithTheDomainModels() {
    Model m = Model.parse(Model.builtInSource("cloudevents,oci"));
    assertThat(m.groups().keySet()).containsExactlyInAnyOrder("endpoints", "messagegroups", "schemagroups",
        "namespaces");
  }

  @Test
  void cnrModelShowsReleasesAsSemverVersionsWithChannelsOnMeta() {
    Model m = Model.parse(Model.builtInSource("cnr"));
    ResourceType packages = m.group("namespaces").orElseThrow().resource("packages").orElseThrow();
    assertThat(packages.singular()).isEqualTo("package");
    assertThat(packages.hasDocument()).isTrue();
    assertThat(packages.versionMode()).isEqualTo(VersionMode.SEMVER);
    assertThat(packages.metaAttributes().allows("channels")).isTrue();
    assertThat(m.group("namespaces").orElseThrow().resource("images")).isEmpty();
    ObjectNode release = (ObjectNode) Json.parseTrusted("""
        {"digest": "sha256:ab", "size": 300, "mediatypes": {"helm": {"digest": "sha256:cd", "size": 12,
          "blobdigest": "sha256:ef", "manifestdigest": "sha256:01", "metadata": {"any": ["json", 1]}}}}""");
    ModelAttributes.apply(release, null, packages.versionAttributes(), "/namespaces/acme/packages/app/versions/1.0.0");
    ObjectNode unknownField = (ObjectNode) Json.parseTrusted("{\"mediatypes\": {\"helm\": {\"bogus\": 1}}}");
    assertThatThrownBy(() -> ModelAttributes.apply(unknownField, null, packages.versionAttributes(), "/x"))
        .isInstanceOf(XRegistryException.class);
  }

  @Test
  void ociAndCnrShareOneNamespacesGroupTypeWithBothResourceTypes() {
    for (String names : new String[] {"oci,cnr", "cnr,oci", "cloudevents,oci,cnr"}) {
      Model m = Model.parse(Model.builtInSource(names));
      GroupType namespaces = m.group("namespaces").orElseThrow();
      assertThat(namespaces.resources().keySet()).as(names).containsExactlyInAnyOrder("images", "packages");
      // each Resource type keeps its own model's definition
      assertThat(namespaces.resource("images").orElseThrow().versionMode()).isEqualTo(VersionMode.CREATEDAT);
      assertThat(namespaces.resource("packages").orElseThrow().versionMode()).isEqualTo(VersionMode.SEMVER);
    }
    // the earlier model wins on the Group type's own attributes
    assertThat(Model.parse(Model.builtInSource("cnr,oci")).expanded().path("groups").path("namespaces")
        .path("description").asText()).contains("Shared with the OCI model");
    assertThat(Model.parse(Model.builtInSource("oci,cnr")).expanded().path("groups").path("namespaces")
        .path("description").asText()).contains("Shared with the App Registry model");
  }

  @Test
  void identicalSharedGroupTypesAreIncludedAsBefore() {
    // message and endpoint both define messagegroups the same way: the source keeps one include per model
    ObjectNode src = Model.builtInSource("message,endpoint");
    assertThat(src.path("groups").size()).isEqualTo(1);
    assertThat(src.path("groups").path("$includes").size()).isEqualTo(2);
    assertThat(Model.builtInSource("oci").path("groups").size()).isEqualTo(1);
    assertThat(Model.builtInSource("oci,cnr").path("groups").has("namespaces")).isTrue();
  }

  private static void modelError(String model, String detail) {
    assertThatThrownBy(() -> Model.parse(Json.parseTrusted(model)))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
          assertThat(e.getMessage() + " " + e.toString()).isNotNull();
        })
        .hasMessageContaining(detail);
  }
}
