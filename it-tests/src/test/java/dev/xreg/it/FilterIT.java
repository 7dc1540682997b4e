package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, {@code ?filter} beyond the collection's own members: results are the matching
 * subtrees (CORE-FIL-005/006/011: nested inlined collections narrowed, counts and URLs with
 * sub-filters, {@code excludeall} for empty ones) and the dot-notation path syntax in filters
 * (CORE-FIL-002: {@code .*}, {@code [*]}, {@code [n]}, quoted keys).
 */
class FilterIT {
  private static final String MODEL = """
      {"groups":{
        "dirs":{"singular":"dir","attributes":{"*":{"type":"any"}},"resources":{
          "files":{"singular":"file","hasdocument":false,"attributes":{"*":{"type":"any"}}},
          "notes":{"singular":"note","hasdocument":false}}},
        "boxes":{"singular":"box"}}}""";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @BeforeAll
  static void data() throws Exception {
    server.ok("PUT", "/dirs/d1", "{\"name\":\"One\"}");
    server.ok("PUT", "/dirs/d2", "{\"name\":\"Two\"}");
    server.ok("PUT", "/dirs/d3", "{\"name\":\"Three\"}");
    server.ok("PUT", "/boxes/b1", "{}");
    // f1: two Versions, the default (2, the highest ID of equal age) is "x"
    server.ok("PUT", "/dirs/d1/files/f1", """
        {"versions":{"1":{"name":"old"},"2":{"name":"x","size":1,"labels":{"env":"prod"},
          "reviewers":["Steve","Ann"],"addresses":{"home":{"state":"CA"},"work":{"state":"NY"}},
          "props":{"a.b":"dotted","2":"two"}}}}""");
    server.ok("PUT", "/dirs/d1/files/f2", "{\"name\":\"y\"}");
    server.ok("PUT", "/dirs/d1/notes/n1", "{\"name\":\"x\"}");
    server.ok("PUT", "/dirs/d2/files/f3", "{\"name\":\"x\"}");
    server.ok("PUT", "/dirs/d2/files/f4", "{\"name\":\"z\",\"size\":1}");
    server.ok("PUT", "/dirs/d3/files/f5", "{\"name\":\"y\"}");
  }

  // ---- matching subtrees ----------------------------------------------------------------

  @Test
  void inlinedNestedCollectionsShowOnlyMatchingLeaves_CORE_FIL_006_011() throws Exception {
    JsonNode dirs = server.json("/dirs?filter=" + enc("files.name=x") + "&inline=files");
    assertThat(ids(dirs)).containsExactly("d1", "d2");
    assertThat(ids(dirs.path("d1").path("files"))).containsExactly("f1");
    assertThat(ids(dirs.path("d2").path("files"))).containsExactly("f3");
    assertThat(dirs.at("/d1/filescount").asLong()).as("counts only matches").isEqualTo(1);
    assertThat(dirs.at("/d1/filesurl").asText()).endsWith("/dirs/d1/files?filter=name=x");
    // the sub-filter URL yields the same members
    assertThat(ids(server.json(relative(dirs.at("/d1/filesurl").asText())))).containsExactly("f1");
    // notes are not on the filter's path: nothing of them is in the result
    assertThat(dirs.at("/d1/notescount").asLong()).isZero();
    assertThat(dirs.at("/d1/notesurl").asText()).endsWith("/dirs/d1/notes?filter=excludeall");
    assertThat(dirs.path("d1").has("notes")).as("not inlined").isFalse();
  }

  @Test
  void withoutInlineCountsAndUrlsStillCarryTheSubfilter_CORE_FIL_006_011() throws Exception {
    JsonNode dirs = server.json("/dirs?filter=" + enc("files.name=x"));
    assertThat(dirs.path("d2").has("files")).as("a filter does not imply inlining").isFalse();
    assertThat(dirs.at("/d2/filescount").asLong()).isEqualTo(1);
    assertThat(dirs.at("/d2/filesurl").asText()).endsWith("/dirs/d2/files?filter=name=x");
  }

