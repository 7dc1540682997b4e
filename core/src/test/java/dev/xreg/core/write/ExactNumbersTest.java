package dev.xreg.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13 item 2: the reproductions of silent wrap-around, each refused with a 400 naming the range. */
class ExactNumbersTest {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":"
      + "{\"singular\":\"file\",\"maxversions\":%s}}}}}";

  @Test
  void anEpochBeyond64BitsDoesNotWrapOntoTheCurrentOne_ISSUE13_CORE_COM_006() {
    // 2^64 + 1 wraps to 1 in a long: the stale writer must not pass the check of epoch 1
    assertThatThrownBy(() -> EntityWrite.checkEpoch(body("18446744073709551617"), 1, "/dirs/d1"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
          assertThat(e.args()).containsEntry("name", "epoch");
          assertThat(e.detail()).contains("0..9223372036854775807");
        });
    EntityWrite.checkEpoch(body("1"), 1, "/dirs/d1");
  }

  @ParameterizedTest(name = "epoch {0}")
  @ValueSource(strings = {"-1", "1.0", "1e0", "9223372036854775808", "\"1\""})
  void anEpochIsAnExactUinteger_ISSUE13_CORE_ATTR_008(String literal) {
    assertThatThrownBy(() -> EntityWrite.checkEpoch(body(literal), 1, "/dirs/d1"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
  }

  @Test
  void theLargestEpochIsComparedExactly_ISSUE13() {
    EntityWrite.checkEpoch(body("9223372036854775807"), Long.MAX_VALUE, "/dirs/d1");
    assertThatThrownBy(() -> EntityWrite.checkEpoch(body("9223372036854775806"), Long.MAX_VALUE, "/dirs/d1"))
        .isInstanceOfSatisfying(XRegistryException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.MISMATCHED_EPOCH));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "uinteger, -18446744073709551615",
      "uinteger, 18446744073709551616",
      "uinteger, -1",
      "integer,  9223372036854775808",
      "integer,  -9223372036854775809",
      "integer,  1e2",
      "integer,  2.0",
  })
  void extensionsAreRangeChecked_ISSUE13_CORE_ATTR_008(String type, String literal) {
    JsonNode def = Json.parseTrusted("{\"type\":\"" + type + "\"}");
    assertThatThrownBy(() -> AttributeValues.checkExtension("size", body(literal), def, "/dirs/d1"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE);
          assertThat(e.args()).containsEntry("name", "size");
          assertThat(e.detail()).contains(type).contains("9223372036854775807");
        });
  }

  @ParameterizedTest(name = "maxversions {0}")
  @ValueSource(strings = {"18446744073709551618", "-1", "9223372036854775808", "2.0", "1e1", "\"2\""})
  void maxversionsBeyondUintegerIsAModelError_ISSUE13_CORE_MOD(String literal) {
    assertThatThrownBy(() -> Model.parse(body(String.format(MODEL, literal))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
          assertThat(e.detail()).contains("maxversions").contains("uinteger");
        });
  }

  @ParameterizedTest(name = "maxversions {0}")
  @CsvSource({"0, 0", "2, 2", "2147483647, 2147483647", "2147483648, 2147483647", "9223372036854775807, 2147483647"})
  void largeMaxversionsAreHeldAsNoLimitAndShownAsGiven_ISSUE13(String literal, int held) {
    Model m = Model.parse(body(String.format(MODEL, literal)));
    ResourceType files = m.group("dirs").orElseThrow().resource("files").orElseThrow();
    assertThat(files.maxVersions()).isEqualTo(held);
    assertThat(m.full().at("/groups/dirs/resources/files/maxversions").asText()).isEqualTo(literal);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"uinteger\",\"required\":true,\"default\":18446744073709551618} | default",
      "{\"type\":\"integer\",\"enum\":[1,9223372036854775808]}                   | enum[1]",
  })
  void integerDefaultsAndEnumsAreInRange_ISSUE13(String def, String where) {
    String model = "{\"attributes\":{\"size\":" + def + "}}";
    assertThatThrownBy(() -> Model.parse(body(model))).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
      assertThat(e.detail()).contains("size." + where);
    });
  }

  @ParameterizedTest(name = "xRegistry-{0}: {1}")
  @CsvSource({
      "epoch,         18446744073709551617",
      "epoch,         -1",
      "epoch,         1e2",
      "versionscount, 9223372036854775808",
  })
  void integerHeadersAreExact_ISSUE13(String name, String value) {
    assertThatThrownBy(() -> HeaderAttributes.toAttributes(Map.of(name, value), files(), "/dirs/d1/files/f1"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.HEADER_ERROR);
          assertThat(e.args()).containsEntry("name", "xRegistry-" + name);
          assertThat(e.detail()).contains("0..9223372036854775807");
        });
    assertThat(HeaderAttributes.toAttributes(Map.of(name, "9223372036854775807"), files(), "/x").get(name).asLong())
        .isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest(name = "xRegistry-{0}")
  @CsvSource({"labels.k, a\u0000b", "name, x\u0000y", "description, x\uD800"})
  void headerValuesThatCannotBeStoredAreRefused_ISSUE13_item4(String name, String value) {
    assertThatThrownBy(() -> HeaderAttributes.toAttributes(Map.of(name, value), files(), "/dirs/d1/files/f1"))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.HEADER_ERROR);
          assertThat(e.args()).containsEntry("name", "xRegistry-" + name);
        });
  }

  private static ResourceType files() {
    return Model.parse(body(String.format(MODEL, "0"))).group("dirs").orElseThrow().resource("files").orElseThrow();
  }

  /** Through the real body parser: the node types are Jackson's own. */
  private static JsonNode body(String json) {
    return Json.parse(("{\"v\":" + json + "}").getBytes(StandardCharsets.UTF_8), "/").get("v");
  }
}
