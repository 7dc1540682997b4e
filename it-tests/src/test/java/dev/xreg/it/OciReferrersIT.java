package dev.xreg.it;

import static dev.xreg.it.OciClient.OCI_INDEX;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.manifest;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OCI-023 against the built server: the referrers API lists both the manifests pushed with a
 * {@code subject} and those a client without the API listed in an image index under the
 * referrers tag schema tag ({@code sha256-<hex>}), each once, filtered and paged alike.
 */
class OciReferrersIT {
  static final String SBOM = "application/spdx+json";
  static final String SIG = "application/vnd.dev.sig";

  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private final OciClient oci = new OciClient(server);

  /** A subject with an SBOM and a signature pushed with {@code subject}, and a fallback index. */
  private record Fixture(String repo, String subject, String sbom, String sig, String legacy) {
  }

  /**
   * The fallback index lists the SBOM again (a duplicate) and a "legacy" SBOM pushed without a
   * {@code subject}, which only the index makes a referrer.
   */
  private Fixture fixture(String prefix) throws Exception {
    String repo = server.uniquePath(prefix);
    byte[] image = oci.imageManifest(repo, prefix + "-subject");
    assertThat(oci.putManifest(repo, "img", image, OCI_MANIFEST).statusCode()).isEqualTo(201);
    String subjectDigest = sha256(image);
    String subject = descriptor(OCI_MANIFEST, subjectDigest, image.length);

    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    String emptyConfig = descriptor("application/vnd.oci.empty.v1+json", oci.pushBlob(repo, empty), 2);
    byte[] sbom = push(repo, manifest(OCI_MANIFEST, emptyConfig, layer(repo, prefix + "-sbom"), subject, SBOM));
    byte[] sig = push(repo, manifest(OCI_MANIFEST, emptyConfig, layer(repo, prefix + "-sig"), subject, SIG));
    byte[] legacy = push(repo, manifest(OCI_MANIFEST, emptyConfig, layer(repo, prefix + "-legacy"), null, SBOM));

    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
        + referrer(sbom, SBOM) + "," + referrer(legacy, SBOM) + "]}";
    String tag = "sha256-" + subjectDigest.substring("sha256:".length());
    HttpResponse<byte[]> put = oci.putManifest(repo, tag, index.getBytes(StandardCharsets.UTF_8), OCI_INDEX);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    return new Fixture(repo, subjectDigest, sha256(sbom), sha256(sig), sha256(legacy));
  }

  private String layer(String repo, String seed) throws Exception {
    byte[] layer = bytes(seed, 30);
    return descriptor("application/octet-stream", oci.pushBlob(repo, layer), layer.length);
  }

