package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: the xRegistry web viewer (xregistry/viewer) as a client, replayed from its recorded
 * request sequence (spec/notes/xregistry-client-traffic.md section 2) against a sample registry
 * (the CloudEvents scenarios watchkam and contoso-erp): cross-origin with {@code Origin} and
 * {@code Accept: application/json}, root, model, capabilities, each collection, a Group, a
 * Resource with its Versions and document, a message, an endpoint, the search box's
 * {@code ?filter=name=<term>*}, and the {@code Link} pages it follows with their {@code count}.
 */
class ViewerReplayIT {
  private static final String VIEWER = "http://viewer.example.test:4200";
  private static final String SCHEMA = "/schemagroups/Fabrikam.Watchkam/schemas/Fabrikam.Watchkam.MotionDetectedEventData";
  private static final Pattern LINK = Pattern.compile("<([^>]+)>;rel=(\\w+);count=(\\d+)");
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "cloudevents")
      .env("XREG_CORS_ORIGINS", VIEWER);

  @BeforeAll
  static void sampleRegistry() throws Exception {
    for (String file : List.of("watchkam-jsons07.xreg.json", "contoso-erp-jsons07.xreg.json")) {
      try (InputStream in = ViewerReplayIT.class.getResourceAsStream("/scenarios/" + file)) {
        HttpResponse<String> r = server.send("PUT", "/?ignore=epoch", new String(in.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
    }
    // the samples name nothing; the search box matches on name, so give a few entities one
    server.ok("PATCH", SCHEMA + "$details", "{\"name\":\"Fabrikam.Watchkam.MotionDetectedEventData\"}");
    server.ok("PATCH", "/messagegroups/Contoso.ERP.EmployeeEvents", "{\"name\":\"Contoso ERP employees\"}");
    server.ok("PATCH", "/messagegroups/Contoso.ERP.PaymentEvents", "{\"name\":\"Contoso ERP payments\"}");
    server.ok("PATCH", "/messagegroups/Fabrikam.Watchkam", "{\"name\":\"Fabrikam cameras\"}");
  }

  @Test
  void rootModelAndCapabilities() throws Exception {
    JsonNode capabilities = get("/capabilities");
    assertThat(capabilities.path("specversions").isArray()).isTrue();
    JsonNode model = get("/model");
    assertThat(model.path("groups").has("messagegroups")).isTrue();
    assertThat(model.path("groups").has("schemagroups")).isTrue();
    assertThat(model.path("groups").has("endpoints")).isTrue();
    JsonNode root = get("/");
    assertThat(root.path("messagegroupsurl").asText()).isEqualTo(server.base() + "/messagegroups");
    assertThat(root.path("schemagroupscount").asInt()).isEqualTo(2);
  }

  @Test
  void eachGroupTypeListsItsGroups() throws Exception {
    for (String groups : List.of("messagegroups", "schemagroups", "endpoints")) {
      get("/model");
      get("/capabilities");
      JsonNode list = get("/" + groups);
      assertThat(list.size()).as(groups).isPositive();
      list.fields().forEachRemaining(g -> assertThat(g.getValue().path("self").asText())
          .isEqualTo(server.base() + "/" + groups + "/" + g.getKey()));
    }
  }

  @Test
  void aGroupItsResourcesAResourceItsVersionsAndItsDocument() throws Exception {
    JsonNode group = get("/schemagroups/Fabrikam.Watchkam");
    assertThat(group.path("schemagroupid").asText()).isEqualTo("Fabrikam.Watchkam");
    assertThat(get("/schemagroups/Fabrikam.Watchkam/schemas").has("Fabrikam.Watchkam.MotionDetectedEventData"))
        .isTrue();
    JsonNode versions = get(SCHEMA + "/versions");
    assertThat(versions.has("1")).isTrue();
    JsonNode details = get(SCHEMA + "$details");
    assertThat(details.path("self").asText()).isEqualTo(server.base() + SCHEMA + "$details");
    assertThat(details.path("versionsurl").asText()).isEqualTo(server.base() + SCHEMA + "/versions");
    assertThat(details.path("format").asText()).isNotEmpty();
    JsonNode version = get(SCHEMA + "/versions/1$details");
    assertThat(version.path("versionid").asText()).isEqualTo("1");
    HttpResponse<String> document = raw(SCHEMA);
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(document.body()).isObject()).isTrue(); // the JSON Schema itself
    assertThat(document.headers().firstValue("xRegistry-schemaid")).hasValue("Fabrikam.Watchkam.MotionDetectedEventData");
    assertThat(document.headers().firstValue("xRegistry-self")).hasValue(server.base() + SCHEMA);
    assertThat(raw(SCHEMA + "/versions/1").statusCode()).isEqualTo(200);
  }

  @Test
  void aMessageAndAnEndpoint() throws Exception {
    assertThat(get("/messagegroups/Contoso.ERP.EmployeeEvents/messages").has("Contoso.ERP.EmployeeAdded")).isTrue();
    JsonNode message = get("/messagegroups/Contoso.ERP.EmployeeEvents/messages/Contoso.ERP.EmployeeAdded");
    assertThat(message.path("messageid").asText()).isEqualTo("Contoso.ERP.EmployeeAdded");
    assertThat(message.path("envelope").asText()).isNotEmpty();
    JsonNode endpoint = get("/endpoints/Contoso.ERP.Http");
    assertThat(endpoint.path("endpointid").asText()).isEqualTo("Contoso.ERP.Http");
    assertThat(endpoint.path("usage").isMissingNode()).isFalse();
  }

  @Test
  void theSearchBoxFindsByNamePrefix() throws Exception {
    JsonNode schemas = get("/schemagroups/Fabrikam.Watchkam/schemas?filter=name=Fabrikam.Watchkam.MotionD*");
    assertThat(names(schemas)).containsExactly("Fabrikam.Watchkam.MotionDetectedEventData");
    JsonNode groups = get("/messagegroups?filter=name=Contoso*");
    assertThat(names(groups)).containsExactlyInAnyOrder("Contoso.ERP.EmployeeEvents", "Contoso.ERP.PaymentEvents");
    // entities without a name never match (the notes' reading of the spec)
    assertThat(get("/schemagroups?filter=name=*").size()).isZero();
  }

  @Test
  void followingLinkPagesWithCountVisitsEveryGroupOnce() throws Exception {
    List<String> all = names(get("/messagegroups"));
    assertThat(all).hasSize(8);
    List<String> seen = new ArrayList<>();
    String url = server.base() + "/messagegroups?limit=3";
    int pages = 0;
    while (url != null) {
      HttpResponse<String> page = raw(url.substring(server.base().length()));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase()).contains("link");
      seen.addAll(names(XregServer.JSON.readTree(page.body())));
      Map<String, String> rels = new LinkedHashMap<>();
      for (String header : page.headers().allValues("Link")) {
        Matcher m = LINK.matcher(header);
        if (m.find()) {
          assertThat(Integer.parseInt(m.group(3))).as(header).isEqualTo(all.size());
          rels.put(m.group(2), m.group(1));
        }
      }
      assertThat(rels).containsKey("first");
      url = rels.get("next");
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
  }

  private static List<String> names(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** A viewer GET: 200, CORS-allowed for the viewer's origin, JSON. */
  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = raw(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
    return XregServer.JSON.readTree(r.body());
  }

  private static HttpResponse<String> raw(String path) throws Exception {
    HttpResponse<String> r = server.send("GET", path, null, Map.of("Origin", VIEWER, "Accept", "application/json"));
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(VIEWER);
    return r;
  }
}
