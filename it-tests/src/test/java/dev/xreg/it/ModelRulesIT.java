package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PUT /modelsource: a model that breaks the model language's rules is {@code model_error}, a
 * model the existing entities would not comply with gets the spec's error naming the first
 * offending entity; either way nothing changes (checklist 3.7).
 */
class ModelRulesIT {
  /** dirs (attribute size) with files (documents, attribute color) and notes (metadata only). */
  private static final String MODEL_TEMPLATE = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"attributes\":{%s},"
      + "\"resources\":{\"files\":{\"singular\":\"file\",\"attributes\":{%s}%s},"
      + "\"notes\":{\"singular\":\"note\",\"hasdocument\":false%s}}}}}";
  private static final String DIR_ATTRS = "\"size\":{\"type\":\"integer\"}";
  private static final String FILE_ATTRS = "\"color\":{\"type\":\"string\",\"enum\":[\"red\",\"blue\"]}";
  private static final String MODEL = model(DIR_ATTRS, FILE_ATTRS, "", "");

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private static String model(String dirAttrs, String fileAttrs, String fileAspects, String noteAspects) {
    return String.format(MODEL_TEMPLATE, dirAttrs, fileAttrs, fileAspects, noteAspects);
  }

  @Test
  void modelLanguageViolationsAreModelErrorsNamingThePath_CORE_MOD_006_010_011_013_017_020_021_022() throws Exception {
    Map<String, String> bad = Map.of(
        // CORE-MOD-006: a spec attribute's type cannot change
        "groups.dirs.resources.files.attributes.format.type",
        model(DIR_ATTRS, FILE_ATTRS + ",\"format\":{\"type\":\"integer\"}", "", ""),
        // CORE-MOD-010
        "groups.dirs.attributes.*.required", model(DIR_ATTRS + ",\"*\":{\"type\":\"any\",\"required\":true}",
            FILE_ATTRS, "", ""),
        // CORE-MOD-011
        "groups.dirs.resources.files.attributes.color.ifvalues.green", model(DIR_ATTRS,
            "\"color\":{\"type\":\"string\",\"enum\":[\"red\"],\"ifvalues\":{\"green\":{}}}", "", ""),
        // CORE-MOD-013
        "groups.dirs.resources.files.typemap\" entry \"text/plain\"", model(DIR_ATTRS, FILE_ATTRS,
            ",\"typemap\":{\"text/plain\":\"xml\"}", ""),
        // CORE-MOD-017
        "groups.dirs.resources.notes.validatecompatibility", model(DIR_ATTRS, FILE_ATTRS, "",
            ",\"validatecompatibility\":true"),
        // CORE-MOD-020 (constraints live on the Group type)
        "groups.dirs.constraints.files.shade", MODEL.replace("\"attributes\":{\"size\"",
            "\"constraints\":{\"files.shade\":{\"enum\":[\"x\"]}},\"attributes\":{\"size\""),
        // CORE-MOD-021
        "groups.dirs.resources.files.attributes.metaurl", model(DIR_ATTRS,
            FILE_ATTRS + ",\"metaurl\":{\"type\":\"url\"}", "", ""),
        // CORE-MOD-022
        "groups.dirs.attributes.home.target", model(DIR_ATTRS + ",\"home\":{\"type\":\"xid\","
            + "\"target\":\"/folders\"}", FILE_ATTRS, "", ""));
    Snapshot before = Snapshot.of(server, "/", "/modelsource", "/model");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = server.send("PUT", "/modelsource", e.getValue());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      JsonNode p = XregServer.JSON.readTree(r.body());
      assertThat(p.path("type").asText()).as(r.body()).endsWith("#model_error");
      assertThat(p.path("title").asText()).as(r.body()).contains(e.getKey());
      assertThat(p.path("detail").asText()).as(r.body()).contains(e.getKey());
      assertThat(p.path("subject").asText()).isEqualTo("/model");
    }
    before.assertUnchanged();
  }

  @Test
  void hasdocumentCannotBecomeFalseWhileAVersionHasADocument_CORE_MOD_014_CORE_DOC_006() throws Exception {
    HttpResponse<String> put = server.send("PUT", "/dirs/h1/files/f1", "hello", Map.of("Content-Type", "text/plain"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    String vid = server.json("/dirs/h1/files/f1$details").path("versionid").asText();
    Snapshot before = Snapshot.of(server, "/", "/modelsource", "/dirs/h1/files/f1$details", "/dirs/h1/files/f1");
    String noDocuments = model(DIR_ATTRS, FILE_ATTRS, ",\"hasdocument\":false", "");
    HttpResponse<String> r = server.send("PUT", "/modelsource", noDocuments);
    String xid = "/dirs/h1/files/f1/versions/" + vid;
    JsonNode p = assertProblem(r, 400, "hasdocument_violation", "The request would cause Version \"" + xid
        + "\" to be non-compliant. The model definition of \"files\" has \"hasdocument\" set to \"false\" but"
        + " this Version has document content.", xid);
    assertThat(p.path("detail").asText()).contains("groups.dirs.resources.files.hasdocument");
    before.assertUnchanged();

    // without documents the same change is fine
    server.ok("DELETE", "/dirs/h1", null);
    server.ok("PUT", "/modelsource", noDocuments);
    server.ok("PUT", "/modelsource", MODEL);
  }

  @Test
  void maxversionsOneRefusedWhileAResourceIsStickyOrHasMoreVersions_CORE_MOD_015() throws Exception {
    server.ok("PUT", "/dirs/s1/notes/n1", "{\"name\":\"one\"}");
    server.ok("PUT", "/dirs/s1/notes/n1/versions/v2", "{\"name\":\"two\"}");
    server.ok("PATCH", "/dirs/s1/notes/n1/meta", "{\"defaultversionsticky\":true,\"defaultversionid\":\"v2\"}");
    Snapshot before = Snapshot.of(server, "/", "/modelsource", "/dirs/s1/notes/n1/meta", "/dirs/s1/notes/n1/versions");
    String one = model(DIR_ATTRS, FILE_ATTRS, "", ",\"maxversions\":1");
    HttpResponse<String> sticky = server.send("PUT", "/modelsource", one);
    assertProblem(sticky, 400, "setdefaultversionsticky_false", "For \"/dirs/s1/notes/n1\", setting"
        + " \"defaultversionsticky\" to \"true\" is not allowed since \"maxversions\" is \"1\".", "/dirs/s1/notes/n1");
    before.assertUnchanged();

    // not sticky, but two Versions: the model change would need to prune, which it does not do (M3)
    server.ok("PATCH", "/dirs/s1/notes/n1/meta", "{\"defaultversionsticky\":false}");
    Snapshot unsticky = Snapshot.of(server, "/", "/modelsource", "/dirs/s1/notes/n1/versions");
    JsonNode p = assertProblem(server.send("PUT", "/modelsource", one), 400, "model_compliance_error",
        "The model provided would cause one or more entities in the Registry to become non-compliant.", "/model");
    assertThat(p.path("detail").asText()).contains("/dirs/s1/notes/n1").contains("maxversions");
    unsticky.assertUnchanged();
    server.ok("PUT", "/modelsource", model(DIR_ATTRS, FILE_ATTRS, "", ",\"maxversions\":2"));
    server.ok("DELETE", "/dirs/s1", null);
    server.ok("PUT", "/modelsource", MODEL);
  }

  @Test
  void attributeChangesMustKeepExistingEntitiesCompliant_CORE_MOD_007() throws Exception {
    server.ok("PUT", "/dirs/a1", "{\"size\":3}");
    server.ok("PUT", "/dirs/a1/files/f$details", "{\"color\":\"red\"}");
    String vxid = "/dirs/a1/files/f/versions/" + server.json("/dirs/a1/files/f$details").path("versionid").asText();
    Snapshot before = Snapshot.of(server, "/", "/modelsource", "/model", "/dirs/a1", "/dirs/a1/files/f$details");
    // the entity each model would leave non-compliant, and the model
    List<String[]> noncompliant = List.of(
        new String[] {"/dirs/a1", model("\"size\":{\"type\":\"string\"}", FILE_ATTRS, "", "")},
        new String[] {"/dirs/a1", model("", FILE_ATTRS, "", "")},
        new String[] {vxid, model(DIR_ATTRS, "\"color\":{\"type\":\"string\",\"enum\":[\"blue\"]}", "", "")},
        // a new required attribute: its default is for new writes, existing entities lack it
        new String[] {vxid, model(DIR_ATTRS, FILE_ATTRS + ",\"owner\":{\"type\":\"string\",\"required\":true,"
            + "\"default\":\"me\"}", "", "")});
    for (String[] c : noncompliant) {
      JsonNode p = assertProblem(server.send("PUT", "/modelsource", c[1]), 400, "model_compliance_error",
          "The model provided would cause one or more entities in the Registry to become non-compliant.", "/model");
      assertThat(p.path("detail").asText()).as(c[1]).startsWith(c[0] + " would not comply");
    }
    before.assertUnchanged();

    // widening is fine, and a narrowing the data already satisfies too
    server.ok("PUT", "/modelsource", model("\"size\":{\"type\":\"integer\"},\"*\":{\"type\":\"any\"}",
        "\"color\":{\"type\":\"string\",\"enum\":[\"red\"]}", "", ""));
    server.ok("DELETE", "/dirs/a1", null);
    server.ok("PUT", "/modelsource", MODEL);
  }
}
