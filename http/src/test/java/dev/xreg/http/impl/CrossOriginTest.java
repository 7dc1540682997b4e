package dev.xreg.http.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossOriginTest {

  @Test
  void noOriginsMeansNoCors() {
    assertThat(CrossOrigin.of(List.of())).isNull();
  }

  @Test
  void aWildcardCannotBeMixedWithNamesNorAnOriginHaveAPath() {
    assertThat(CrossOrigin.of(List.of("*"))).isNotNull();
    assertThat(CrossOrigin.of(List.of("https://a.test", "http://b.test:8080"))).isNotNull();
    assertThatThrownBy(() -> CrossOrigin.of(List.of("*", "https://a.test")))
        .hasMessageContaining("XREG_CORS_ORIGINS").hasMessageContaining("'*'");
    assertThatThrownBy(() -> CrossOrigin.of(List.of("https://a.test/ui")))
        .hasMessageContaining("XREG_CORS_ORIGINS").hasMessageContaining("https://a.test/ui");
  }

  @Test
  void theExposedHeadersCoverEveryApi() {
    assertThat(CrossOrigin.EXPOSED_HEADERS).contains("ETag", "Location", "Link", "Docker-Content-Digest",
        "xRegistry-epoch", "Retry-After");
    assertThat(CrossOrigin.ALLOWED_HEADERS).contains("Authorization", "Content-Type", "If-Match");
  }
}
