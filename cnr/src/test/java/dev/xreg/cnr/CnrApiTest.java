package dev.xreg.cnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prefix setting and the metrics route templates, which must never carry a name or a release. */
class CnrApiTest {

  @Test
  void thePrefixIsNormalisedAndNeverTheRoot() {
    assertThat(new CnrApi("cnr/", 1).mountPath()).isEqualTo("/cnr");
    assertThat(new CnrApi("/apps/cnr", 1).mountPath()).isEqualTo("/apps/cnr");
    assertThat(new CnrApi(null, 1).mountPath()).isEqualTo("/cnr");
    assertThatThrownBy(() -> new CnrApi("/", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void routeTemplatesHideNamesReleasesAndDigests() {
    CnrApi api = new CnrApi();
    assertThat(api.routeTemplate("/version")).isEqualTo("/cnr/version");
    assertThat(api.routeTemplate("/api/v1/packages")).isEqualTo("/cnr/api/v1/packages");
    assertThat(api.routeTemplate("/api/v1/packages/search")).isEqualTo("/cnr/api/v1/packages/search");
    assertThat(api.routeTemplate("/api/v1/packages/acme/nginx")).isEqualTo("/cnr/api/v1/packages/{namespace}/{package}");
    assertThat(api.routeTemplate("/api/v1/packages/acme/nginx/1.0.0/helm/pull"))
        .isEqualTo("/cnr/api/v1/packages/{namespace}/{package}/{release}/{media_type}/pull");
    assertThat(api.routeTemplate("/api/v1/packages/acme/nginx/channels/stable/1.0.0"))
        .isEqualTo("/cnr/api/v1/packages/{namespace}/{package}/channels/{channel}/{release}");
    assertThat(api.routeTemplate("/api/v1/packages/acme/nginx/blobs/sha256/" + "a".repeat(64) + "/json"))
        .isEqualTo("/cnr/api/v1/packages/{namespace}/{package}/blobs/sha256/{digest}/json");
  }
}
