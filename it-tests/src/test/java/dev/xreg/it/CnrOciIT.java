package dev.xreg.it;

import static dev.xreg.it.CnrClient.PREFIX;
import static dev.xreg.it.CnrClient.assertError;
import static dev.xreg.it.CnrClient.composePackage;
import static dev.xreg.it.CnrClient.helmChart;
import static dev.xreg.it.CnrClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17, checklist section 6: a package pushed through the App Registry is OCI content. A
 * Helm chart and a Docker Compose package, built by the test, go in by CNR-005 and come back
 * byte for byte by CNR pull and by plain {@code /v2/} manifest and blob GETs: the release tag
 * names an index, its child per media type has the tar.gz as its layer (Helm's OCI types for
 * {@code helm}). Channels are not OCI tags.
 */
class CnrOciIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private final CnrClient cnr = new CnrClient(server);
  private final OciClient oci = new OciClient(server);

  private String pkg(String name) {
    return server.uniquePath("oci") + "/" + name;
  }

  /** GET a manifest as a client accepting both OCI kinds; asserts it is there and of {@code mediaType}. */
  private JsonNode manifest(String repo, String reference, String mediaType) throws Exception {
    HttpResponse<byte[]> r = oci.send("GET", "/v2/" + repo + "/manifests/" + reference, null,
        Map.of("Accept", OCI_INDEX + ", " + OCI_MANIFEST));
    assertThat(r.statusCode()).as(OciClient.text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(mediaType);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(OciClient.sha256(r.body()));
    return XregServer.JSON.readTree(r.body());
  }

  private byte[] blob(String repo, String digest) throws Exception {
    HttpResponse<byte[]> r = oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(r.statusCode()).as(OciClient.text(r)).isEqualTo(200);
    assertThat(OciClient.sha256(r.body())).isEqualTo(digest);
    return r.body();
  }

  @Test
  void cnr005_cnr010_section6_helmChartPulledByteExactByCnrAndByOci() throws Exception {
    String pkg = pkg("nginx");
    byte[] chart = helmChart("nginx", "1.2.3");
    cnr.pushOk(pkg, "1.2.3", "helm", chart);

    assertThat(cnr.getBytes(PREFIX + pkg + "/1.2.3/helm/pull").body()).isEqualTo(chart);

    JsonNode index = manifest(pkg, "1.2.3", OCI_INDEX);
    assertThat(index.path("artifactType").asText()).isEqualTo("application/vnd.appr.package-manifest.v0+json");
    assertThat(index.path("manifests")).hasSize(1);
    JsonNode entry = index.path("manifests").get(0);
    assertThat(entry.path("mediaType").asText()).isEqualTo(OCI_MANIFEST);

    JsonNode child = manifest(pkg, entry.path("digest").asText(), OCI_MANIFEST);
    assertThat(child.path("config").path("mediaType").asText()).isEqualTo("application/vnd.cncf.helm.config.v1+json");
    JsonNode layer = child.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
    assertThat(layer.path("size").asLong()).isEqualTo(chart.length);
    assertThat(blob(pkg, layer.path("digest").asText())).isEqualTo(chart);

    // Helm's config is the chart's metadata from Chart.yaml
    JsonNode config = XregServer.JSON.readTree(blob(pkg, child.path("config").path("digest").asText()));
    assertThat(config.path("name").asText()).isEqualTo("nginx");
    assertThat(config.path("version").asText()).isEqualTo("1.2.3");
    assertThat(config.path("apiVersion").asText()).isEqualTo("v2");
  }

  @Test
  void cnr005_section6_composePackageUsesTheApprTypes() throws Exception {
    String pkg = pkg("stack");
    byte[] compose = composePackage("cache");
    cnr.pushOk(pkg, "0.3.0", "docker-compose", compose);

    assertThat(cnr.getBytes(PREFIX + pkg + "/0.3.0/docker-compose/pull").body()).isEqualTo(compose);
    JsonNode index = manifest(pkg, "0.3.0", OCI_INDEX);
    JsonNode child = manifest(pkg, index.path("manifests").get(0).path("digest").asText(), OCI_MANIFEST);
    assertThat(child.path("artifactType").asText()).isEqualTo("application/vnd.appr.package-manifest.docker-compose.v0.json");
    JsonNode layer = child.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.appr.package.docker-compose.v0.tar+gzip");
    assertThat(blob(pkg, layer.path("digest").asText())).isEqualTo(compose);
  }

  @Test
  void section6_oneIndexChildPerMediaTypeAndChannelsAreNotTags() throws Exception {
    String pkg = pkg("multi");
    byte[] chart = helmChart("multi", "1.0.0");
    byte[] compose = composePackage("multi");
    cnr.pushOk(pkg, "1.0.0", "helm", chart);
    cnr.pushOk(pkg, "1.0.0", "docker-compose", compose);
    cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0");

    JsonNode index = manifest(pkg, "1.0.0", OCI_INDEX);
    assertThat(index.path("manifests")).hasSize(2);
    JsonNode tags = XregServer.JSON.readTree(server.get("/v2/" + pkg + "/tags/list").body());
    assertThat(tags.path("tags").toString()).isEqualTo("[\"1.0.0\"]");

    // deleting one media type leaves the other in a rebuilt index, still pullable by /v2/
    assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.0.0/helm").statusCode()).isEqualTo(200);
    JsonNode after = manifest(pkg, "1.0.0", OCI_INDEX);
    assertThat(after.path("manifests")).hasSize(1);
    JsonNode child = manifest(pkg, after.path("manifests").get(0).path("digest").asText(), OCI_MANIFEST);
    assertThat(blob(pkg, child.path("layers").get(0).path("digest").asText())).isEqualTo(compose);
    // the deleted chart's blob is no longer served in the repository
    assertThat(oci.send("GET", "/v2/" + pkg + "/blobs/" + OciClient.sha256(chart), null, Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(cnr.getBytes(PREFIX + pkg + "/1.0.0/-/pull").body()).isEqualTo(compose);
  }

  @Test
  void section6_anOciImageRepositoryTakesNoPackage() throws Exception {
    String repo = server.uniquePath("img") + "/app";
    HttpResponse<byte[]> put = oci.putManifest(repo, "v1", oci.imageManifest(repo, "image"), OCI_MANIFEST);
    assertThat(put.statusCode()).as(OciClient.text(put)).isEqualTo(201);

    assertError(cnr.push(repo, "1.0.0", "helm", helmChart("app", "1.0.0"), false), 409, "resource-in-use");
    assertError(cnr.get(PREFIX + repo), 404, "package-not-found");
    JsonNode tags = XregServer.JSON.readTree(server.get("/v2/" + repo + "/tags/list").body());
    assertThat(tags.path("tags").toString()).isEqualTo("[\"v1\"]");
  }
}
