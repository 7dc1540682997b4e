package dev.xreg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.output.AttributeEdits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeEditsTest {
  private static ObjectNode entity(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  @Test
  void valuesAreJsonWhenTheyParseWhole_elseStrings() throws Exception {
    ObjectNode e = entity("{}");
    new AttributeEdits(List.of("n=5", "b=true", "s=\"5\"", "t=true story", "o={\"a\":1}", "x=hello"), null, null).applyTo(e);
    assertThat(e.toString()).isEqualTo("{\"n\":5,\"b\":true,\"s\":\"5\",\"t\":\"true story\",\"o\":{\"a\":1},\"x\":\"hello\"}");
  }

  @Test
  void patchSendsWholeTopLevelAttributes_andNullForRemovedOnes() throws Exception {
    ObjectNode current = entity("{\"name\":\"n\",\"labels\":{\"env\":\"prod\",\"team\":\"a\"},\"tags\":[\"x\"],\"description\":\"d\"}");
    ObjectNode patch = new AttributeEdits(List.of("labels.tier=gold"), List.of("tags=y"), List.of("labels.env", "description"))
        .patchFor(current);
    assertThat(patch.toString())
        .isEqualTo("{\"labels\":{\"team\":\"a\",\"tier\":\"gold\"},\"tags\":[\"x\",\"y\"],\"description\":null}");
    assertThat(current.path("labels").size()).as("current is not modified").isEqualTo(2);
  }

  @Test
  void mistakesAreUsageErrors() {
    assertThatThrownBy(() -> new AttributeEdits(List.of("novalue"), null, null).applyTo(entity("{}")))
        .isInstanceOf(CliFailure.class).hasMessageContaining("expected NAME=VALUE");
    assertThatThrownBy(() -> new AttributeEdits(null, List.of("labels=x"), null).applyTo(entity("{\"labels\":{}}")))
        .isInstanceOf(CliFailure.class).hasMessageContaining("--set labels.KEY=VALUE");
    assertThatThrownBy(() -> new AttributeEdits(List.of("name.x=1"), null, null).applyTo(entity("{\"name\":\"s\"}")))
        .isInstanceOf(CliFailure.class).hasMessageContaining("'name' is not a map");
    assertThatThrownBy(() -> new AttributeEdits(List.of("a..b=1"), null, null).applyTo(entity("{}")))
        .isInstanceOf(CliFailure.class);
  }
}
