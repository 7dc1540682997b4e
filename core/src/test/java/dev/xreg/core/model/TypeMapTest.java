package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import org.junit.jupiter.api.Test;

/** model.md "typemap": which content types serialize as JSON, string or base64 (CORE-DOC-005). */
class TypeMapTest {
  private static TypeMap parse(String json) {
    return TypeMap.parse(Json.parse(json.getBytes(), "m"), "groups.dirs.resources.files");
  }

  @Test
  void implicitEntriesCoverJsonAndPlainText() {
    TypeMap d = TypeMap.DEFAULT;
    assertThat(d.kind("application/json; charset=utf-8")).isEqualTo("json");
    assertThat(d.kind("Application/CloudEvents+JSON")).isEqualTo("json");
    assertThat(d.kind("text/plain")).isEqualTo("string");
    assertThat(d.kind("application/xml")).isEqualTo("binary");
    assertThat(d.kind(null)).isEqualTo("binary");
  }

  @Test
  void explicitEntriesWildcardsAndDisagreement() {
    TypeMap m = parse("{\"text/*\":\"string\",\"text/mine\":\"json\",\"application/json\":\"binary\"}");
    assertThat(m.kind("text/csv")).isEqualTo("string");
    assertThat(m.kind("text/mine")).as("text/* and text/mine disagree").isEqualTo("binary");
    assertThat(m.kind("application/json")).as("an explicit entry overrides the implicit one").isEqualTo("binary");
    assertThat(m.kind("text/plain")).isEqualTo("string");
  }

  @Test
  void unknownValuesAndBadKeysAreModelErrors() {
    for (String bad : new String[] {"{\"text/*\":\"xml\"}", "{\"*/*+*\":\"json\"}", "{\"text/plain\":1}", "[]"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(XRegistryException.class,
          e -> assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR));
    }
  }
}
