package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Response shapes (checklist section 4; CORE-COM-001/002, CORE-RES-001, CORE-COLL-001..005),
 * the status and headers of creating writes (CORE-HTTP-008/009) and the value rules of
 * {@code name} and {@code labels} (CORE-COM-011/012, CORE-ATTR-002/004).
 */
class ResponseShapesIT {
  /** {@code files} have documents ($details URLs); {@code notes} do not; {@code teams} stays empty. */
  private static final String MODEL = """
      {"groups":{
        "dirs":{"singular":"dir","resources":{
          "files":{"singular":"file"},
          "notes":{"singular":"note","hasdocument":false}}},
        "teams":{"singular":"team","resources":{"docs":{"singular":"doc","hasdocument":false}}}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);
  private String g;

  @BeforeEach
  void newGroup() {
    g = server.uniquePath("/dirs/s");
  }

  private static List<String> keys(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String url(String xid) {
    return server.base() + xid;
  }

  @Test
  void com001And002SelfAndXidOfEveryLevel() throws Exception {
    server.ok("PUT", g + "/files/f/versions/v1$details", "{}");
    server.ok("PUT", g + "/notes/n/versions/v1", "{}");
    JsonNode registry = server.json("/");
    assertThat(registry.get("self").asText()).isEqualTo(server.base() + "/");
    assertThat(registry.get("xid").asText()).isEqualTo("/");
    JsonNode group = server.json(g);
    assertThat(group.get("self").asText()).isEqualTo(url(g));
    assertThat(group.get("xid").asText()).isEqualTo(g);

    String f = g + "/files/f";
    String n = g + "/notes/n";
    // with a document, the metadata form of Resources and Versions is the $details URL
    assertThat(server.json(f + "$details").get("self").asText()).isEqualTo(url(f) + "$details");
    assertThat(server.json(f + "/versions/v1$details").get("self").asText()).isEqualTo(url(f) + "/versions/v1$details");
    assertThat(server.json(f + "/meta").get("self").asText()).as("meta has no document").isEqualTo(url(f) + "/meta");
    assertThat(server.json(f + "/meta").get("defaultversionurl").asText()).isEqualTo(url(f) + "/versions/v1$details");
    // without one, no $details anywhere
    assertThat(server.json(n).get("self").asText()).isEqualTo(url(n));
    assertThat(server.json(n + "/versions/v1").get("self").asText()).isEqualTo(url(n) + "/versions/v1");
    assertThat(server.json(n + "/meta").get("defaultversionurl").asText()).isEqualTo(url(n) + "/versions/v1");

    // the xid is the full path whatever the request was, also through collections and inlining
    assertThat(server.json(f + "$details").get("xid").asText()).isEqualTo(f);
    assertThat(server.json(f + "/meta").get("xid").asText()).isEqualTo(f + "/meta");
    assertThat(server.json(f + "/versions/v1$details").get("xid").asText()).isEqualTo(f + "/versions/v1");
    assertThat(server.json(g + "/files").get("f").get("xid").asText()).isEqualTo(f);
    assertThat(server.json(f + "/versions").get("v1").get("xid").asText()).isEqualTo(f + "/versions/v1");
    assertThat(server.json("/dirs").get(g.substring("/dirs/".length())).get("xid").asText()).isEqualTo(g);
    assertThat(server.json(g + "?inline=notes.versions").get("notes").get("n").get("versions").get("v1")
        .get("self").asText()).isEqualTo(url(n) + "/versions/v1");
  }

  @Test
  void res001TheResourceShowsItsDefaultVersionUnderItsOwnIdentity() throws Exception {
    String n = g + "/notes/n";
    server.ok("PUT", n + "/versions/v1", "{\"name\":\"one\"}");
    server.ok("PUT", n + "/versions/v2", "{\"name\":\"two\"}");
    server.ok("PATCH", n + "/versions/v2", "{\"description\":\"moved on\"}");
    server.ok("PATCH", n + "/meta", "{\"labels\":{\"k\":\"v\"}}");
    JsonNode resource = server.json(n);
    JsonNode v2 = server.json(n + "/versions/v2");
    JsonNode meta = server.json(n + "/meta");
    assertThat(resource.get("versionid").asText()).isEqualTo("v2");
    assertThat(resource.get("isdefault").asBoolean()).isTrue();
    for (String k : List.of("epoch", "name", "description", "createdat", "modifiedat", "ancestorid")) {
      assertThat(resource.get(k)).as(k + " is the default Version's").isEqualTo(v2.get(k));
    }
    assertThat(resource.get("epoch")).as("not meta's epoch").isNotEqualTo(meta.get("epoch"));
    assertThat(resource.has("labels")).as("meta's labels stay in meta").isFalse();
    assertThat(resource.get("noteid").asText()).isEqualTo("n");
    assertThat(resource.get("self").asText()).isEqualTo(url(n));
    assertThat(resource.get("xid").asText()).isEqualTo(n);
    assertThat(resource.get("metaurl").asText()).isEqualTo(url(n) + "/meta");
    assertThat(resource.get("versionsurl").asText()).isEqualTo(url(n) + "/versions");
    assertThat(resource.get("versionscount").asLong()).isEqualTo(2);
    assertThat(resource.has("meta")).isFalse();
    assertThat(resource.has("versions")).isFalse();
  }

  @Test
  void coll001To004CollectionsAreUrlCountAndAMapWhenInlined() throws Exception {
    server.ok("PUT", g, "{}");
    JsonNode registry = server.json("/");
    // every Group type, even one without any Group (COLL-004), with an absolute URL (COLL-002)
    assertThat(registry.get("teamsurl").asText()).isEqualTo(url("/teams"));
    assertThat(registry.get("teamscount").asLong()).isZero();
    assertThat(registry.get("dirsurl").asText()).isEqualTo(url("/dirs"));
    assertThat(registry.has("dirs")).as("not inlined, not present (COLL-003)").isFalse();

    JsonNode empty = server.json(g);
    for (String c : List.of("files", "notes")) {
      assertThat(empty.get(c + "url").asText()).isEqualTo(url(g + "/" + c));
      assertThat(empty.get(c + "count").asLong()).isZero();
      assertThat(empty.has(c)).isFalse();
    }
    assertThat(server.json(g + "?inline=notes").get("notes")).as("inlined and empty: {}")
        .isEqualTo(XregServer.JSON.createObjectNode());

    server.ok("PUT", g + "/notes/b", "{}");
    server.ok("PUT", g + "/notes/a", "{}");
    JsonNode inlined = server.json(g + "?inline=notes");
    assertThat(inlined.get("notescount").asLong()).isEqualTo(2);
    assertThat(keys(inlined.get("notes"))).containsExactlyInAnyOrder("a", "b");
    assertThat(inlined.get("notes").get("a").get("noteid").asText()).as("keyed by ID (COLL-001)").isEqualTo("a");
    assertThat(inlined.has("files")).as("only what was inlined").isFalse();
    assertThat(server.json(g + "/notes")).as("the collection itself is the same map")
        .isEqualTo(inlined.get("notes"));
  }

  @Test
  void coll005CollectionUrlsAndCountsInRequestsAreIgnored() throws Exception {
    JsonNode group = server.ok("PUT", g, "{\"notesurl\":\"http://elsewhere/x\",\"notescount\":99,\"filescount\":-1}");
    assertThat(group.get("notesurl").asText()).isEqualTo(url(g + "/notes"));
    assertThat(group.get("notescount").asLong()).isZero();
    JsonNode note = server.ok("PUT", g + "/notes/n", "{\"versionsurl\":\"x\",\"versionscount\":7,\"metaurl\":\"y\"}");
    assertThat(note.get("versionsurl").asText()).isEqualTo(url(g + "/notes/n/versions"));
    assertThat(note.get("versionscount").asLong()).isEqualTo(1);
    assertThat(note.get("metaurl").asText()).isEqualTo(url(g + "/notes/n/meta"));
    JsonNode root = server.ok("PATCH", "/", "{\"teamscount\":5,\"teamsurl\":\"z\"}");
    assertThat(root.get("teamscount").asLong()).isZero();
  }

  @Test
  void http008And009CreatingWritesAnswer201WithLocationAndContentLocation() throws Exception {
    HttpResponse<String> group = server.send("PUT", g, "{}");
    assertThat(group.statusCode()).isEqualTo(201);
    assertThat(group.headers().firstValue("Location")).hasValue(url(g));
    HttpResponse<String> again = server.send("PUT", g, "{}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Location")).isEmpty();

    String n = g + "/notes/n";
    HttpResponse<String> resource = server.send("PUT", n, "{\"versionid\":\"v1\"}");
    assertThat(resource.statusCode()).isEqualTo(201);
    assertThat(resource.headers().firstValue("Location")).hasValue(url(n));
    assertThat(resource.headers().firstValue("Content-Location")).as("the new Version's self")
        .hasValue(url(n) + "/versions/v1");
    HttpResponse<String> update = server.send("PUT", n, "{\"name\":\"x\"}");
    assertThat(update.statusCode()).isEqualTo(200);
    assertThat(update.headers().firstValue("Location")).isEmpty();
    assertThat(update.headers().firstValue("Content-Location")).as("no Version created").isEmpty();

    HttpResponse<String> version = server.send("PUT", n + "/versions/v2", "{}");
    assertThat(version.statusCode()).isEqualTo(201);
    assertThat(version.headers().firstValue("Location")).hasValue(url(n) + "/versions/v2");
    assertThat(version.headers().firstValue("Content-Location")).hasValue(url(n) + "/versions/v2");
    HttpResponse<String> posted = server.send("POST", n, "{\"versionid\":\"v3\"}");
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(posted.headers().firstValue("Location")).hasValue(url(n) + "/versions/v3");
    HttpResponse<String> patched = server.send("PATCH", g + "/notes/p", "{}");
    assertThat(patched.statusCode()).as("PATCH that creates").isEqualTo(201);
    assertThat(patched.headers().firstValue("Location")).hasValue(url(g + "/notes/p"));

    // with a document the metadata URL is the $details one
    String f = g + "/files/f";
    HttpResponse<String> file = server.send("PUT", f + "$details", "{\"versionid\":\"v1\"}");
    assertThat(file.headers().firstValue("Location")).hasValue(url(f) + "$details");
    assertThat(file.headers().firstValue("Content-Location")).hasValue(url(f) + "/versions/v1$details");
  }

  @Test
  void com011And012AndAttr002And004NameAndLabelValues() throws Exception {
    server.ok("PUT", g, "{}");
    Snapshot unchanged = Snapshot.of(server, "/", g);
    String big = "x".repeat(4094);
    String[][] bad = {
        {"{\"name\":\"\"}", "name", "must not be an empty string"},
        {"{\"labels\":{\"Env\":\"x\"}}", "labels", "label key \"Env\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$"},
        {"{\"labels\":{\"_x\":\"x\"}}", "labels", "label key \"_x\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$"},
        {"{\"labels\":{\"\":\"x\"}}", "labels", "label key \"\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$"},
        {"{\"labels\":{\"" + "k".repeat(64) + "\":\"x\"}}", "labels",
            "label key \"" + "k".repeat(64) + "\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$"},
        {"{\"labels\":{\"key\":\"" + big + "\"}}", "labels",
            "the serialized name and value of \"key\" have 4097 bytes, more than 4096"},
        {"{\"description\":\"" + "d".repeat(4086) + "\"}", "description",
            "the serialized name and value of \"description\" have 4097 bytes, more than 4096"},
    };
    for (String[] c : bad) {
      HttpResponse<String> r = server.send("PATCH", g, c[0]);
      JsonNode p = XregServer.JSON.readTree(r.body());
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(p.path("type").asText()).endsWith("#invalid_attribute");
      assertThat(p.path("title").asText()).as(c[0])
          .isEqualTo("The attribute \"" + c[1] + "\" for \"" + g + "\" is not valid: " + c[2] + ".");
      unchanged.assertUnchanged();
    }
    // the limits themselves are fine, and so are empty label values and 63-character keys
    JsonNode ok = server.ok("PATCH", g, "{\"labels\":{\"" + "k".repeat(63) + "\":\"\",\"a.b:c-d_e\":\"" + "v".repeat(
        4096 - 9) + "\"},\"description\":\"" + "d".repeat(4096 - 11) + "\"}");
    assertThat(ok.get("labels").get("k".repeat(63)).asText()).isEmpty();
    assertThat(ok.get("description").asText()).hasSize(4085);
  }
}
