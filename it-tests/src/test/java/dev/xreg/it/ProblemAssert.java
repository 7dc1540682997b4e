package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Set;

/** Assertions on xRegistry error responses (checklist 3.17/3.18). */
final class ProblemAssert {
  private static final String CORE = "https://github.com/xregistry/spec/blob/main/core/spec.md#";
  private static final String HTTP = "https://github.com/xregistry/spec/blob/main/core/http.md#";
  /** The errors the catalogue defines in http.md; every other one is in spec.md. */
  private static final Set<String> HTTP_CODES = Set.of("api_not_found", "details_required", "extra_xregistry_header",
      "header_error", "missing_body", "missing_versions");

  private ProblemAssert() {
  }

  /** Status, {@code type}, exact {@code title}, {@code subject} and the JSON content type (CORE-ERR-001/002). */
  static JsonNode assertProblem(HttpResponse<String> r, int status, String code, String title, String subject)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).isEqualTo((HTTP_CODES.contains(code) ? HTTP : CORE) + code);
    assertThat(p.path("title").asText()).isEqualTo(title);
    if (subject == null) {
      assertThat(p.has("subject")).isFalse();
    } else {
      assertThat(p.path("subject").asText()).isEqualTo(subject);
    }
    return p;
  }
}
