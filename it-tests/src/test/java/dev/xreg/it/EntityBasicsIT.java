package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Common-attribute rules of issue 4 that the larger suites do not pin: names, "", deprecated, create codes. */
class EntityBasicsIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","attributes":{"*":{"type":"any"}},
        "resources":{"files":{"singular":"file"}}}}}""";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @Test
  void extensionNamesFollowTheAttributeNameRule_CORE_ATTR_001() throws Exception {
    for (String bad : new String[] {"Upper", "1digit", "has-dash", "x".repeat(64)}) {
      HttpResponse<String> r = server.send("PUT", "/dirs/names", "{\"" + bad + "\":1}");
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(field(r, "type")).endsWith("#invalid_attribute");
      assertThat(server.get("/dirs/names").statusCode()).as("nothing created").isEqualTo(404);
    }
    assertThat(server.send("PUT", "/dirs/names", "{\"ok_name_1\":1,\"_x\":2}").statusCode()).isEqualTo(201);
  }

  @Test
  void emptyStringIsAValueDistinctFromAbsent_CORE_ATTR_003() throws Exception {
    server.ok("PUT", "/dirs/empty", "{\"description\":\"\"}");
    JsonNode g = server.json("/dirs/empty");
    assertThat(g.has("description")).isTrue();
    assertThat(g.path("description").asText()).isEmpty();
    server.ok("PATCH", "/dirs/empty", "{\"description\":null}");
    assertThat(server.json("/dirs/empty").has("description")).isFalse();
  }

  @Test
  void deprecatedIsAnObjectWithOrderedDates_CORE_COM_013() throws Exception {
    server.ok("PUT", "/dirs/dep", "{\"deprecated\":{\"effective\":\"2030-01-01T00:00:00Z\","
        + "\"removal\":\"2031-01-01T00:00:00Z\",\"alternative\":\"https://example.com/new\"}}");
    assertThat(server.json("/dirs/dep").at("/deprecated/alternative").asText()).isEqualTo("https://example.com/new");
    HttpResponse<String> backwards = server.send("PUT", "/dirs/dep",
        "{\"deprecated\":{\"effective\":\"2031-01-01T00:00:00Z\",\"removal\":\"2030-01-01T00:00:00Z\"}}");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(field(backwards, "type")).endsWith("#invalid_attribute");
    HttpResponse<String> unknownKey = server.send("PUT", "/dirs/dep", "{\"deprecated\":{\"when\":\"soon\"}}");
    assertThat(unknownKey.statusCode()).isEqualTo(400);
    assertThat(server.json("/dirs/dep").at("/deprecated/removal").asText()).startsWith("2031");
  }

  @Test
  void putAndPatchCreateWith201AndLocationElse200_CORE_GRP_003_004_CORE_HTTP_010() throws Exception {
    HttpResponse<String> created = server.send("PUT", "/dirs/codes", "{}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(server.base() + "/dirs/codes");
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    HttpResponse<String> updated = server.send("PUT", "/dirs/codes", "{\"name\":\"n\"}");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.headers().firstValue("Location")).isEmpty();
    HttpResponse<String> patchCreated = server.send("PATCH", "/dirs/codes2", "{\"name\":\"p\"}");
    assertThat(patchCreated.statusCode()).isEqualTo(201);
    assertThat(server.json("/dirs/codes2").path("name").asText()).isEqualTo("p");
    HttpResponse<String> patched = server.send("PATCH", "/dirs/codes2", "{\"description\":\"d\"}");
    assertThat(patched.statusCode()).isEqualTo(200);
    JsonNode g = XregServer.JSON.readTree(patched.body());
    assertThat(g.path("name").asText()).as("PATCH keeps what it does not name").isEqualTo("p");
  }

  private static String field(HttpResponse<String> r, String name) throws Exception {
    return XregServer.JSON.readTree(r.body()).path(name).asText();
  }
}
