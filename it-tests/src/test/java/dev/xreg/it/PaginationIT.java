package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * xRegistry pagination (PAGE-* in xregistry-domains-checklist.md) on every collection kind,
 * against the server process with a small maximum page size (XREG_MAX_PAGE_SIZE=5).
 */
class PaginationIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final Pattern LINK = Pattern.compile("<([^>]*)>;rel=([a-z-]+)(?:;count=(\\d+))?");
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MAX_PAGE_SIZE", "5").withModel(MODEL);

  @Test
  void capabilitiesSayPagination() throws Exception {
    // PAGE-015
    assertThat(server.json("/capabilities").path("pagination").asBoolean()).isTrue();
  }

  @Test
  void limitPagesThroughGroupsInIdOrderWithFirstNextAndCount() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < 12; i++) {
      String id = String.format("g%02d", i);
      ids.add(id);
      put("/dirs/" + id, "{}");
    }
    List<List<String>> pages = walk("/dirs?limit=4", 4);
    // PAGE-006: never more than limit; PAGE-016: ID ascending across pages; PAGE-007: next until the end
    // (other tests share this server and add their own Groups, none starting with "g")
    List<String> all = new ArrayList<>();
    pages.forEach(all::addAll);
    assertThat(all).isSorted();
    assertThat(all.stream().filter(id -> id.startsWith("g")).toList()).containsExactlyElementsOf(ids);
  }

  @Test
  void noLimitStillStopsAtTheServerMaximumAndALargerLimitIsClamped() throws Exception {
    for (int i = 0; i < 7; i++) {
      put("/dirs/m/files/f" + i + "$details", "{}");
    }
    // PAGE-014: paginated unasked at the server maximum (5)
    List<List<String>> unasked = walk("/dirs/m/files", 5);
    assertThat(unasked).extracting(List::size).containsExactly(5, 2);
    // PAGE-002/006: a limit above the maximum is honoured by sending fewer
    List<List<String>> clamped = walk("/dirs/m/files?limit=1000", 1000);
    assertThat(clamped).extracting(List::size).containsExactly(5, 2);
  }

  @Test
  void aCollectionThatFitsIsNotPaginatedWithoutLimit() throws Exception {
    put("/dirs/small/files/only$details", "{}");
    HttpResponse<String> r = server.get("/dirs/small/files");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(links(r)).doesNotContainKeys("next", "first");
    assertThat(XregServer.JSON.readTree(r.body()).has("only")).isTrue();
  }

  @Test
  void resourcePagesCarryTheDefaultVersionAndVersionsCount() throws Exception {
    put("/dirs/r/files/a$details", "{\"name\":\"A\"}");
    put("/dirs/r/files/b$details", "{\"name\":\"B1\"}");
    put("/dirs/r/files/b/versions/2$details", "{\"name\":\"B2\"}");
    put("/dirs/r/files/c$details", "{\"name\":\"C\"}");
    HttpResponse<String> first = server.get("/dirs/r/files?limit=2");
    JsonNode page = XregServer.JSON.readTree(first.body());
    assertThat(fields(page)).containsExactly("a", "b");
    assertThat(page.path("b").path("versionscount").asLong()).isEqualTo(2);
    assertThat(page.path("b").path("versionid").asText()).isEqualTo("2");
    assertThat(page.path("b").path("name").asText()).isEqualTo("B2");
    assertThat(page.path("a").path("versionscount").asLong()).isEqualTo(1);
    // the same view as the single-entity GET
    assertThat(page.path("b")).isEqualTo(server.json("/dirs/r/files/b$details"));
    assertThat(links(first).get("next").count).isEqualTo(3);
  }

  @Test
  void versionsPaginate() throws Exception {
    put("/dirs/v/files/f$details", "{}");
    for (int i = 2; i <= 6; i++) {
      put("/dirs/v/files/f/versions/" + i + "$details", "{}");
    }
    List<List<String>> pages = walk("/dirs/v/files/f/versions?limit=4", 4);
    assertThat(pages).extracting(List::size).containsExactly(4, 2);
    JsonNode last = server.json("/dirs/v/files/f/versions/6$details");
    assertThat(last.path("isdefault").asBoolean()).isTrue();
  }

  @Test
  void pagesAreStableWhileEntitiesAreAddedAndRemovedBetweenThem() throws Exception {
    for (int i = 0; i < 9; i++) {
      put("/dirs/s/files/f" + i + "$details", "{}");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> order = new ArrayList<>();
    String url = "/dirs/s/files?limit=3";
    int page = 0;
    while (url != null) {
      HttpResponse<String> r = server.get(url);
      assertThat(r.statusCode()).isEqualTo(200);
      for (String id : fields(XregServer.JSON.readTree(r.body()))) {
        assertThat(seen.add(id)).as("no duplicates: " + id).isTrue();
        order.add(id);
      }
      if (page == 0) {
        // between pages: add before and after the position, remove one not yet seen
        put("/dirs/s/files/e0$details", "{}");
        put("/dirs/s/files/f45$details", "{}");
        assertThat(server.send("DELETE", "/dirs/s/files/f7", null).statusCode()).isEqualTo(204);
      }
      Link next = links(r).get("next");
      url = next == null ? null : relative(next.url);
      page++;
    }
    // every entity present throughout was returned exactly once, in order
    assertThat(seen).contains("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f8", "f45")
        .doesNotContain("f7", "e0");
    assertThat(order).isSorted();
  }

  @Test
  void tamperedOrForeignCursorsAreRejected() throws Exception {
    for (int i = 0; i < 3; i++) {
      put("/dirs/t" + i, "{}");
      put("/dirs/t0/files/x" + i + "$details", "{}");
    }
    String next = links(server.get("/dirs?limit=1")).get("next").url;
    String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length());
    // a cursor is opaque and signed: changing any character of it is detected
    String tampered = cursor.charAt(1) == 'A' ? cursor.replaceFirst("^(.).", "$1B") : cursor.replaceFirst("^(.).", "$1A");
    assertProblem(server.get("/dirs?limit=1&cursor=" + tampered), 400);
    assertProblem(server.get("/dirs?limit=1&cursor=garbage"), 400);
    // a cursor issued for one collection is not valid for another
    assertProblem(server.get("/dirs/t0/files?limit=1&cursor=" + cursor), 400);
    assertThat(server.get("/dirs?limit=1&cursor=" + cursor).statusCode()).isEqualTo(200);
  }

  @Test
  void limitMustBeAnIntegerAboveZero() throws Exception {
    // PAGE-002
    for (String bad : List.of("0", "-1", "abc", "1.5", "")) {
      assertProblem(server.get("/dirs?limit=" + bad), 400);
    }
  }

  // ---------------------------------------------------------------------------------------

  /** Follows next links from {@code start}; asserts the per-page invariants; returns the IDs per page. */
  private static List<List<String>> walk(String start, int limit) throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String url = start;
    Long count = null;
    while (url != null) {
      HttpResponse<String> r = server.get(url);
      assertThat(r.statusCode()).as(url).isEqualTo(200);
      List<String> ids = fields(XregServer.JSON.readTree(r.body()));
      assertThat(ids.size()).isLessThanOrEqualTo(limit);
      assertThat(ids).isSorted();
      pages.add(ids);
      Map<String, Link> links = links(r);
      assertThat(links).containsKey("first");
      assertThat(links).doesNotContainKey("prev");
      if (count == null) {
        count = links.get("first").count;
      }
      // PAGE-011: the same count on every page
      assertThat(links.get("first").count).isEqualTo(count);
      Link next = links.get("next");
      if (next != null) {
        assertThat(next.count).isEqualTo(count);
      }
      url = next == null ? null : relative(next.url);
      assertThat(pages.size()).as("bounded walk").isLessThan(100);
    }
    assertThat(pages.stream().mapToLong(List::size).sum()).isEqualTo(count);
    return pages;
  }

  private record Link(String url, Long count) {
  }

  private static Map<String, Link> links(HttpResponse<String> r) {
    Map<String, Link> out = new java.util.HashMap<>();
    for (String h : r.headers().allValues("Link")) {
      for (String part : h.split(",(?=\\s*<)")) {
        Matcher m = LINK.matcher(part.trim());
        if (m.matches()) {
          assertThat(out).as("one link per rel").doesNotContainKey(m.group(2));
          out.put(m.group(2), new Link(m.group(1), m.group(3) == null ? null : Long.parseLong(m.group(3))));
        }
      }
    }
    return out;
  }

  private static String relative(String absolute) {
    assertThat(absolute).startsWith(server.base());
    return absolute.substring(server.base().length());
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static void put(String path, String body) throws Exception {
    assertThat(server.send("PUT", path, body).statusCode()).as("PUT " + path).isIn(200, 201);
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).isEqualTo(Optional.of("application/json; charset=utf-8"));
    assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).startsWith("https://");
  }
}
