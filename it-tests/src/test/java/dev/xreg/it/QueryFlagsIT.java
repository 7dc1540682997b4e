package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 request flags over HTTP: inline (CORE-INL-*), filter (CORE-FIL-*), sort
 * (CORE-SRT-*), doc (CORE-DOCV-*), ignore (CORE-IGN-*), specversion (CORE-SPV-*),
 * capabilities switching flags off (CORE-FLG-002).
 */
class QueryFlagsIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","attributes":{"*":{"type":"any"}},
        "resources":{"files":{"singular":"file","attributes":{"*":{"type":"any"}}}}}}}""";
  private static XregServer server;

  @BeforeAll
  static void start() throws Exception {
    server = XregServer.fresh().start();
    ok(server.send("PUT", "/modelsource", MODEL));
    ok(server.send("PUT", "/dirs/a", "{\"name\":\"Alpha\",\"size\":10,\"flag\":true,\"labels\":{\"stage\":\"dev\"}}"));
    ok(server.send("PUT", "/dirs/b", "{\"name\":\"beta\",\"size\":2,\"flag\":false}"));
    ok(server.send("PUT", "/dirs/c", "{\"description\":\"a cool dir\",\"size\":30}"));
    ok(server.send("PUT", "/dirs/a/files/f1$details", "{\"name\":\"one\",\"file\":{\"k\":1}}"));
    ok(server.send("PUT", "/dirs/a/files/f2$details", "{\"name\":\"two\"}"));
    ok(server.send("PUT", "/dirs/b/files/f3$details", "{\"name\":\"three\"}"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // ---- inline --------------------------------------------------------------------------

  @Test
  void inlinePathsInlineOnlyWhatIsNamed_CORE_INL_001_002_004() throws Exception {
    JsonNode root = server.json("/?inline=dirs.files");
    assertThat(root.path("dirs").fieldNames()).toIterable().containsExactly("a", "b", "c");
    JsonNode f1 = root.at("/dirs/a/files/f1");
    assertThat(f1.path("name").asText()).isEqualTo("one");
    assertThat(f1.has("versions")).as("versions not named").isFalse();
    assertThat(f1.has("meta")).isFalse();
    assertThat(root.has("model")).isFalse();
  }

  @Test
  void inlineStarIsEverythingButModelCapabilitiesAndModelsource_CORE_INL_003() throws Exception {
    JsonNode root = server.json("/?inline=*");
    assertThat(root.at("/dirs/a/files/f1/versions/1/file/k").asInt()).isEqualTo(1);
    assertThat(root.at("/dirs/a/files/f1/meta/defaultversionid").asText()).isEqualTo("1");
    assertThat(root.has("model")).isFalse();
    assertThat(root.has("capabilities")).isFalse();
    assertThat(root.has("modelsource")).isFalse();
    JsonNode all = server.json("/?inline=*,model,capabilities,modelsource");
    assertThat(all.has("model") && all.has("capabilities") && all.has("modelsource")).isTrue();
  }

  @Test
  void inlineIsRelativeToTheRequestUrl_CORE_INL_002() throws Exception {
    JsonNode group = server.json("/dirs/a?inline=files.file");
    assertThat(group.at("/files/f1/file/k").asInt()).isEqualTo(1);
    JsonNode resource = server.json("/dirs/a/files/f1$details?inline=versions,meta");
    assertThat(resource.at("/versions/1/versionid").asText()).isEqualTo("1");
    assertThat(resource.at("/meta/readonly").asBoolean(true)).isFalse();
  }

  @Test
  void badInlineValuesAreErrors_CORE_INL_005() throws Exception {
    HttpResponse<String> unknown = server.get("/?inline=nothere");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(type(unknown)).endsWith("#bad_inline");
    HttpResponse<String> attr = server.get("/dirs/a?inline=name");
    assertThat(attr.statusCode()).isEqualTo(400);
    assertThat(type(attr)).endsWith("#inline_noninlineable");
    assertThat(type(server.get("/?inline=dirs.*.files"))).endsWith("#bad_inline");
  }

  // ---- collections ---------------------------------------------------------------------

  @Test
  void collectionsFlagShowsOnlyTheRootsCollectionMaps_CORE_COLF_001() throws Exception {
    JsonNode root = server.json("/?collections");
    assertThat(ids(root)).as("no Registry attributes, no url/count").containsExactly("dirs");
    assertThat(root.at("/dirs/a/name").asText()).as("nested entities keep theirs").isEqualTo("Alpha");
    assertThat(root.at("/dirs/a/files/f1/versions/1/versionid").asText()).as("inline=* implied").isEqualTo("1");
    JsonNode group = server.json("/dirs/a?collections");
    assertThat(ids(group)).containsExactly("files");
    assertThat(ids(group.path("files"))).containsExactly("f1", "f2");
    assertThat(ids(server.json("/dirs/c?collections").path("files"))).as("an empty map is still there").isEmpty();

    Snapshot before = Snapshot.of(server, "/", "/dirs/a");
    ProblemAssert.assertProblem(server.get("/dirs?collections"), 400, "bad_flag",
        "The specified flag (collections) is not allowed in this context: /dirs.", "/dirs");
    assertThat(type(server.get("/dirs/a/files/f1$details?collections"))).endsWith("#bad_flag");
    assertThat(type(server.send("PATCH", "/dirs/a/files/f1$details?collections", "{\"name\":\"changed\"}")))
        .endsWith("#bad_flag");
    before.assertUnchanged();
    assertThat(server.json("/dirs/a/files/f1$details").path("name").asText()).isEqualTo("one");
  }

  // ---- filter --------------------------------------------------------------------------

  @Test
  void filterComparesStringsCaseInsensitivelyWithWildcards_CORE_FIL_001_003_004() throws Exception {
    assertThat(ids(server.json("/dirs?filter=" + enc("name=alpha")))).containsExactly("a");
    assertThat(ids(server.json("/dirs?filter=" + enc("name=*ET*")))).containsExactly("b");
    assertThat(ids(server.json("/dirs?filter=" + enc("description=*cool*")))).containsExactly("c");
    assertThat(ids(server.json("/dirs?filter=name"))).containsExactly("a", "b");
    assertThat(ids(server.json("/dirs?filter=" + enc("name=null")))).containsExactly("c");
    assertThat(ids(server.json("/dirs?filter=" + enc("name!=alpha")))).as("missing matches !=")
        .containsExactly("b", "c");
  }

  @Test
  void filterComparesNumbersNumericallyAndBooleansExactly_CORE_FIL_003() throws Exception {
    assertThat(ids(server.json("/dirs?filter=" + enc("size>5")))).containsExactly("a", "c");
    assertThat(ids(server.json("/dirs?filter=" + enc("size<=10")))).containsExactly("a", "b");
    assertThat(ids(server.json("/dirs?filter=" + enc("flag=true")))).containsExactly("a");
    assertThat(ids(server.json("/dirs?filter=" + enc("labels.stage=dev")))).containsExactly("a");
  }

  @Test
  void commaIsAndRepeatedFilterIsOr_CORE_FIL_005() throws Exception {
    assertThat(ids(server.json("/dirs?filter=" + enc("size>5,name=alpha")))).containsExactly("a");
    assertThat(ids(server.json("/dirs?filter=" + enc("name=beta") + "&filter=" + enc("size=30"))))
        .containsExactly("b", "c");
  }

  @Test
  void filterPathsWalkIntoNestedCollections_CORE_FIL_002() throws Exception {
    assertThat(ids(server.json("/dirs?filter=" + enc("files.name=three")))).containsExactly("b");
    assertThat(ids(server.json("/dirs/a/files?filter=" + enc("name=two")))).containsExactly("f2");
    assertThat(ids(server.json("/dirs/a/files?filter=" + enc("meta.defaultversionid=1")))).containsExactly("f1", "f2");
    assertThat(ids(server.json("/dirs/a/files?filter=" + enc("fileid=f2")))).as("the Resource's own ID").containsExactly("f2");
    assertThat(ids(server.json("/dirs?filter=" + enc("dirid=b")))).containsExactly("b");
  }

  @Test
  void excludeAllAndBadFilters_CORE_FIL_007_010() throws Exception {
    assertThat(server.json("/dirs?filter=excludeall").size()).isZero();
    HttpResponse<String> mixed = server.get("/dirs?filter=excludeall,name=x");
    assertThat(mixed.statusCode()).isEqualTo(400);
    assertThat(type(mixed)).endsWith("#bad_filter");
    assertThat(type(server.get("/dirs?filter=" + enc("size<")))).endsWith("#bad_filter");
    assertThat(type(server.get("/dirs?filter=" + enc("name>a*")))).endsWith("#bad_filter");
  }

  @Test
  void aReferenceToAMissingAttributeIsANonMatch_CORE_FIL_009() throws Exception {
    assertThat(server.json("/dirs?filter=" + enc("nothere=1")).size()).isZero();
  }

  // ---- sort ----------------------------------------------------------------------------

  @Test
  void sortOrdersByAttributeMissingLowestTiesById_CORE_SRT_001_003() throws Exception {
    assertThat(ids(server.json("/dirs?sort=size"))).containsExactly("b", "a", "c");
    assertThat(ids(server.json("/dirs?sort=" + enc("size=desc")))).containsExactly("c", "a", "b");
    assertThat(ids(server.json("/dirs?sort=name"))).as("case-insensitive, missing first").containsExactly("c", "a", "b");
    assertThat(ids(server.json("/dirs?sort=" + enc("name=desc")))).containsExactly("b", "a", "c");
  }

  @Test
  void sortOnANonCollectionOrBadSortIsAnError_CORE_SRT_002() throws Exception {
    HttpResponse<String> single = server.get("/dirs/a?sort=name");
    assertThat(single.statusCode()).isEqualTo(400);
    assertThat(type(single)).endsWith("#sort_noncollection");
    assertThat(type(server.get("/dirs?sort=" + enc("name=sideways")))).endsWith("#bad_sort");
  }

  @Test
  void sortAndFilterWorkWithPagination() throws Exception {
    HttpResponse<String> first = server.get("/dirs?sort=" + enc("size=desc") + "&limit=1");
    assertThat(ids(XregServer.JSON.readTree(first.body()))).containsExactly("c");
    String next = first.headers().allValues("Link").stream().filter(l -> l.contains("rel=next")).findFirst()
        .orElseThrow();
    String url = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
    assertThat(ids(server.json(url.substring(url.indexOf("/dirs"))))).containsExactly("a");
  }

  // ---- doc, ignore, specversion, capabilities -------------------------------------------

  @Test
  void docViewUsesJsonPointersForWhatIsInTheResponse_CORE_DOCV_001_002() throws Exception {
    JsonNode doc = server.json("/?doc&inline=dirs.files.versions,dirs.files.meta");
    assertThat(doc.path("self").asText()).isEqualTo("#/");
    assertThat(doc.at("/dirs/a/self").asText()).isEqualTo("#/dirs/a");
    assertThat(doc.at("/dirs/a/filesurl").asText()).isEqualTo("#/dirs/a/files");
    JsonNode f1 = doc.at("/dirs/a/files/f1");
    assertThat(f1.has("versionid")).as("default-Version attributes are dropped").isFalse();
    assertThat(f1.path("metaurl").asText()).isEqualTo("#/dirs/a/files/f1/meta");
    assertThat(f1.at("/meta/defaultversionurl").asText()).isEqualTo("#/dirs/a/files/f1/versions/1");
    JsonNode plain = server.json("/dirs/a?doc");
    assertThat(plain.path("self").asText()).isEqualTo("#/");
    assertThat(plain.path("filesurl").asText()).as("not inlined: absolute").startsWith("http://");
  }

  @Test
  void ignoreEpochSkipsTheEpochCheck_CORE_IGN_001() throws Exception {
    ok(server.send("PUT", "/dirs/ig", "{}"));
    HttpResponse<String> stale = server.send("PATCH", "/dirs/ig", "{\"epoch\":99,\"name\":\"x\"}");
    assertThat(type(stale)).endsWith("#mismatched_epoch");
    ok(server.send("PATCH", "/dirs/ig?ignore=epoch", "{\"epoch\":99,\"name\":\"x\"}"));
    assertThat(server.json("/dirs/ig").path("name").asText()).isEqualTo("x");
    assertThat(type(server.send("PATCH", "/dirs/ig?ignore=bogus", "{}"))).endsWith("#bad_ignore");
    ok(server.send("DELETE", "/dirs/ig", null));
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
  void ignoreIdDropsTheTargetsOwnIdsOnly_CORE_IGN_002() throws Exception {
    try {
      // an exported Group written under another ID
      ok(server.send("PUT", "/dirs/idg?ignore=id", "{\"dirid\":\"exported\",\"name\":\"n\"}"));
      assertThat(server.json("/dirs/idg").path("dirid").asText()).isEqualTo("idg");
      ok(server.send("PUT", "/dirs/idg/files/x$details", "{}"));
      ok(server.send("PUT", "/dirs/idg/files/x$details?ignore=id",
          "{\"fileid\":\"other\",\"meta\":{\"fileid\":\"other\"},\"name\":\"r\"}"));
      // a Version target: both the Resource's ID and versionid
      ok(server.send("PATCH", "/dirs/idg/files/x/versions/1$details?ignore=id",
          "{\"fileid\":\"other\",\"versionid\":\"9\",\"name\":\"v\"}"));
      JsonNode v = server.json("/dirs/idg/files/x/versions/1$details");
      assertThat(v.path("versionid").asText()).isEqualTo("1");
      assertThat(v.path("name").asText()).isEqualTo("v");
      assertThat(server.json("/capabilities").path("ignores").toString()).contains("\"id\"");

      Snapshot before = Snapshot.of(server, "/", "/dirs/idg", "/dirs/idg/files/x$details");
      HttpResponse<String> plain = server.send("PATCH", "/dirs/idg", "{\"dirid\":\"exported\"}");
      ProblemAssert.assertProblem(plain, 400, "mismatched_id",
          "The specified \"dirid\" value (exported) for \"/dirs/idg\" needs to be \"idg\".", "/dirs/idg");
      // nested entities keep their IDs
      HttpResponse<String> nested = server.send("PATCH", "/dirs/idg?ignore=id",
          "{\"dirid\":\"o\",\"files\":{\"x\":{\"fileid\":\"z\"}}}");
      assertThat(type(nested)).endsWith("#mismatched_id");
      // only single-entity targets: a collection's entries keep theirs
      HttpResponse<String> collection = server.send("PATCH", "/dirs?ignore=id", "{\"idg\":{\"dirid\":\"o\"}}");
      assertThat(type(collection)).endsWith("#mismatched_id");
      before.assertUnchanged();
    } finally {
      server.send("DELETE", "/dirs/idg", null);
    }
  }

  @Test
  void ignoreIdLetsAnEntityLandUnderAnotherId_CORE_IGN_002() throws Exception {
    String exported = "{\"dirid\":\"src\",\"name\":\"copy\",\"files\":{\"f\":{\"fileid\":\"f\","
        + "\"versionid\":\"v1\"}}}";
    Snapshot before = Snapshot.of(server, "/", "/dirs/ia");
    assertThat(type(server.send("PUT", "/dirs/ia", exported))).endsWith("#mismatched_id");
    before.assertUnchanged();
    ok(server.send("PUT", "/dirs/ia?ignore=id", exported));
    assertThat(server.json("/dirs/ia").path("dirid").asText()).isEqualTo("ia");
    // nested entities keep their IDs
    assertThat(server.json("/dirs/ia/files/f$details").path("versionid").asText()).isEqualTo("v1");
    // a Version target: both the Resource's ID and the versionid are ignored
    ok(server.send("PUT", "/dirs/ia/files/f/versions/v2?ignore=id", "{\"fileid\":\"g\",\"versionid\":\"v9\"}"));
    assertThat(server.json("/dirs/ia/files/f/versions/v2$details").path("versionid").asText()).isEqualTo("v2");
    // a collection target keeps every ID, so a mismatch is still one
    assertThat(type(server.send("PATCH", "/dirs?ignore=id", "{\"ib\":{\"dirid\":\"other\"}}")))
        .endsWith("#mismatched_id");
    assertThat(server.get("/dirs/ib").statusCode()).isEqualTo(404);
    ok(server.send("DELETE", "/dirs/ia", null));
  }

  @Test
  void specversionFlag_CORE_SPV_001() throws Exception {
    assertThat(server.get("/?specversion=1.0-RC4").statusCode()).isEqualTo(200);
    HttpResponse<String> old = server.get("/?specversion=0.5");
    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(type(old)).endsWith("#unsupported_specversion");
  }

  @Test
  void flagsSwitchedOffInCapabilitiesAreIgnored_CORE_FLG_002_CORE_CAP_011() throws Exception {
    try {
      HttpResponse<String> patched = server.send("PATCH", "/capabilities", "{\"flags\":[\"inline\"]}");
      ok(patched);
      assertThat(XregServer.JSON.readTree(patched.body()).path("flags").toString()).isEqualTo("[\"inline\"]");
      assertThat(server.json("/dirs?filter=" + enc("name=alpha")).size()).as("filter off: ignored").isEqualTo(3);
      assertThat(server.json("/?inline=dirs").has("dirs")).isTrue();
    } finally {
      ok(server.send("PUT", "/capabilities", "{}"));
    }
    assertThat(ids(server.json("/dirs?filter=" + enc("name=alpha")))).containsExactly("a");
  }

  @Test
  void capabilityUpdatesAreValidated_CORE_CAP_012_013_014() throws Exception {
    assertThat(type(server.send("PATCH", "/capabilities", "{\"nope\":1}"))).endsWith("#capability_unknown");
    assertThat(type(server.send("PATCH", "/capabilities", "{\"flags\":[\"*\",\"doc\"]}"))).endsWith("#capability_wildcard");
    assertThat(type(server.send("PATCH", "/capabilities", "{\"specversions\":[]}"))).endsWith("#capability_missing_value");
    assertThat(type(server.send("PATCH", "/capabilities", "{\"flags\":[\"teleport\"]}"))).endsWith("#capability_value");
    JsonNode offered = server.json("/capabilitiesoffered");
    assertThat(offered.at("/flags/enum").toString()).contains("filter", "sort", "inline");
  }

  @Test
  void aFilterTheTargetEntityFailsIsNotFound_CORE_FIL_008() throws Exception {
    assertThat(server.get("/dirs/a?filter=" + enc("name=alpha")).statusCode()).isEqualTo(200);
    HttpResponse<String> miss = server.get("/dirs/a?filter=" + enc("name=beta"));
    assertThat(miss.statusCode()).isEqualTo(404);
    assertThat(type(miss)).endsWith("#not_found");
    assertThat(server.get("/dirs/a/files/f1$details?filter=" + enc("name=one")).statusCode()).isEqualTo(200);
    assertThat(server.get("/dirs/a/files/f1$details?filter=" + enc("name=two")).statusCode()).isEqualTo(404);
  }

  // ---- Registry entity, capabilities, model ---------------------------------------------

  @Test
  void registryEntityShape_CORE_REG_001_003() throws Exception {
    HttpResponse<String> r = server.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode reg = XregServer.JSON.readTree(r.body());
    assertThat(ids(reg)).startsWith("specversion", "registryid", "self", "xid", "epoch");
    assertThat(reg.path("specversion").asText()).isEqualTo("1.0-rc4");
    assertThat(reg.path("self").asText()).isEqualTo(server.base() + "/");
    assertThat(reg.path("xid").asText()).isEqualTo("/");
    assertThat(reg.path("dirsurl").asText()).isEqualTo(server.base() + "/dirs");
    assertThat(reg.path("dirscount").isIntegralNumber()).isTrue();
    assertThat(reg.has("createdat") && reg.has("modifiedat")).isTrue();
    // specversion is read-only: a client value is ignored
    ok(server.send("PATCH", "/", "{\"specversion\":\"9.9\"}"));
    assertThat(server.json("/").path("specversion").asText()).isEqualTo("1.0-rc4");
  }

  @Test
  void capabilityChangesAreRegistryUpdates_CORE_REG_004_CORE_CAP_002_003() throws Exception {
    JsonNode caps = server.json("/capabilities");
    assertThat(ids(caps)).contains("available", "compatibilities", "flags", "formats", "ignores", "pagination",
        "shortself", "specversions", "versionmodes");
    assertThat(caps.at("/available/model/mutable").asBoolean(true)).isFalse();
    assertThat(caps.at("/available/entities/mutable").asBoolean()).isTrue();
    assertThat(caps.at("/versionmodes").toString()).contains("manual");
    long epoch = server.json("/").path("epoch").asLong();
    ok(server.send("PATCH", "/capabilities", "{\"flags\":[\"*\"]}"));
    assertThat(server.json("/").path("epoch").asLong()).isEqualTo(epoch + 1);
  }

  @Test
  void modelIsReadOnlyAndRefusesChangesThatOrphanData_CORE_MOD_001_007() throws Exception {
    HttpResponse<String> put = server.send("PUT", "/model", "{}");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(type(put)).endsWith("#action_not_supported");
    HttpResponse<String> orphaning = server.send("PUT", "/modelsource", "{}");
    assertThat(orphaning.statusCode()).isEqualTo(400);
    assertThat(type(orphaning)).endsWith("#model_compliance_error");
    assertThat(server.json("/modelsource")).isEqualTo(XregServer.JSON.readTree(MODEL));
  }

  @Test
  void postToTheRootUpsertsGroupsOnly_CORE_REG_009() throws Exception {
    long epoch = server.json("/").path("epoch").asLong();
    HttpResponse<String> posted = server.send("POST", "/",
        "{\"dirs\":{\"p1\":{\"name\":\"posted\",\"files\":{\"pf\":{\"name\":\"pf\"}}}}}");
    ok(posted);
    JsonNode body = XregServer.JSON.readTree(posted.body());
    assertThat(ids(body)).containsExactly("dirs");
    assertThat(body.at("/dirs/p1/name").asText()).isEqualTo("posted");
    assertThat(body.has("specversion")).as("no Registry attributes").isFalse();
    assertThat(server.json("/dirs/p1/files/pf$details").path("name").asText()).isEqualTo("pf");
    assertThat(server.json("/").path("epoch").asLong()).as("a Group was added").isEqualTo(epoch + 1);

    HttpResponse<String> other = server.send("POST", "/", "{\"name\":\"x\",\"dirs\":{}}");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(type(other)).endsWith("#groups_only");
    ok(server.send("DELETE", "/dirs/p1", null));
  }

  private static List<String> ids(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String type(HttpResponse<String> r) throws Exception {
    return XregServer.JSON.readTree(r.body()).path("type").asText();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
  }
}
