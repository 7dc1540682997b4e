package dev.xreg.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.http.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Issue 19: the XREG_TLS_* and limit settings reach XRegistryOptions, round-trip through JSON and refuse nonsense. */
class LimitAndTlsSettingsTest {

  private static XRegistryOptions options(Map<String, String> env) throws Exception {
    return Settings.load(new String[0], env, new Properties()).toOptions();
  }

  @Test
  void defaultsAreOffAndTheCodecsLimits() throws Exception {
    XRegistryOptions o = options(Map.of());
    assertThat(o.getTls().isEnabled()).isFalse();
    assertThat(o.getLimits().getRatePerSecond()).isZero();
    assertThat(o.getLimits().getMaxUploadsPerClient()).isZero();
    assertThat(o.getLimits().getMaxUrlBytes()).isEqualTo(4096);
    assertThat(o.getLimits().getMaxHeaderBytes()).isEqualTo(8192);
  }

  @Test
  void settingsAreReadAndSurviveJson() throws Exception {
    XRegistryOptions o = options(Map.of("XREG_TLS_CERT", "/etc/xreg/tls.crt", "XREG_TLS_KEY", "/etc/xreg/tls.key",
        "XREG_RATE_LIMIT_PER_SECOND", "2.5", "XREG_MAX_UPLOADS_PER_CLIENT", "4", "XREG_MAX_URL_BYTES", "2048",
        "XREG_MAX_HEADER_BYTES", "4096"));
    assertThat(o.getTls().isEnabled()).isTrue();
    assertThat(o.getLimits().getRatePerSecond()).isEqualTo(2.5);
    // no burst given: one second's worth, rounded up
    assertThat(o.getLimits().effectiveBurst()).isEqualTo(3);
    XRegistryOptions back = new XRegistryOptions(o.toJson());
    assertThat(back.toJson()).isEqualTo(o.toJson());
    assertThat(back.getTls().getKeyPath()).isEqualTo("/etc/xreg/tls.key");
    assertThat(back.getLimits().getMaxUploadsPerClient()).isEqualTo(4);
    assertThat(options(Map.of("XREG_RATE_LIMIT_PER_SECOND", "1", "XREG_RATE_LIMIT_BURST", "20"))
        .getLimits().effectiveBurst()).isEqualTo(20);
  }

  @Test
  void nonsenseIsAConfigurationErrorNamingTheSetting() {
    assertThatThrownBy(() -> options(Map.of("XREG_TLS_CERT", "/etc/xreg/tls.crt")))
        .hasMessageContaining("XREG_TLS_KEY");
    assertThatThrownBy(() -> options(Map.of("XREG_RATE_LIMIT_PER_SECOND", "-1")))
        .hasMessageContaining("XREG_RATE_LIMIT_PER_SECOND");
    assertThatThrownBy(() -> options(Map.of("XREG_RATE_LIMIT_PER_SECOND", "fast")))
        .hasMessageContaining("XREG_RATE_LIMIT_PER_SECOND");
    assertThatThrownBy(() -> options(Map.of("XREG_MAX_URL_BYTES", "10"))).hasMessageContaining("XREG_MAX_URL_BYTES");
    assertThatThrownBy(() -> options(Map.of("XREG_MAX_UPLOADS_PER_CLIENT", "-2")))
        .hasMessageContaining("XREG_MAX_UPLOADS_PER_CLIENT");
  }
}
