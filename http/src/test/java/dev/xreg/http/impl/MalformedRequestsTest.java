package dev.xreg.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

/** The pure checks behind the HTTP layer's refusals (issue 13 item 4). */
class MalformedRequestsTest {

  @Test
  void wellFormedPathsAndQueriesPass() {
    assertThat(MalformedRequests.problem("/dirs/d1/files/f1$details", true)).isNull();
    assertThat(MalformedRequests.problem("/a%20b/%E2%82%AC", true)).isNull();
    assertThat(MalformedRequests.problem("inline=*&filter=name=a%2Cb", false)).isNull();
  }

  @Test
  void aPercentWithoutTwoHexDigitsIsRefused() {
    assertThat(MalformedRequests.problem("inline=%", false)).contains("'%'");
    assertThat(MalformedRequests.problem("/a%zz", true)).contains("'%'");
    assertThat(MalformedRequests.problem("/a%4", true)).contains("'%'");
  }

  @Test
  void escapesThatAreNotUtf8AreRefusedOverlongFormsIncluded() {
    assertThat(MalformedRequests.problem("/%C0%AF", true)).contains("UTF-8");
    assertThat(MalformedRequests.problem("/%FF", true)).contains("UTF-8");
    assertThat(MalformedRequests.problem("x=%ED%A0%80", false)).contains("UTF-8"); // an encoded lone surrogate
  }

  @Test
  void controlCharactersAreRefusedInPathsAndNulAlsoInQueries() {
    assertThat(MalformedRequests.problem("/a%00b", true)).contains("control");
    assertThat(MalformedRequests.problem("/a\u0001b", true)).contains("control");
    assertThat(MalformedRequests.problem("/a%0Ab", true)).contains("control");
    assertThat(MalformedRequests.problem("filter=name=a%00", false)).contains("control");
    assertThat(MalformedRequests.problem("filter=name=a%09b", false)).isNull();
  }

  @Test
  void codecFailuresKeepTheirStatus() {
    assertThat(MalformedRequests.codecFailure(new TooLongHttpLineException("x")).status()).isEqualTo(414);
    assertThat(MalformedRequests.codecFailure(new TooLongHttpHeaderException("x")).status()).isEqualTo(431);
    MalformedRequests.Rejection other = MalformedRequests.codecFailure(new IllegalArgumentException("bad\u0000"));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.detail()).doesNotContain("\u0000");
  }

  @Test
  void onlyCleanShortPathsAreEchoed() {
    assertThat(MalformedRequests.displayPath("/dirs/d1")).isEqualTo("/dirs/d1");
    assertThat(MalformedRequests.displayPath("/dirs/%zz")).isEqualTo("/");
    assertThat(MalformedRequests.displayPath("*")).isEqualTo("/");
    assertThat(MalformedRequests.displayPath("/" + "a".repeat(5000))).isEqualTo("/");
  }

  @Test
  void controlCharactersWithoutEscapesAreFoundByTheQuickScanToo() {
    assertThat(MalformedRequests.problem("/a\u007fb", true)).contains("control");
    assertThat(MalformedRequests.problem("x=a\u0000", false)).contains("control");
    assertThat(MalformedRequests.problem("x=a\tb", false)).isNull();
    assertThat(MalformedRequests.problem("/caf\u00e9", true)).isNull(); // text, not escapes: nothing to decode
  }

  @Test
  void plainHostsAreRecognisedWithoutTheRegexAndOthersAreLeftToIt() {
    assertThat(MalformedRequests.plainHost("127.0.0.1:8080")).isTrue();
    assertThat(MalformedRequests.plainHost("registry.example-1.com")).isTrue();
    assertThat(MalformedRequests.plainHost("localhost:")).isTrue();
    assertThat(MalformedRequests.plainHost("[::1]:80")).isFalse();
    assertThat(MalformedRequests.plainHost("a_b")).isFalse();
    assertThat(MalformedRequests.plainHost("host:123456")).isFalse();
    assertThat(MalformedRequests.plainHost("host:8a")).isFalse();
    assertThat(MalformedRequests.plainHost(":80")).isFalse();
  }
}
