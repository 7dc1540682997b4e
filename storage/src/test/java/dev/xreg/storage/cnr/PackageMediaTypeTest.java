package dev.xreg.storage.cnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The appr media type names (checklist section 5) and the OCI layer types of section 6. */
class PackageMediaTypeTest {

  @Test
  void shortAndFullNamesNameTheSameType() {
    assertThat(PackageMediaType.parse("helm")).isEqualTo(new PackageMediaType("helm"));
    assertThat(PackageMediaType.parse("application/vnd.appr.package-manifest.helm.v0.json").name()).isEqualTo("helm");
    assertThat(PackageMediaType.parse("application/vnd.appr.package.docker-compose.v0.tar+gzip").name())
        .isEqualTo("docker-compose");
  }

  @Test
  void derivedTypesFollowAppr() {
    PackageMediaType kpm = PackageMediaType.parse("kpm");
    assertThat(kpm.manifestType()).isEqualTo("application/vnd.appr.package-manifest.kpm.v0.json");
    assertThat(kpm.contentType()).isEqualTo("application/vnd.appr.package.kpm.v0.tar+gzip");
    assertThat(kpm.layerType()).isEqualTo(kpm.contentType());
    assertThat(PackageMediaType.parse("helm").layerType()).isEqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
  }

  @Test
  void malformedNamesAreRefused() {
    for (String bad : new String[] {"", "Helm", "a b", "-x", "application/json", "x".repeat(65)}) {
      assertThatThrownBy(() -> PackageMediaType.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
