package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OCI-003: several Accept lines, lists and parameters. */
class AcceptTest {
  private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
  private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

  @Test
  void oci003_theTypeMayBeOnAnyLineOrInAList() {
    assertThat(ManifestEndpoints.acceptable(List.of(DOCKER, OCI), OCI)).isTrue();
    assertThat(ManifestEndpoints.acceptable(List.of(DOCKER + ", " + OCI + ";q=0.5"), OCI)).isTrue();
  }

  @Test
  void oci003_noHeaderWildcardsOrPlainJsonGetWhatIsStored() {
    assertThat(ManifestEndpoints.acceptable(List.of(), OCI)).isTrue();
    assertThat(ManifestEndpoints.acceptable(List.of("application/json"), OCI)).isTrue();
    assertThat(ManifestEndpoints.acceptable(List.of(DOCKER, "*/*"), OCI)).isTrue();
  }

  @Test
  void oci003_aClientNamingOnlyOtherManifestTypesIsNotGivenThisOne() {
    assertThat(ManifestEndpoints.acceptable(List.of(DOCKER), OCI)).isFalse();
  }
}
