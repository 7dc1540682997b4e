package dev.xreg.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.http.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The HTTP timeouts (issue 13): defaults, JSON round trip, settings names, refusal of nonsense. */
class XRegistryOptionsTest {

  @Test
  void timeoutsHaveSaneDefaults() {
    XRegistryOptions o = new XRegistryOptions();
    assertThat(o.getIdleTimeoutSeconds()).isEqualTo(60);
    assertThat(o.getHeaderTimeoutSeconds()).isEqualTo(10);
    assertThat(o.getBodyTimeoutSeconds()).isEqualTo(60);
  }

  @Test
  void timeoutsSurviveAJsonRoundTrip() {
    XRegistryOptions o = new XRegistryOptions().setIdleTimeoutSeconds(7).setHeaderTimeoutSeconds(3)
        .setBodyTimeoutSeconds(11);
    XRegistryOptions back = new XRegistryOptions(o.toJson());
    assertThat(back.getIdleTimeoutSeconds()).isEqualTo(7);
    assertThat(back.getHeaderTimeoutSeconds()).isEqualTo(3);
    assertThat(back.getBodyTimeoutSeconds()).isEqualTo(11);
    assertThat(back.toJson()).isEqualTo(o.toJson());
  }

  @Test
  void aTimeoutBelowOneSecondIsRefused() {
    assertThatThrownBy(() -> new XRegistryOptions().setHeaderTimeoutSeconds(0))
        .hasMessageContaining("headerTimeoutSeconds");
  }

  @Test
  void settingsReadTheTimeoutVariables() throws Exception {
    XRegistryOptions o = Settings.load(new String[0], Map.of("XREG_HTTP_IDLE_TIMEOUT_SECONDS", "5",
        "XREG_HTTP_HEADER_TIMEOUT_SECONDS", "2", "XREG_HTTP_BODY_TIMEOUT_SECONDS", "9"), new Properties()).toOptions();
    assertThat(o.getIdleTimeoutSeconds()).isEqualTo(5);
    assertThat(o.getHeaderTimeoutSeconds()).isEqualTo(2);
    assertThat(o.getBodyTimeoutSeconds()).isEqualTo(9);
  }
}
