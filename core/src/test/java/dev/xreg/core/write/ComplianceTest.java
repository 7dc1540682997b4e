package dev.xreg.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import org.junit.jupiter.api.Test;

/** Stored entities against a changed model (CORE-MOD-007): what a model update must refuse. */
class ComplianceTest {
  private static final String XID = "/dirs/d1";

  @Test
  void storedAttributesMustFitTheNewDefinitions_CORE_MOD_007() {
    ObjectNode stored = (ObjectNode) Json.parseTrusted(
        "{\"dirid\":\"d1\",\"name\":\"n\",\"size\":3,\"color\":\"red\",\"$internal\":1}");
    Shape ok = shape("\"size\":{\"type\":\"integer\"},\"color\":{\"type\":\"string\",\"enum\":[\"red\"]}");
    Compliance.check(stored, ok, XID);

    rejected(stored, shape("\"size\":{\"type\":\"string\"},\"color\":{\"type\":\"string\"}"),
        ErrorType.INVALID_ATTRIBUTE);
    rejected(stored, shape("\"size\":{\"type\":\"integer\"},\"color\":{\"type\":\"string\",\"enum\":[\"blue\"]}"),
        ErrorType.INVALID_ATTRIBUTE);
    // an extension the new model no longer defines
    rejected(stored, shape("\"size\":{\"type\":\"integer\"}"), ErrorType.UNKNOWN_ATTRIBUTE);
    // a newly required attribute: a default is for new writes, existing entities keep their values
    rejected(stored, shape("\"size\":{\"type\":\"integer\"},\"color\":{\"type\":\"string\"},"
        + "\"owner\":{\"type\":\"string\",\"required\":true,\"default\":\"me\"}"), ErrorType.REQUIRED_ATTRIBUTE_MISSING);
    // "*" keeps anything, the stored map itself is never changed
    Compliance.check(stored, shape("\"*\":{\"type\":\"any\"}"), XID);
    assertThat(stored.has("owner")).isFalse();
  }

  private static void rejected(ObjectNode stored, Shape shape, ErrorType type) {
    assertThatThrownBy(() -> Compliance.check(stored, shape, XID)).isInstanceOfSatisfying(XRegistryException.class,
        e -> {
          assertThat(e.type()).isEqualTo(type);
          assertThat(e.subject()).isEqualTo(XID);
        });
  }

  private static Shape shape(String groupAttributes) {
    GroupType g = Model.parse(Json.parseTrusted("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"attributes\":{"
        + groupAttributes + "}}}}")).group("dirs").orElseThrow();
    return Shapes.group(g);
  }
}
