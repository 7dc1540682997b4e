package dev.xreg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13 items 2, 4 and 7: request bodies that must be refused by the one body parser, never stored altered. */
class HostileBodiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "c0af,       overlong",      // '/' in two bytes: Jackson alone would read it as '/'
      "c1bf,       overlong",
      "e080af,     overlong",
      "f08080af,   overlong",
      "eda080,     surrogate",     // an encoded lone surrogate U+D800
      "edbfbf,     surrogate",
      "f4908080,   above U+10FFFF",
      "f8888080,   never valid",
      "ff,         never valid",
      "80,         continuation",
      "e282,       truncated",
  })
  void invalidUtf8IsRefused_ISSUE13_item7(String hex, String why) {
    byte[] body = concat("{\"name\":\"a", HexFormat.of().parseHex(hex), "b\"}");
    assertThatThrownBy(() -> Json.parse(body, "/")).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.PARSING_DATA);
      assertThat(e.detail()).contains("not valid UTF-8").contains("offset 10").contains(why);
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"c3a9", "e282ac", "f09f9880", "efbbbf", "f48fbfbf", "ed9fbf"})
  void validUtf8IsKept_ISSUE13_item7(String hex) {
    byte[] chars = HexFormat.of().parseHex(hex);
    JsonNode n = Json.parse(concat("{\"name\":\"", chars, "\"}"), "/");
    assertThat(n.get("name").asText()).isEqualTo(new String(chars, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"a\\u0000b\"}                         | name          | U+0000",
      "{\"labels\":{\"k\":\"\\u0000\"}}                  | labels.k      | U+0000",
      "{\"name\":\"a\\ud800b\"}                         | name          | unpaired surrogate \\uD800",
      "{\"name\":\"a\\udc00\"}                          | name          | unpaired surrogate \\uDC00",
      "{\"name\":\"\\ude00\\ud83d\"}                     | name          | unpaired surrogate \\uDE00",
      "{\"list\":[\"ok\",\"\\ud83d\"]}                   | list[1]       | unpaired surrogate",
      "{\"labels\":{\"a\\u0000b\":\"v\"}}                | labels.a\\u0000b | U+0000",
      "{\"d1\":{\"x\":{\"y\":[1,{\"z\":\"\\u0000\"}]}}}  | d1.x.y[1].z   | U+0000",
  })
  void unstorableStringsAreRefusedByName_ISSUE13_item2_item4(String json, String name, String why) {
    assertThatThrownBy(() -> Json.parse(json.getBytes(StandardCharsets.UTF_8), "/dirs"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
          assertThat(e.args()).containsEntry("name", name);
          assertThat(e.detail()).contains(why);
        });
  }

  @Test
  void pairedSurrogatesAndOtherControlEscapesAreKept_ISSUE13() {
    JsonNode n = Json.parse("{\"name\":\"\\ud83d\\ude00\\u0001\\t\"}".getBytes(StandardCharsets.UTF_8), "/");
    assertThat(n.get("name").asText()).isEqualTo("\uD83D\uDE00\u0001\t");
  }

  @Test
  void yamlIsCheckedTheSameWay_ISSUE13() {
    assertThatThrownBy(() -> Json.parse("name: \"a\\0b\"\n".getBytes(StandardCharsets.UTF_8), "application/yaml", "/"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1e2147483648}   | too large to read",
      "{\"a\":1e999999999999} | too large to read",
      "{\"a\":1e200000}       | digits before the decimal point",
      "{\"a\":1e-20000}       | digits after the decimal point",
  })
  void numbersBeyondWhatCanBeStoredAreRefused_ISSUE13_item2(String json, String why) {
    assertThatThrownBy(() -> Json.parse(json.getBytes(StandardCharsets.UTF_8), "/"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type().status()).isEqualTo(400);
          assertThat(e.detail()).contains(why);
        });
  }

  @Test
  void decimalsPostgresqlHoldsAreKept_ISSUE13() {
    JsonNode n = Json.parse("{\"a\":1e131071,\"b\":1e-16383,\"c\":18446744073709551617}".getBytes(StandardCharsets.UTF_8), "/");
    assertThat(n.get("a").isNumber()).isTrue();
    assertThat(n.get("c").bigIntegerValue()).hasToString("18446744073709551617");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,\"a\":2}  | duplicate key \"a\" (line 1, column",
      "{\"a\":NaN}        | (line 1, column",
      "{\"a\":1} {}       | unexpected data after the end of the JSON value",
      "{\"a\" 1}          | (line 1, column 6)",
      "{\"a\":/*c*/1}     | (line 1, column",
      "[1,]               | (line 1, column 4)",
      "{\"a\":            | (line 1, column",
  })
  void parseErrorsSayWhatAndWhereWithoutJavaNames_ISSUE13_item7(String json, String expected) {
    assertThatThrownBy(() -> Json.parse(json.getBytes(StandardCharsets.UTF_8), "/"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.PARSING_DATA);
          assertThat(e.detail()).contains(expected)
              .doesNotContain("`").doesNotContain("jackson").doesNotContain("java.").doesNotContain("Feature")
              .doesNotContain("ObjectNode").doesNotContain("REDACTED");
        });
  }

  @Test
  void aNumberTooLongIsNamedPlainly_ISSUE13_item7() {
    String json = "{\"a\":" + "9".repeat(1200) + "}";
    assertThatThrownBy(() -> Json.parse(json.getBytes(StandardCharsets.UTF_8), "/"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.PARSING_DATA);
          assertThat(e.detail()).contains("1000").doesNotContain("`").doesNotContain("StreamReadConstraints");
        });
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
