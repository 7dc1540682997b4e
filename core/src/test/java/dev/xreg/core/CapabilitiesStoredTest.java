package dev.xreg.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The rule for keeping capabilities (issue 12: a rule, so it lives in core, not in the store). */
class CapabilitiesStoredTest {

  @Test
  void unchangedCapabilitiesAreKeptAsTheServersDefaults() {
    assertThat(Capabilities.stored(Capabilities.defaults())).isEqualTo(Json.object());
    assertThat(Capabilities.fromStored(Json.object())).isEqualTo(Capabilities.defaults());
  }

  @Test
  void changedCapabilitiesAreKeptAsTheyAre() {
    ObjectNode changed = Capabilities.defaults();
    changed.put("shortself", !changed.path("shortself").asBoolean());
    assertThat(Capabilities.stored(changed)).isEqualTo(changed);
    assertThat(Capabilities.fromStored(Capabilities.stored(changed))).isEqualTo(changed);
  }
}
