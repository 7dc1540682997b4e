package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 item 2 (CORE-ATTR-008): integer and uinteger values are exact at every boundary:
 * 2^31, 2^53, 2^63, 2^64, negative zero, exponents and fractions. Each row is parsed through
 * the real body parser, so Jackson's choice of node type is part of what is tested.
 */
class IntegerTypeTest {

  @ParameterizedTest(name = "{0}: integer {1}, uinteger {2}")
  @CsvSource({
      // literal,                 integer?, uinteger?
      "0,                          true,  true",
      "-0,                         true,  true",
      "1,                          true,  true",
      "-1,                         true,  false",
      "2147483647,                 true,  true",
      "2147483648,                 true,  true",
      "-2147483649,                true,  false",
      "9007199254740992,           true,  true",
      "9007199254740993,           true,  true",
      "9223372036854775807,        true,  true",
      "9223372036854775808,        false, false",
      "-9223372036854775808,       true,  false",
      "-9223372036854775809,       false, false",
      "18446744073709551615,       false, false",
      "18446744073709551616,       false, false",
      "18446744073709551617,       false, false",
      "-18446744073709551615,      false, false",
      "1e2,                        false, false",
      "1E+2,                       false, false",
      "2.0,                        false, false",
      "-0.0,                       false, false",
      "0.5,                        false, false",
      "1e400,                      false, false",
      "'\"1\"',                    false, false",
      "true,                       false, false",
  })
  void exactValuesOnly_ISSUE13_CORE_ATTR_008(String literal, boolean integer, boolean uinteger) {
    JsonNode v = value(literal);
    assertThat(IntegerType.INTEGER.problem(v) == null).as("integer " + literal).isEqualTo(integer);
    assertThat(IntegerType.UINTEGER.problem(v) == null).as("uinteger " + literal).isEqualTo(uinteger);
    if (integer) {
      // the long held is the number written, never a wrapped one
      assertThat(java.math.BigInteger.valueOf(IntegerType.INTEGER.value(v))).isEqualTo(v.bigIntegerValue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"18446744073709551618", "9223372036854775808", "-1"})
  void theDetailNamesTheRangeAndTheValue_ISSUE13(String literal) {
    assertThat(IntegerType.UINTEGER.problem(value(literal)))
        .contains("uinteger").contains("0..9223372036854775807").contains(literal);
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource({
      "0,                     true",
      "-0,                    true",
      "9223372036854775807,   true",
      "9223372036854775808,   false",
      "18446744073709551617,  false",
      "-1,                    false",
      "+1,                    false",
      "1e2,                   false",
      "' 1',                  false",
      "'',                    false",
      "١٢,                    false",
  })
  void headerAndFlagTextIsExactToo_ISSUE13(String text, boolean ok) {
    assertThat(IntegerType.UINTEGER.problem(text) == null).isEqualTo(ok);
  }

  private static JsonNode value(String literal) {
    return Json.parse(("{\"v\":" + literal + "}").getBytes(StandardCharsets.UTF_8), "/").get("v");
  }
}
