package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist 3.13 (CORE-XREF-001/002/006) and 1.8: spec.md "Cross Referencing Resources".
 * Each test works in its own pair of Groups: {@code src} holds the source Resources,
 * {@code tgt} the targets.
 */
class CrossReferencesIT {
  /** {@code teams/files} has the same names as {@code dirs/files} but is a different Resource type. */
  private static final String MODEL = """
      {"groups":{
        "dirs":{"singular":"dir","resources":{
          "files":{"singular":"file","hasdocument":false},
          "notes":{"singular":"note","hasdocument":false}}},
        "teams":{"singular":"team","resources":{"files":{"singular":"file","hasdocument":false}}}}}""";
  private static final AtomicInteger GROUPS = new AtomicInteger();
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private String src;
  private String tgt;

  @BeforeEach
  void newGroups() {
    int n = GROUPS.incrementAndGet();
    src = "/dirs/src" + n;
    tgt = "/dirs/tgt" + n;
  }

  /** A target {@code tgt/files/t} with Versions x1 <- x2 (x2 the default), a name, and meta labels. */
  private String target() throws Exception {
    String t = tgt + "/files/t";
    server.ok("PUT", t, """
        {"meta":{"labels":{"team":"blue"}},"versions":{"x1":{"name":"first"},"x2":{"name":"second"}}}""");
    return t;
  }

  private JsonNode xref(String source, String target) throws Exception {
    return server.ok("PUT", source, "{\"meta\":{\"xref\":\"" + target + "\"}}");
  }