  private byte[] push(String repo, byte[] manifest) throws Exception {
    HttpResponse<byte[]> put = oci.putManifest(repo, sha256(manifest), manifest, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    return manifest;
  }

  /** The descriptor a client writes into the fallback index, with an annotation of its own. */
  private static String referrer(byte[] manifest, String artifactType) {
    return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + sha256(manifest) + "\",\"size\":"
        + manifest.length + ",\"artifactType\":\"" + artifactType + "\",\"annotations\":{\"from\":\"tag\"}}";
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    HttpResponse<byte[]> r = oci.send("GET", path, null, Map.of());
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
    return r;
  }

  private static List<String> digests(HttpResponse<byte[]> r) throws Exception {
    return XregServer.JSON.readTree(r.body()).path("manifests").findValuesAsText("digest");
  }

  /** Follows {@code Link: rel="next"} from {@code path}, returning each page's digests. */
  private List<List<String>> pages(String path) throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String next = path;
    while (next != null) {
      HttpResponse<byte[]> r = get(next);
      pages.add(digests(r));
      String link = r.headers().firstValue("Link").orElse(null);
      if (link != null) {
        // an absolute URL as the client sees the server, on the same referrers path
        assertThat(link).startsWith("<http://").endsWith(">; rel=\"next\"");
        next = pathOf(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        assertThat(next).startsWith(path.substring(0, path.indexOf('?')) + "?");
      } else {
        next = null;
      }
      assertThat(pages).as("a Link loop").hasSizeLessThan(10);
    }
    return pages;
  }

  @Test
  void oci023_theReferrersTagIndexIsMergedWithoutDuplicates() throws Exception {
    Fixture f = fixture("merge/r");
    HttpResponse<byte[]> all = get("/v2/" + f.repo() + "/referrers/" + f.subject());
    assertThat(all.headers().firstValue("OCI-Filters-Applied")).isEmpty();
    assertThat(all.headers().firstValue("Link")).isEmpty();
    assertThat(digests(all)).containsExactlyInAnyOrder(f.sbom(), f.sig(), f.legacy());

    JsonNode manifests = XregServer.JSON.readTree(all.body()).path("manifests");
    for (JsonNode d : manifests) {
      if (d.path("digest").asText().equals(f.sbom())) {
        // the stored manifest describes itself, not the client's copy in the index
        assertThat(d.path("annotations").path("it").asText()).isEqualTo("yes");
        assertThat(d.path("annotations").has("from")).isFalse();
      }
      if (d.path("digest").asText().equals(f.legacy())) {
        assertThat(d.path("artifactType").asText()).isEqualTo(SBOM);
        assertThat(d.path("annotations").path("from").asText()).isEqualTo("tag");
      }
    }
  }

  @Test
  void oci023_theArtifactTypeFilterAppliesToBothSources() throws Exception {
    Fixture f = fixture("filter/r");
    HttpResponse<byte[]> sboms = get("/v2/" + f.repo() + "/referrers/" + f.subject() + "?artifactType=application/spdx%2Bjson");
    assertThat(sboms.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(digests(sboms)).containsExactlyInAnyOrder(f.sbom(), f.legacy());

    HttpResponse<byte[]> sigs = get("/v2/" + f.repo() + "/referrers/" + f.subject() + "?artifactType=" + SIG);
    assertThat(sigs.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(digests(sigs)).containsExactly(f.sig());
  }

  @Test
  void oci023_aSmallPageLinksOnInDigestOrderAndKeepsTheFilter() throws Exception {
    Fixture f = fixture("page/r");
    List<String> sorted = new ArrayList<>(List.of(f.sbom(), f.sig(), f.legacy()));
    sorted.sort(null);
    assertThat(pages("/v2/" + f.repo() + "/referrers/" + f.subject() + "?n=1"))
        .containsExactly(List.of(sorted.get(0)), List.of(sorted.get(1)), List.of(sorted.get(2)));
    assertThat(pages("/v2/" + f.repo() + "/referrers/" + f.subject() + "?n=2"))
        .containsExactly(sorted.subList(0, 2), sorted.subList(2, 3));

    List<String> sboms = new ArrayList<>(List.of(f.sbom(), f.legacy()));
    sboms.sort(null);
    String filtered = "/v2/" + f.repo() + "/referrers/" + f.subject() + "?n=1&artifactType=application/spdx%2Bjson";
    assertThat(pages(filtered)).containsExactly(List.of(sboms.get(0)), List.of(sboms.get(1)));
    HttpResponse<byte[]> first = get(filtered);
    assertThat(first.headers().firstValue("Link").orElseThrow()).contains("artifactType=application%2Fspdx%2Bjson");
  }

  @Test
  void oci023_anUnknownSubjectOrRepositoryIsAnEmptyIndexNever404() throws Exception {
    Fixture f = fixture("empty/r");
    String unknown = sha256("no such subject".getBytes(StandardCharsets.UTF_8));
    assertThat(digests(get("/v2/" + f.repo() + "/referrers/" + unknown))).isEmpty();
    assertThat(digests(get("/v2/" + server.uniquePath("never/pushed") + "/referrers/" + f.subject()))).isEmpty();
  }

  @Test
  void oci023_anInvalidDigestIs400() throws Exception {
    Fixture f = fixture("invalid/r");
    for (String bad : new String[] {"sha256:xyz", "nodigest", "sha256:" + "a".repeat(63)}) {
      HttpResponse<byte[]> r = oci.send("GET", "/v2/" + f.repo() + "/referrers/" + bad, null, Map.of());
      assertThat(r.statusCode()).as(bad + ": " + text(r)).isEqualTo(400);
    }
  }
}
