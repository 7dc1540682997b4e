package dev.xreg.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13 items 4 and 7: a path segment decodes to exactly the UTF-8 it encodes, or is refused. */
class PercentEncodingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "abc,          abc",
      "a+b,          a+b",
      "a%2Fb,        a/b",
      "%7e,          ~",
      "%C3%A9,       é",
      "%F0%9F%98%80, \uD83D\uDE00",
  })
  void decodesWellFormedSegments(String raw, String decoded) {
    assertThat(PercentEncoding.decode(raw)).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"%C0%AF", "%E0%80%AF", "%ED%A0%80", "%FF", "%C3", "%", "%4", "%zz", "a%G1", "%\uFF11\uFF11"})
  void refusesOverlongInvalidAndBrokenEscapes_ISSUE13_item7(String raw) {
    assertThatThrownBy(() -> PercentEncoding.decode(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/dirs/%C0%AF", "/dirs/d1%", "/dirs/%C0%AFetc%C0%AFpasswd/files"})
  void aMalformedPathIsABadRequestNotAServerError_ISSUE13_item4(String path) {
    Model model = Model.parse(dev.xreg.core.Json.parseTrusted(
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));
    assertThatThrownBy(() -> EntityPath.parse(path, model)).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.BAD_REQUEST);
      assertThat(e.detail()).contains("malformed");
    });
  }
}