  private static List<String> keys(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void xref001And002TheSourceShowsItsTargetUnderItsOwnIdsAndUrls() throws Exception {
    String t = target();
    String s = src + "/files/s";
    HttpResponse<String> created = server.send("PUT", s, "{\"meta\":{\"xref\":\"" + t + "\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(server.base() + s);

    JsonNode target = server.json(t + "?inline=meta");
    JsonNode source = server.json(s + "?inline=meta");
    // the source's own identity
    assertThat(source.get("fileid").asText()).isEqualTo("s");
    assertThat(source.get("self").asText()).isEqualTo(server.base() + s);
    assertThat(source.get("xid").asText()).isEqualTo(s);
    assertThat(source.get("metaurl").asText()).isEqualTo(server.base() + s + "/meta");
    assertThat(source.get("versionsurl").asText()).isEqualTo(server.base() + s + "/versions");
    // the target's default Version and counts
    for (String k : List.of("versionid", "epoch", "name", "isdefault", "createdat", "modifiedat", "ancestorid",
        "versionscount")) {
      assertThat(source.get(k)).as(k).isEqualTo(target.get(k));
    }
    assertThat(source.get("name").asText()).isEqualTo("second");
    // meta: the source's identity and xref, the target's meta attributes, URLs under the source
    JsonNode meta = source.get("meta");
    assertThat(meta.get("fileid").asText()).isEqualTo("s");
    assertThat(meta.get("self").asText()).isEqualTo(server.base() + s + "/meta");
    assertThat(meta.get("xid").asText()).isEqualTo(s + "/meta");
    assertThat(meta.get("xref").asText()).isEqualTo(t);
    assertThat(meta.get("defaultversionurl").asText()).isEqualTo(server.base() + s + "/versions/x2");
    for (String k : List.of("epoch", "labels", "createdat", "modifiedat", "readonly", "defaultversionid",
        "defaultversionsticky")) {
      assertThat(meta.get(k)).as("meta." + k).isEqualTo(target.get("meta").get(k));
    }
    assertThat(server.json(s + "/meta")).as("meta read directly").isEqualTo(meta);

    // the Versions, directly and inlined, under the source's URLs
    JsonNode versions = server.json(s + "/versions");
    assertThat(keys(versions)).containsExactly("x1", "x2");
    JsonNode x1 = server.json(s + "/versions/x1");
    assertThat(versions.get("x1")).isEqualTo(x1);
    assertThat(x1.get("fileid").asText()).isEqualTo("s");
    assertThat(x1.get("xid").asText()).isEqualTo(s + "/versions/x1");
    assertThat(x1.get("self").asText()).isEqualTo(server.base() + s + "/versions/x1");
    assertThat(x1.get("name").asText()).isEqualTo("first");
    assertThat(keys(server.json(s + "?inline=versions").get("versions"))).containsExactly("x1", "x2");

    // listed in its collection like any Resource, and it follows the target's changes
    server.ok("PATCH", t + "/versions/x2", "{\"name\":\"renamed\"}");
    assertThat(server.json(src + "/files").get("s").get("name").asText()).isEqualTo("renamed");
    assertThat(server.json(s).get("epoch")).isEqualTo(server.json(t).get("epoch"));
    // and the target itself does not know about the source
    assertThat(server.json(t + "/meta").has("xref")).isFalse();
  }

  @Test
  void xref002SettingXrefDeletesTheVersionsAndAllowsOnlyXrefIdsAndEpoch() throws Exception {
    String t = target();
    String s = src + "/files/s";
    server.ok("PUT", s, "{\"versions\":{\"own1\":{\"name\":\"mine\"}}}");
    long metaEpoch = server.json(s + "/meta").get("epoch").asLong();
    Snapshot unchanged = Snapshot.of(server, "/", src, s, s + "/meta", s + "/versions", t + "/meta");

    for (String body : List.of(
        "{\"name\":\"n\",\"meta\":{\"xref\":\"" + t + "\"}}",
        "{\"versions\":{},\"meta\":{\"xref\":\"" + t + "\"}}",
        "{\"versionid\":\"own1\",\"meta\":{\"xref\":\"" + t + "\"}}",
        "{\"meta\":{\"xref\":\"" + t + "\",\"labels\":{}}}",
        "{\"meta\":{\"xref\":\"" + t + "\",\"defaultversionsticky\":false}}")) {
      HttpResponse<String> r = server.send("PUT", s, body);
      String name = XregServer.JSON.readTree(body).fieldNames().next();
      String offending = "meta".equals(name) ? List.of("labels", "defaultversionsticky").stream()
          .filter(body::contains).findFirst().orElseThrow() : name;
      assertProblem(r, 400, "extra_xref_attribute", "Attribute \"" + offending
          + "\" is not allowed to be present since the \"file\" (" + s + ") uses \"xref\".", s);
      unchanged.assertUnchanged();
    }
    assertProblem(server.send("PUT", s, "{\"meta\":{\"xref\":\"" + t + "\",\"epoch\":" + (metaEpoch + 5) + "}}"),
        400, "mismatched_epoch", "The specified epoch value (" + (metaEpoch + 5) + ") for \"" + s
            + "/meta\" does not match its current value (" + metaEpoch + ").", s + "/meta");
    unchanged.assertUnchanged();

    // IDs, the echoed identity and a matching meta.epoch are fine on a normal Resource
    server.ok("PUT", s, "{\"fileid\":\"s\",\"self\":\"x\",\"meta\":{\"fileid\":\"s\",\"xref\":\"" + t
        + "\",\"epoch\":" + metaEpoch + "}}");
    assertThat(keys(server.json(s + "/versions"))).as("own Versions deleted, the target's shown")
        .containsExactly("x1", "x2");
    assertThat(server.get(s + "/versions/own1").statusCode()).isEqualTo(404);

    // meta.epoch is for Resources that are normal so far, not for a new one
    String fresh = src + "/files/fresh";
    assertProblem(server.send("PUT", fresh, "{\"meta\":{\"xref\":\"" + t + "\",\"epoch\":1}}"), 400,
        "extra_xref_attribute", "Attribute \"epoch\" is not allowed to be present since the \"file\" (" + fresh
            + ") uses \"xref\".", fresh);
    assertThat(server.get(fresh + "/meta").statusCode()).isEqualTo(404);

    // an xref's Versions are the target's: they cannot be written through the source
    Snapshot xrefState = Snapshot.of(server, s, s + "/versions", t + "/versions");
    assertProblem(server.send("POST", s + "/versions", "{\"v9\":{}}"), 400, "extra_xref_attribute",
        "Attribute \"versions\" is not allowed to be present since the \"file\" (" + s + ") uses \"xref\".", s);
    assertProblem(server.send("PUT", s + "/versions/x1", "{}"), 400, "extra_xref_attribute",
        "Attribute \"versions\" is not allowed to be present since the \"file\" (" + s + ") uses \"xref\".", s);
    assertProblem(server.send("PATCH", s, "{\"name\":\"through the source\"}"), 400, "extra_xref_attribute",
        "Attribute \"name\" is not allowed to be present since the \"file\" (" + s + ") uses \"xref\".", s);
    xrefState.assertUnchanged();
  }

  @Test
  void xref001MalformedXrefs() throws Exception {
    String s = src + "/files/s";
    server.ok("PUT", s, "{}");
    Snapshot unchanged = Snapshot.of(server, "/", src, s, s + "/meta", s + "/versions");
    String[][] cases = {
        {"\"dirs/d/files/f\"", "dirs/d/files/f", "it must be the xid of a Resource, /<groups>/<groupid>/<resources>/<resourceid>"},
        {"\"/dirs/d/files\"", "/dirs/d/files", "it must be the xid of a Resource, /<groups>/<groupid>/<resources>/<resourceid>"},
        {"\"/dirs/d/files/f/versions/1\"", "/dirs/d/files/f/versions/1", "it must be the xid of a Resource, /<groups>/<groupid>/<resources>/<resourceid>"},
        {"\"/dirs/-d/files/f\"", "/dirs/-d/files/f", "\"-d\" is not a valid ID"},
        {"\"/teams/t/files/f\"", "/teams/t/files/f", "it must reference a Resource of the same type, /dirs/<groupid>/files/<resourceid>, not /teams/.../files"},
        {"\"/dirs/d/notes/n\"", "/dirs/d/notes/n", "it must reference a Resource of the same type, /dirs/<groupid>/files/<resourceid>, not /dirs/.../notes"},
        {"\"/nothing/d/files/f\"", "/nothing/d/files/f", "it must reference a Resource of the same type, /dirs/<groupid>/files/<resourceid>, not /nothing/.../files"},
        {"42", "42", "it must be a string, the xid of a Resource"},
    };
    for (String[] c : cases) {
      assertProblem(server.send("PATCH", s + "/meta", "{\"xref\":" + c[0] + "}"), 400, "malformed_xref",
          "For \"" + s + "/meta\", the specified xref value (" + c[1] + ") is malformed: " + c[2] + ".", s + "/meta");
      unchanged.assertUnchanged();
    }
  }

  @Test
  void xref002DanglingTargetShowsOnlyIdentity() throws Exception {
    String t = target();
    String s = src + "/files/s";
    xref(s, t);
    server.ok("DELETE", t, null);

    JsonNode source = server.json(s + "?inline=meta");
    assertThat(keys(source)).containsExactly("fileid", "self", "xid", "metaurl", "meta");
    assertThat(keys(source.get("meta"))).containsExactly("fileid", "self", "xid", "xref");
    assertThat(source.get("meta").get("xref").asText()).isEqualTo(t);
    assertThat(keys(server.json(s))).containsExactly("fileid", "self", "xid", "metaurl");
    assertThat(server.json(s + "/meta")).isEqualTo(source.get("meta"));
    assertThat(keys(server.json(s + "/versions"))).isEmpty();
    assertThat(server.get(s + "/versions/x1").statusCode()).isEqualTo(404);
    assertThat(server.json(src + "/files").get("s")).isEqualTo(server.json(s));

    // a target that never existed is not an error either, and reappears once created
    String never = src + "/files/never";
    assertThat(keys(xref(never, tgt + "/files/later"))).containsExactly("fileid", "self", "xid", "metaurl");
    server.ok("PUT", tgt + "/files/later", "{\"name\":\"now here\"}");
    assertThat(server.json(never).get("name").asText()).isEqualTo("now here");
  }

  @Test
  void xref002XrefsAreNotFollowedTransitively() throws Exception {
    String c = target();
    String b = src + "/files/b";
    String a = src + "/files/a";
    xref(b, c);
    xref(a, b);
    assertThat(server.json(b).get("name").asText()).isEqualTo("second");
    JsonNode viaTwoHops = server.json(a + "?inline=meta");
    assertThat(keys(viaTwoHops)).as("a's target is an xref: shown like a dangling one")
        .containsExactly("fileid", "self", "xid", "metaurl", "meta");
    assertThat(viaTwoHops.get("meta").get("xref").asText()).isEqualTo(b);
    // a loop is just two xrefs whose targets are xrefs
    xref(b, a);
    assertThat(keys(server.json(a))).containsExactly("fileid", "self", "xid", "metaurl");
    assertThat(keys(server.json(b))).containsExactly("fileid", "self", "xid", "metaurl");
  }

  @Test
  void xref002UnsettingCreatesADefaultVersionWithEpochAboveBoth() throws Exception {
    String t = target();
    String s = src + "/files/s";
    JsonNode original = server.ok("PUT", s, "{\"name\":\"old\",\"meta\":{\"labels\":{\"old\":\"yes\"}}}");
    String createdat = server.json(s + "/meta").get("createdat").asText();
    xref(s, t);
    long sourceOwn = 2; // created 1, turned into an xref 2
    // push the target's epoch above the source's own
    server.ok("PATCH", t + "/meta", "{\"labels\":{\"a\":\"1\"}}");
    server.ok("PATCH", t + "/meta", "{\"labels\":{\"a\":\"2\"}}");
    long targetEpoch = server.json(t + "/meta").get("epoch").asLong();
    assertThat(targetEpoch).isGreaterThan(sourceOwn);

    JsonNode normal = server.ok("PUT", s, "{\"name\":\"fresh\",\"meta\":{\"xref\":null}}");
    JsonNode meta = server.json(s + "/meta");
    assertThat(meta.has("xref")).isFalse();
    assertThat(meta.get("epoch").asLong()).as("max(own, target) + 1").isEqualTo(targetEpoch + 1);
    assertThat(meta.get("createdat").asText()).as("the original creation time").isEqualTo(createdat);
    assertThat(meta.get("modifiedat").asText()).isGreaterThan(createdat);
    assertThat(meta.has("labels")).as("old meta attributes are not resurrected").isFalse();
    assertThat(normal.get("name").asText()).as("Resource-level attributes make the new default Version")
        .isEqualTo("fresh");
    JsonNode versions = server.json(s + "/versions");
    assertThat(keys(versions)).hasSize(1);
    String vid = keys(versions).get(0);
    assertThat(vid).as("a new Version, not the one from before the xref")
        .isNotEqualTo(original.get("versionid").asText());
    assertThat(meta.get("defaultversionid").asText()).isEqualTo(vid);
    assertThat(server.json(t + "/meta").get("epoch").asLong()).as("the target is untouched").isEqualTo(targetEpoch);

    // via meta alone, with the target gone (counts as epoch 0): a default Version of defaults
    String s2 = src + "/files/s2";
    server.ok("PUT", s2, "{}");
    xref(s2, t);
    server.ok("DELETE", t, null);
    long own = 2; // created 1, turned into an xref 2; a dangling xref does not show it
    JsonNode patched = server.ok("PATCH", s2 + "/meta", "{\"xref\":null}");
    assertThat(patched.has("xref")).isFalse();
    assertThat(patched.get("epoch").asLong()).isEqualTo(own + 1);
    JsonNode resource = server.json(s2);
    assertThat(resource.get("versionscount").asLong()).isEqualTo(1);
    assertThat(resource.has("name")).isFalse();
    assertThat(resource.get("isdefault").asBoolean()).isTrue();
  }

  @Test
  void xref006DocViewHidesTheTargetAndCannotShowItsVersions() throws Exception {
    String t = target();
    String s = src + "/files/s";
    xref(s, t);
    JsonNode doc = server.json(s + "?doc&inline=meta");
    assertThat(keys(doc)).containsExactly("fileid", "self", "xid", "metaurl", "meta");
    assertThat(keys(doc.get("meta"))).containsExactly("fileid", "self", "xid", "xref");
    String title = "Retrieving the document view of a Version for \"" + s
        + "\" is not allowed because it uses \"xref\".";
    assertProblem(server.get(s + "/versions?doc"), 400, "cannot_doc_xref", title, s);
    assertProblem(server.get(s + "/versions/x1?doc"), 400, "cannot_doc_xref", title, s);
    assertThat(server.get(t + "/versions?doc").statusCode()).as("the target itself is fine").isEqualTo(200);
  }
}
