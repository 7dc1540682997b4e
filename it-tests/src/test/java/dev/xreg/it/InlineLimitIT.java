package dev.xreg.it;

import static dev.xreg.it.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORE-INL-006: a response built whole in memory (a write's, a filtered read's) that inlining
 * would make too large is {@code too_large} (406); the bound is {@code XREG_MAX_INLINE_ENTITIES}
 * (here 5). Plain GETs and {@code /export} are streamed, so the server can always return them
 * and they are not bound by it (L13).
 */
class InlineLimitIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","resources":{"files":{"singular":"file","hasdocument":false}}}}}""";
  private static final String TOO_LARGE_TITLE =
      "For \"/\", the size of the response is too large to return in a single response.";
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MAX_INLINE_ENTITIES", "5").withModel(MODEL);

  @BeforeAll
  static void data() throws Exception {
    for (String f : new String[] {"f1", "f2", "f3", "f4"}) {
      server.ok("PUT", "/dirs/d1/files/" + f, "{}");
    }
    server.ok("PUT", "/dirs/d2/files/f5", "{}");
  }

  @Test
  void inliningMoreThanTheLimitIsTooLarge_CORE_INL_006() throws Exception {
    assertThat(server.json("/?inline=dirs").path("dirs").size()).as("2 entities").isEqualTo(2);
    assertThat(server.json("/dirs/d1?inline=files").path("files").size()).as("4 entities").isEqualTo(4);
    assertThat(server.json("/dirs/d1/files?inline=versions").size()).as("4 inlined Versions").isEqualTo(4);

    Snapshot before = Snapshot.of(server, "/", "/dirs/d1");
    // a filtered read is built whole
    JsonNode p = assertProblem(server.get("/?inline=dirs.files&filter=dirs.files.fileid=f*"), 406, "too_large",
        TOO_LARGE_TITLE, "/");
    assertThat(p.path("detail").asText()).contains("more than 5 entities", "/dirs/", "page by page");
    // a write whose response would be too large fails as a whole (CORE-GEN-001)
    assertProblem(server.send("PATCH", "/?inline=*", "{\"description\":\"changed\"}"), 406, "too_large",
        TOO_LARGE_TITLE, "/");
    before.assertUnchanged();
    assertThat(server.json("/").has("description")).isFalse();
  }

  @Test
  void streamedReadsAreNotBoundByTheInlineLimit_CORE_INL_006() throws Exception {
    JsonNode all = server.json("/?inline=dirs.files");
    assertThat(all.at("/dirs/d1/files").size()).isEqualTo(4);
    assertThat(all.at("/dirs/d2/files").size()).isEqualTo(1);
  }

  @Test
  void exportIsNotBoundByTheInlineLimit_CORE_INL_006() throws Exception {
    JsonNode export = server.json("/export");
    assertThat(export.at("/dirs/d1/files").size()).isEqualTo(4);
    assertThat(export.at("/dirs/d2/files/f5/versions").size()).isEqualTo(1);
  }
}
