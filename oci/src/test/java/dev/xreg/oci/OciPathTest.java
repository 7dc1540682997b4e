package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.oci.OciPath.Endpoint;
import org.junit.jupiter.api.Test;

/** OCI-002: names with slashes, and names whose components look like endpoint words. */
class OciPathTest {

  @Test
  void oci002_nestedNamesAreEverythingBeforeTheEndpoint() {
    assertThat(OciPath.parse("/a/b/c/manifests/v1")).isEqualTo(new OciPath(Endpoint.MANIFEST, "a/b/c", "v1"));
    assertThat(OciPath.parse("/a/tags/list")).isEqualTo(new OciPath(Endpoint.TAGS, "a", null));
    assertThat(OciPath.parse("/a/referrers/sha256:x")).isEqualTo(new OciPath(Endpoint.REFERRERS, "a", "sha256:x"));
  }

  @Test
  void oci008_uploadsAreNeverReadAsABlobNamedUploads() {
    assertThat(OciPath.parse("/a/blobs/uploads/")).isEqualTo(new OciPath(Endpoint.UPLOADS, "a", null));
    assertThat(OciPath.parse("/a/blobs/uploads")).isEqualTo(new OciPath(Endpoint.UPLOADS, "a", null));
    assertThat(OciPath.parse("/a/blobs/uploads/id-1")).isEqualTo(new OciPath(Endpoint.UPLOAD, "a", "id-1"));
    assertThat(OciPath.parse("/blobs/blobs/sha256:x")).isEqualTo(new OciPath(Endpoint.BLOB, "blobs", "sha256:x"));
  }

  /** The manifest path is parsed without regular expressions (issue 15): the same answers as the expression. */
  @Test
  void manifestPathsAgreeWithTheGrammar() {
    java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("/(.+)/manifests/([^/]+)");
    String[] paths = {"/a/manifests/v1", "/a/b/manifests/sha256:x", "/manifests/x", "//manifests/x", "/a/manifests/",
        "/a/manifests/manifests/x", "/a/manifests/x/", "/a/manifests/x/tags/list", "/a/manifests/tags/list",
        "/a\nb/manifests/x", "/a/manifests/x\ny", "/a/xmanifests/v1", "a/manifests/v1", "/a//manifests/v1",
        "/m/manifests", "/ab/manifests/v1/"};
    for (String p : paths) {
      java.util.regex.Matcher m = grammar.matcher(p);
      OciPath parsed = OciPath.parse(p);
      if (m.matches() && !p.endsWith("/tags/list")) {
        assertThat(parsed).as(p).isEqualTo(new OciPath(Endpoint.MANIFEST, m.group(1), m.group(2)));
      } else {
        assertThat(parsed.endpoint()).as(p).isNotEqualTo(Endpoint.MANIFEST);
      }
    }
  }

  @Test
  void baseCatalogAndTheRest() {
    assertThat(OciPath.parse("/").endpoint()).isEqualTo(Endpoint.BASE);
    assertThat(OciPath.parse("").endpoint()).isEqualTo(Endpoint.BASE);
    assertThat(OciPath.parse("/_catalog").endpoint()).isEqualTo(Endpoint.CATALOG);
    assertThat(OciPath.parse("/a/b").endpoint()).isEqualTo(Endpoint.UNKNOWN);
    assertThat(OciPath.parse("/" + "a/".repeat(600) + "tags/list").endpoint()).isEqualTo(Endpoint.UNKNOWN);
  }
}