  @Test
  void fromTheRootChildrenOfMatchingLeavesAreInlinedAndOtherCollectionsExcluded_CORE_FIL_006_011() throws Exception {
    JsonNode root = server.json("/?filter=" + enc("dirs.files.name=x") + "&inline=*");
    assertThat(root.path("dirscount").asLong()).isEqualTo(2);
    assertThat(root.path("dirsurl").asText()).endsWith("/dirs?filter=files.name=x");
    assertThat(root.path("boxescount").asLong()).isZero();
    assertThat(root.path("boxesurl").asText()).endsWith("/boxes?filter=excludeall");
    assertThat(ids(root.path("boxes"))).isEmpty();
    assertThat(ids(root.path("dirs"))).containsExactly("d1", "d2");
    // f1 is a matching leaf: all of its Versions come with inline=*
    assertThat(ids(root.at("/dirs/d1/files/f1/versions"))).containsExactly("1", "2");
    assertThat(root.at("/dirs/d1/files/f1/versionsurl").asText()).endsWith("/dirs/d1/files/f1/versions");
    assertThat(ids(root.at("/dirs/d1/notes"))).isEmpty();
    assertThat(root.at("/dirs/d1/notesurl").asText()).endsWith("?filter=excludeall");
  }

  @Test
  void severalFiltersAreTheUnionOfTheirSubtrees_CORE_FIL_005() throws Exception {
    // d3 is a matching leaf of the first filter: all its files; elsewhere only files named x
    JsonNode root = server.json("/?filter=" + enc("dirs.name=three") + "&filter=" + enc("dirs.files.name=x")
        + "&inline=dirs.files");
    assertThat(ids(root.path("dirs"))).containsExactly("d1", "d2", "d3");
    assertThat(ids(root.at("/dirs/d1/files"))).containsExactly("f1");
    assertThat(ids(root.at("/dirs/d3/files"))).containsExactly("f5");
    assertThat(root.at("/dirs/d3/filesurl").asText()).endsWith("/dirs/d3/files");
    assertThat(root.path("dirsurl").asText()).endsWith("/dirs?filter=name=three&filter=files.name=x");
    JsonNode followed = server.json(relative(root.path("dirsurl").asText()));
    assertThat(ids(followed)).containsExactly("d1", "d2", "d3");

    // within one filter, AND: only d1's x files
    JsonNode and = server.json("/?filter=" + enc("dirs.name=one,dirs.files.name=x") + "&inline=dirs.files");
    assertThat(ids(and.path("dirs"))).containsExactly("d1");
    assertThat(ids(and.at("/dirs/d1/files"))).containsExactly("f1");
  }

  @Test
  void expressionsIntoTheSameCollectionAreAboutTheSameChild_CORE_FIL_005() throws Exception {
    // d2 has a file named x and another file of size 1, but no single file with both
    assertThat(ids(server.json("/dirs?filter=" + enc("files.name=x,files.size=1")))).containsExactly("d1");
  }

  @Test
  void versionsOfAResourceAreNarrowedToo_CORE_FIL_006() throws Exception {
    JsonNode files = server.json("/dirs/d1/files?filter=" + enc("versions.name=old") + "&inline=versions");
    assertThat(ids(files)).containsExactly("f1");
    JsonNode f1 = files.path("f1");
    assertThat(ids(f1.path("versions"))).containsExactly("1");
    assertThat(f1.path("versionscount").asLong()).isEqualTo(1);
    assertThat(f1.path("versionsurl").asText()).endsWith("/dirs/d1/files/f1/versions?filter=name=old");
    assertThat(f1.path("name").asText()).as("the Resource still shows its default Version").isEqualTo("x");
  }

