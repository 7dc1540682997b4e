package dev.xreg.core.write;

import static dev.xreg.core.write.FilesModel.T0;
import static dev.xreg.core.write.FilesModel.XID;
import static dev.xreg.core.write.FilesModel.fails;
import static dev.xreg.core.write.FilesModel.files;
import static dev.xreg.core.write.FilesModel.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** spec.md "<RESOURCE>* Attribute Processing" (CORE-DOC-001..003, 009) for the {@code file} document. */
class DocumentAttributesTest {
  private static final ResourceType FILES = files("");
  private static final String VXID = XID + "/versions/1";
  private static final DocumentAttributes PUT = new DocumentAttributes(FILES, Method.PUT);
  private static final DocumentAttributes PATCH = new DocumentAttributes(FILES, Method.PATCH);

  private static Entity stored(String attributes, String document) {
    return new Entity(VXID, "1", 1, T0, T0, json(attributes),
        document == null ? null : document.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void atMostOneOfTheThreeDocumentAttributes_CORE_DOC_001() {
    XRegistryException e = fails(() -> PUT.fromAttributes(json("{\"file\":{},\"fileurl\":\"http://x\"}"),
        Json.object(), null, VXID), ErrorType.ONE_RESOURCE, VXID);
    assertThat(e.args()).containsEntry("list", "fileurl,file,filebase64");
  }

  @Test
  void theOneGivenReplacesTheOthers_CORE_DOC_001() {
    Entity withUrl = stored("{\"fileurl\":\"http://example.com/f\"}", null);
    ObjectNode attrs = json("{\"fileurl\":\"http://example.com/f\"}");
    byte[] doc = PATCH.fromAttributes(json("{\"file\":{\"a\":1}}"), attrs, withUrl, VXID);
    assertThat(text(doc)).isEqualTo("{\"a\":1}");
    assertThat(attrs.has("fileurl")).isFalse();

    ObjectNode toUrl = Json.object();
    assertThat(PUT.fromAttributes(json("{\"fileurl\":\"http://example.com/g\"}"), toUrl, stored("{}", "old"), VXID))
        .as("a url replaces the bytes").isNull();
    assertThat(toUrl.path("fileurl").asText()).isEqualTo("http://example.com/g");
  }

  @Test
  void aUrlMustBeAUri_CORE_DOC_001() {
    fails(() -> PUT.fromAttributes(json("{\"fileurl\":5}"), Json.object(), null, VXID), ErrorType.INVALID_ATTRIBUTE,
        VXID);
  }

  @Test
  void noneGivenKeepsTheDocumentAndNullEmptiesIt_CORE_DOC_002() {
    Entity old = stored("{\"contenttype\":\"text/plain\"}", "old");
    assertThat(text(PATCH.fromAttributes(json("{\"description\":\"d\"}"), Json.object(), old, VXID))).isEqualTo("old");
    assertThat(PUT.fromAttributes(json("{}"), Json.object(), null, VXID)).as("a new Version without one").isNull();
    assertThat(PUT.fromAttributes(json("{\"filebase64\":null}"), Json.object(), old, VXID)).isEmpty();
  }

  @Test
  void aStoredUrlStaysOnPatchAndIsDroppedByPut_CORE_DOC_002() {
    Entity withUrl = stored("{\"fileurl\":\"http://example.com/f\"}", null);
    ObjectNode patched = Json.object();
    assertThat(PATCH.fromAttributes(json("{}"), patched, withUrl, VXID)).isNull();
    assertThat(patched.path("fileurl").asText()).isEqualTo("http://example.com/f");
    ObjectNode put = Json.object();
    assertThat(PUT.fromAttributes(json("{}"), put, withUrl, VXID)).isNull();
    assertThat(put.has("fileurl")).as("PUT replaces the attributes").isFalse();
  }

  @Test
  void anInlineDocumentIsJsonUnlessItsContentTypeSaysOtherwise_CORE_DOC_003() {
    ObjectNode attrs = Json.object();
    assertThat(text(PUT.fromAttributes(json("{\"file\":{\"a\":1}}"), attrs, null, VXID))).isEqualTo("{\"a\":1}");
    assertThat(attrs.path("contenttype").asText()).isEqualTo("application/json");

    ObjectNode plain = json("{\"contenttype\":\"text/plain\"}");
    assertThat(text(PUT.fromAttributes(json("{\"file\":\"hello\",\"contenttype\":\"text/plain\"}"), plain, null,
        VXID))).as("a string under a non-JSON type is the text itself").isEqualTo("hello");
    ObjectNode jsonString = Json.object();
    assertThat(text(PUT.fromAttributes(json("{\"file\":\"hello\"}"), jsonString, null, VXID)))
        .as("a string under JSON is a JSON string").isEqualTo("\"hello\"");
  }

  @Test
  void aPatchSetsTheContentTypeOnlyIfUnset_CORE_DOC_003() {
    ObjectNode keeps = json("{\"contenttype\":\"application/avro\"}");
    PATCH.fromAttributes(json("{\"file\":{}}"), keeps, stored("{\"contenttype\":\"application/avro\"}", "x"), VXID);
    assertThat(keeps.path("contenttype").asText()).isEqualTo("application/avro");
    ObjectNode sets = Json.object();
    PATCH.fromAttributes(json("{\"filebase64\":\"aGk=\"}"), sets, stored("{}", "x"), VXID);
    assertThat(sets.path("contenttype").asText()).isEqualTo("application/json");
    ObjectNode putReplaces = json("{\"contenttype\":\"application/avro\"}");
    PUT.fromAttributes(json("{\"file\":{}}"), putReplaces, stored("{\"contenttype\":\"application/avro\"}", "x"), VXID);
    assertThat(putReplaces.path("contenttype").asText()).isEqualTo("application/json");
  }

  @Test
  void base64IsDecodedAndMustBeValid_CORE_DOC_001() {
    assertThat(text(PUT.fromAttributes(json("{\"filebase64\":\"aGk=\"}"), Json.object(), null, VXID))).isEqualTo("hi");
    XRegistryException bad = fails(() -> PUT.fromAttributes(json("{\"filebase64\":\"***\"}"), Json.object(), null,
        VXID), ErrorType.INVALID_ATTRIBUTE, VXID);
    assertThat(bad.detail()).contains("is not valid base64");
    fails(() -> PUT.fromAttributes(json("{\"filebase64\":1}"), Json.object(), null, VXID),
        ErrorType.INVALID_ATTRIBUTE, VXID);
  }

  @Test
  void aDocumentModeBodyIsTheDocumentWithTheRequestsContentType_CORE_DOC_009() {
    ObjectNode attrs = json("{\"fileurl\":\"http://example.com/old\",\"contenttype\":\"text/plain\"}");
    DocumentInput doc = new DocumentInput("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml", Json.object());
    assertThat(text(PUT.fromDocumentBody(doc, attrs, VXID))).isEqualTo("<x/>");
    assertThat(attrs.has("fileurl")).isFalse();
    assertThat(attrs.path("contenttype").asText()).isEqualTo("application/xml");
    ObjectNode untyped = json("{\"contenttype\":\"text/plain\"}");
    PUT.fromDocumentBody(new DocumentInput(new byte[0], null, Json.object()), untyped, VXID);
    assertThat(untyped.has("contenttype")).as("no Content-Type, no contenttype").isFalse();
  }

  @Test
  void aUrlHeaderNeedsAnEmptyBody_CORE_DOC_009() {
    ObjectNode headers = json("{\"fileurl\":\"http://example.com/f\"}");
    ObjectNode attrs = Json.object();
    assertThat(PUT.fromDocumentBody(new DocumentInput(new byte[0], null, headers), attrs, VXID)).isNull();
    assertThat(attrs.path("fileurl").asText()).isEqualTo("http://example.com/f");
    XRegistryException e = fails(() -> PUT.fromDocumentBody(new DocumentInput(new byte[] {1}, null, headers),
        Json.object(), VXID), ErrorType.BAD_REQUEST, VXID);
    assertThat(e.detail()).contains("xRegistry-fileurl");
  }

  @Test
  void aTypeWithoutDocumentsStoresNone_CORE_DOC_006() {
    DocumentAttributes none = new DocumentAttributes(files("\"hasdocument\":false"), Method.PUT);
    assertThat(none.document(json("{}"), null, Json.object(), stored("{}", "old"), VXID)).isNull();
    assertThat(text(PUT.document(json("{}"), null, Json.object(), stored("{}", "old"), VXID))).isEqualTo("old");
  }
}
