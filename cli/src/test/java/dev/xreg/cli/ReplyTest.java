package dev.xreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.cli.http.Problem;
import dev.xreg.cli.http.Reply;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {
  private static Reply reply(int status, Map<String, List<String>> headers, String body) {
    return new Reply("GET", URI.create("http://h:1/reg/dirs?limit=2"), status, HttpHeaders.of(headers, (a, b) -> true),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void nextPageComesFromLinkRelNext_amongSeveralLinks() {
    Reply r = reply(200, Map.of("Link", List.of("<http://h:1/reg/>;rel=xregistry-root",
        "<http://h:1/reg/dirs?limit=2>;rel=first;count=5, <http://h:1/reg/dirs?limit=2&cursor=abc>; rel=\"next\"; count=5")), "{}");
    assertThat(r.nextPage()).contains(URI.create("http://h:1/reg/dirs?limit=2&cursor=abc"));
    assertThat(reply(200, Map.of("Link", List.of("<x>;rel=first")), "{}").nextPage()).isEmpty();
    assertThat(reply(200, Map.of("Link", List.of("</reg/dirs?cursor=z>;rel=next")), "{}").nextPage())
        .contains(URI.create("http://h:1/reg/dirs?cursor=z"));
  }

  @Test
  void problemsShowTitleDetailSubjectAndType_andMapToExitCodes() {
    Problem p = Problem.of(reply(409, Map.of(), "{\"type\":\"https://spec#mismatched_epoch\",\"title\":\"Stale.\","
        + "\"detail\":\"read it again\",\"subject\":\"/dirs/d1\"}"));
    assertThat(p.message()).isEqualTo("HTTP 409 mismatched_epoch: Stale.\n  detail:  read it again\n"
        + "  subject: /dirs/d1\n  type:    https://spec#mismatched_epoch");
    assertThat(p.failure().exitCode()).isEqualTo(ExitCode.REFUSED);
    Problem html = Problem.of(reply(502, Map.of(), "<html>Bad gateway</html>"));
    assertThat(html.message()).isEqualTo("HTTP 502: <html>Bad gateway</html>");
    assertThat(html.failure().exitCode()).isEqualTo(ExitCode.SERVER_FAILURE);
  }

  @Test
  void documentsAreRecognisedByTheirXRegistryHeaders() {
    assertThat(reply(200, Map.of("xRegistry-fileid", List.of("f")), "hello").isDocument()).isTrue();
    assertThat(reply(200, Map.of("Content-Type", List.of("application/json")), "{}").isDocument()).isFalse();
  }
}
