package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.storage.StorageOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Issue 14: XREG_GC_* and XREG_UPLOAD_TTL_SECONDS reach the collector through StorageOptions and its JSON. */
class GcSettingsTest {

  @Test
  void defaultsAreAnHourlyPassAnHourOfGraceAndADayForUploads() {
    StorageOptions options = new StorageOptions();
    assertThat(options.getGcIntervalSeconds()).isEqualTo(3600);
    assertThat(options.getGcGraceSeconds()).isEqualTo(3600);
    assertThat(options.getUploadTtlSeconds()).isEqualTo(86_400);
  }

  @Test
  void theSettingsSurviveTheJsonRoundTrip() {
    StorageOptions options = new StorageOptions().setGcIntervalSeconds(0).setGcGraceSeconds(5).setUploadTtlSeconds(60);
    StorageOptions copy = new StorageOptions(new JsonObject(options.toJson().encode()));
    assertThat(copy.getGcIntervalSeconds()).isZero();
    assertThat(copy.getGcGraceSeconds()).isEqualTo(5);
    assertThat(copy.getUploadTtlSeconds()).isEqualTo(60);
  }

  @Test
  void negativeIntervalsAndAZeroTtlAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new StorageOptions().setGcIntervalSeconds(-1)).hasMessageContaining("gcIntervalSeconds");
    assertThatThrownBy(() -> new StorageOptions().setGcGraceSeconds(-1)).hasMessageContaining("gcGraceSeconds");
    assertThatThrownBy(() -> new StorageOptions().setUploadTtlSeconds(0)).hasMessageContaining("uploadTtlSeconds");
  }
}
