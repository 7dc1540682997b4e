package dev.xreg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The problem document's {@code type} and {@code title} (CORE-ERR-001, CORE-ERR-002, catalogue 3.18). */
class XRegistryExceptionTest {
  private static final String CORE = "https://github.com/xregistry/spec/blob/main/core/spec.md#";
  private static final String HTTP = "https://github.com/xregistry/spec/blob/main/core/http.md#";
  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z][a-z0-9_]{0,62})>");

  @Test
  void titleSubstitutesSubjectAndEveryArg() {
    XRegistryException e = XRegistryException.of(ErrorType.MALFORMED_ID, "/dirs/-x")
        .arg("id", "-x").errorDetail("an ID must start with a letter, digit or '_'").build();

    assertThat(e.title()).isEqualTo(
        "For \"/dirs/-x\", the specified ID value (-x) is malformed: an ID must start with a letter, digit or '_'.");
    assertThat(e.detail()).isEqualTo("an ID must start with a letter, digit or '_'");
    // CORE-ERR-002: args hold every placeholder except subject.
    assertThat(e.args()).containsOnlyKeys("id", "error_detail");
  }

  @Test
  void titleValuesAreLiteralEvenWithRegexReplacementCharacters() {
    XRegistryException e = XRegistryException.of(ErrorType.NOT_FOUND, "/dirs/a$1\\b").build();

    assertThat(e.title()).isEqualTo("The targeted entity (/dirs/a$1\\b) cannot be found.");
  }

  @Test
  void missingArgsBecomeEmptyRatherThanLeakingPlaceholders() {
    XRegistryException e = XRegistryException.of(ErrorType.UNKNOWN_ATTRIBUTE, "/dirs/d1").build();

    assertThat(e.title()).isEqualTo("An unknown attribute () was specified for \"/dirs/d1\".").doesNotContain("<");
  }

  @Test
  void notSupportedCarriesActionAndAllow() {
    XRegistryException e = XRegistryException.notSupported("DELETE", "/dirs/d1/files/f1/meta", "GET", "PUT", "PATCH");

    assertThat(e.type()).isEqualTo(ErrorType.ACTION_NOT_SUPPORTED);
    assertThat(e.type().status()).isEqualTo(405);
    assertThat(e.title()).isEqualTo("The specified action (DELETE) is not supported for: /dirs/d1/files/f1/meta.");
    assertThat(e.allow()).containsExactly("GET", "PUT", "PATCH"); // CORE-ERR-004
  }

  @Test
  void coreCodesUseTheSpecMdAnchor() {
    assertThat(ErrorType.PARSING_DATA.typeUri()).isEqualTo(CORE + "parsing_data");
    assertThat(ErrorType.MALFORMED_ID.typeUri()).isEqualTo(CORE + "malformed_id");
    assertThat(ErrorType.ACTION_NOT_SUPPORTED.typeUri()).isEqualTo(CORE + "action_not_supported");
    assertThat(ErrorType.UNKNOWN_ATTRIBUTE.code()).isEqualTo("unknown_attribute");
  }

  @Test
  void httpBindingCodesUseTheHttpMdAnchor() {
    // Catalogue 3.18: the six HTTP-binding errors live in http.md.
    assertThat(Arrays.stream(new ErrorType[] {ErrorType.API_NOT_FOUND, ErrorType.DETAILS_REQUIRED,
        ErrorType.EXTRA_XREGISTRY_HEADER, ErrorType.HEADER_ERROR, ErrorType.MISSING_BODY,
        ErrorType.MISSING_VERSIONS}).map(ErrorType::typeUri))
        .containsExactly(HTTP + "api_not_found", HTTP + "details_required", HTTP + "extra_xregistry_header",
            HTTP + "header_error", HTTP + "missing_body", HTTP + "missing_versions");
  }

  @Test
  void everyTitleTemplateUsesOnlyWellFormedPlaceholders() {
    for (ErrorType type : ErrorType.values()) {
      String withoutPlaceholders = PLACEHOLDER.matcher(type.titleTemplate()).replaceAll("");
      assertThat(withoutPlaceholders).as(type.code()).doesNotContainPattern("<[^>]*>");
      assertThat(type.titleTemplate()).as(type.code()).endsWith(".");
    }
  }

  @Test
  void everyPlaceholderOfATemplateIsFilledWhenGiven() {
    for (ErrorType type : ErrorType.values()) {
      XRegistryException.Builder b = XRegistryException.of(type, "/s");
      Matcher m = PLACEHOLDER.matcher(type.titleTemplate());
      while (m.find()) {
        if (!"subject".equals(m.group(1))) {
          b.arg(m.group(1), "v_" + m.group(1));
        }
      }
      String title = b.build().title();
      assertThat(title).as(type.code()).doesNotContain("<").doesNotContain(">");
      if (type.titleTemplate().contains("<subject>")) {
        assertThat(title).as(type.code()).contains("/s");
      }
    }
  }
}