  @Test
  void onAnEntityOnlyItsOwnAttributesDecideWhetherItIsFound_CORE_FIL_006_008() throws Exception {
    JsonNode d1 = server.json("/dirs/d1?filter=" + enc("files.name=nothing"));
    assertThat(d1.path("dirid").asText()).isEqualTo("d1");
    assertThat(d1.path("filescount").asLong()).isZero();
    assertThat(d1.path("filesurl").asText()).endsWith("/dirs/d1/files?filter=excludeall");
    assertThat(server.json("/dirs/d1/files?filter=excludeall").size()).isZero();

    JsonNode leaf = server.json("/dirs/d1?filter=" + enc("name=one") + "&inline=files");
    assertThat(ids(leaf.path("files"))).as("a matching leaf shows all its children").containsExactly("f1", "f2");

    Snapshot before = Snapshot.of(server, "/", "/dirs/d1");
    HttpResponse<String> registry = server.get("/?filter=" + enc("description=no-match"));
    assertProblem(registry, 404, "not_found", "The targeted entity (/) cannot be found.", "/");
    assertThat(server.get("/?filter=excludeall").statusCode()).isEqualTo(404);
    assertThat(server.json("/?filter=" + enc("registryid=*")).path("dirscount").asLong()).isEqualTo(3);
    before.assertUnchanged();
  }

  // ---- path syntax ------------------------------------------------------------------------

  @Test
  void wildcardsMatchAnyKeyOrArrayItem_CORE_FIL_002() throws Exception {
    assertThat(files("labels.*=PROD")).containsExactly("f1");
    assertThat(files("reviewers[*]=steve")).containsExactly("f1");
    assertThat(files("addresses.*.state=ny")).containsExactly("f1");
    assertThat(files("addresses.*.state=tx")).isEmpty();
    assertThat(files("reviewers[*]!=steve")).as("NOT(any item = steve)").containsExactly("f2", "f3", "f4", "f5");
    assertThat(files("labels.*=null")).as("no label at all").containsExactly("f2", "f3", "f4", "f5");
    assertThat(files("reviewers[*]")).containsExactly("f1");
    assertThat(files("reviewers[*]=a*")).containsExactly("f1");
  }

  @Test
  void indexesAndQuotedKeys_CORE_FIL_002() throws Exception {
    assertThat(files("reviewers[1]=ann")).containsExactly("f1");
    assertThat(files("reviewers[0]=ann")).isEmpty();
    assertThat(files("props['a.b']=dotted")).containsExactly("f1");
    assertThat(files("props[\"a.b\"]=dotted")).containsExactly("f1");
    assertThat(files("props.a.b=dotted")).as("a dot is a step, not part of the key").isEmpty();
    assertThat(files("props['2']=two")).containsExactly("f1");
    assertThat(files("props[2]=two")).as("an index addresses arrays only").isEmpty();
    assertThat(files("['name']=y")).containsExactly("f2", "f5");
    assertThat(files("labels['env']=prod")).containsExactly("f1");
  }

  @Test
  void subfilterUrlsKeepQuotedKeys_CORE_FIL_002_006() throws Exception {
    JsonNode dirs = server.json("/dirs?filter=" + enc("files.props['a.b']=dotted") + "&inline=files");
    assertThat(ids(dirs)).containsExactly("d1");
    String url = dirs.at("/d1/filesurl").asText();
    assertThat(url).endsWith("/dirs/d1/files?filter=props%5B'a.b'%5D=dotted");
    assertThat(ids(server.json(relative(url)))).containsExactly("f1");
  }

  @Test
  void malformedPathsAreBadFilter_CORE_FIL_010() throws Exception {
    Snapshot before = Snapshot.of(server, "/", "/dirs/d1/files");
    for (String bad : List.of("props[abc]=x", "props['a.b=x", "props[*=x", "props..a=x", "props.=x", "[]=x",
        "name=x,")) {
      HttpResponse<String> r = server.get("/dirs/d1/files?filter=" + enc(bad));
      assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
      assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).as(bad).endsWith("#bad_filter");
    }
    before.assertUnchanged();
  }

  private static List<String> files(String filter) throws Exception {
    List<String> out = new ArrayList<>();
    for (String dir : List.of("d1", "d2", "d3")) {
      HttpResponse<String> r = server.get("/dirs/" + dir + "/files?filter=" + enc(filter));
      assertThat(r.statusCode()).as(filter + ": " + r.body()).isEqualTo(200);
      out.addAll(ids(XregServer.JSON.readTree(r.body())));
    }
    return out;
  }

  /** The path and query of an absolute URL from a response. */
  private static String relative(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  private static List<String> ids(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
