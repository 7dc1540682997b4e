package dev.xreg.xregistry.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import org.junit.jupiter.api.Test;

/** {@code xRegistry-*} header values (http.md "HTTP Header Values", CORE-DOC-012). */
class HeaderValuesTest {
  private static final String SUBJECT = "/dirs/d1/files/f1";

  @Test
  void printableAsciiPassesThrough() {
    assertThat(HeaderValues.encode("abc-XYZ_0.9~!#$&'()*+,/:;<=>?@[]^`{|}")).isEqualTo(
        "abc-XYZ_0.9~!#$&'()*+,/:;<=>?@[]^`{|}");
  }

  @Test
  void spaceQuotePercentControlAndNonAsciiArePercentEncodedAsUtf8() {
    assertThat(HeaderValues.encode("a b")).isEqualTo("a%20b");
    assertThat(HeaderValues.encode("\"q\"")).isEqualTo("%22q%22");
    assertThat(HeaderValues.encode("100%")).isEqualTo("100%25");
    assertThat(HeaderValues.encode("tab\there\n")).isEqualTo("tab%09here%0A");
    assertThat(HeaderValues.encode("\u007f")).isEqualTo("%7F");
    assertThat(HeaderValues.encode("é")).isEqualTo("%C3%A9");
    assertThat(HeaderValues.encode("€")).isEqualTo("%E2%82%AC");
  }

  @Test
  void decodeInvertsEncode() {
    for (String s : new String[] {"", "plain", "a b", "100% \"sure\"", "é€𝄞", "line\nbreak"}) {
      assertThat(HeaderValues.decode("xRegistry-name", HeaderValues.encode(s), SUBJECT)).isEqualTo(s);
    }
  }

  @Test
  void decodeAcceptsLowercaseHexAndAQuotedString() {
    assertThat(HeaderValues.decode("xRegistry-name", "%c3%a9", SUBJECT)).isEqualTo("é");
    assertThat(HeaderValues.decode("xRegistry-name", "\"a%20b\"", SUBJECT)).isEqualTo("a b");
    assertThat(HeaderValues.decode("xRegistry-name", "  padded  ", SUBJECT)).isEqualTo("padded");
  }

  @Test
  void invalidUtf8IsHeaderError() {
    // %C0%A0 is an overlong encoding of U+0020: bytes that are not valid UTF-8.
    assertThatThrownBy(() -> HeaderValues.decode("xRegistry-description", "%C0%A0", SUBJECT))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.HEADER_ERROR);
          assertThat(e.subject()).isEqualTo(SUBJECT);
          assertThat(e.args()).containsEntry("name", "xRegistry-description");
          assertThat(e.detail()).contains("UTF-8");
          assertThat(e.title()).isEqualTo("For \"" + SUBJECT
              + "\", there was an error processing HTTP header \"xRegistry-description\": " + e.detail() + ".");
        });
  }

  @Test
  void brokenPercentEscapesAreHeaderError() {
    for (String bad : new String[] {"%zz", "abc%", "abc%4", "%4g"}) {
      assertThatThrownBy(() -> HeaderValues.decode("xRegistry-name", bad, SUBJECT)).as(bad)
          .isInstanceOfSatisfying(XRegistryException.class,
              e -> assertThat(e.type()).isEqualTo(ErrorType.HEADER_ERROR));
    }
  }
}
