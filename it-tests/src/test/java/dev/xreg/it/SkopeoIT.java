package dev.xreg.it;

import static dev.xreg.it.OciClient.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "Real clients": Debian's skopeo pushes an OCI layout the test wrote into xreg,
 * inspects it, lists its tags, copies it to a second repository (by mount), pulls it back to a
 * layout byte for byte and deletes it; and a Helm chart packaged as an OCI artifact goes the
 * same way. Issue 17: a Helm chart pushed through the App Registry API ({@code /cnr}) is
 * pulled with skopeo from {@code /v2/}. Every step is one skopeo process, so the steps are few
 * (skopeo starts slowly).
 */
class SkopeoIT {
  static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  static InstalledClient skopeo;

  @TempDir
  Path temp;

  @BeforeAll
  static void findSkopeo() {
    skopeo = InstalledClient.onPath("skopeo");
  }

  /** {@code docker://127.0.0.1:<port>/<repo>:<tag>} of the server under test. */
  static String registry(String repoAndTag) {
    return "docker://127.0.0.1:" + server.port() + "/" + repoAndTag;
  }

  /**
   * skopeo with the flags every call here needs: no signature policy file is assumed on the
   * machine, and xreg speaks plain HTTP on loopback. {@code --debug} shows the requests sent.
   */
  static InstalledClient.Result skopeo(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--insecure-policy";
    all[1] = "--debug";
    System.arraycopy(args, 0, all, 2, args.length);
    return skopeo.ok(all);
  }

  @Test
  void anImageGoesInIsInspectedListedMountedPulledBackAndDeleted() throws Exception {
    // Several MiB that do not compress, so skopeo's streamed PATCH fills the server's write
    // queue many times over: back-pressure pauses and resumes the request again and again.
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("hello.txt", "hello from skopeo\n".getBytes(StandardCharsets.UTF_8));
    byte[] noise = new byte[8 << 20];
    new java.util.Random(14).nextBytes(noise);
    files.put("noise.bin", noise);
    LayerTar layer = LayerTar.of(files);
    byte[] config = OciLayout.imageConfig(layer.tar());
    OciLayout source = OciLayout.create(temp.resolve("source"));
    byte[] manifest = source.image("v1", OciClient.CONFIG, config, OciClient.LAYER, layer.gzip());
    String digest = sha256(manifest);

    skopeo("copy", "--dest-tls-verify=false", source.reference("v1"), registry("skopeo/app:v1"));
    // An OCI manifest needs no conversion: the registry holds the very bytes of the layout.
    HttpResponse<byte[]> stored = server.sendBytes("GET", "/v2/skopeo/app/manifests/v1", null,
        Map.of("Accept", OciClient.OCI_MANIFEST));
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.body()).isEqualTo(manifest);

    JsonNode inspected = XregServer.JSON.readTree(skopeo("inspect", "--tls-verify=false",
        registry("skopeo/app:v1")).stdout());
    assertThat(inspected.path("Digest").asText()).isEqualTo(digest);
    assertThat(inspected.path("Layers").get(0).asText()).isEqualTo(sha256(layer.gzip()));
    assertThat(inspected.path("Os").asText()).isEqualTo("linux");

    skopeo("copy", "--dest-tls-verify=false", source.reference("v1"), registry("skopeo/app:v2"));
    JsonNode tags = XregServer.JSON.readTree(skopeo("list-tags", "--tls-verify=false",
        registry("skopeo/app")).stdout());
    assertThat(tags.path("Tags").toString()).isEqualTo("[\"v1\",\"v2\"]");

    // Between two repositories of one registry skopeo mounts the layers it saw in the source
    // (OCI-016: "mount OK" is its word for a 201) instead of uploading them again; it
    // uploads the config, which it never tries to mount.
    String between = skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false",
        registry("skopeo/app:v1"), registry("skopeo/copy:v1")).stderr();
    assertThat(between).contains("mount=" + sha256(layer.gzip()).replace(":", "%3A"));
    assertThat(between).contains("... mount OK")
        .contains("Skipping blob " + sha256(layer.gzip()) + " (already present)");
    assertThat(server.sendBytes("GET", "/v2/skopeo/copy/manifests/v1", null, Map.of()).body()).isEqualTo(manifest);

    OciLayout pulled = OciLayout.create(temp.resolve("pulled"));
    skopeo("copy", "--src-tls-verify=false", registry("skopeo/copy:v1"), pulled.reference("v1"));
    assertThat(pulled.manifest("v1")).isEqualTo(manifest);
    assertThat(pulled.blob(sha256(config))).isEqualTo(config);
    assertThat(pulled.blob(sha256(layer.gzip()))).isEqualTo(layer.gzip());

    // skopeo deletes by digest (OCI-025): both tags on the manifest go, the copy stays.
    skopeo("delete", "--tls-verify=false", registry("skopeo/app:v1"));
    assertThat(server.get("/v2/skopeo/app/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(server.get("/v2/skopeo/app/manifests/" + digest).statusCode()).isEqualTo(404);
    assertThat(server.get("/v2/skopeo/copy/manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void aHelmChartPushesAndPullsAsAnOciArtifact() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n".getBytes(StandardCharsets.UTF_8));
    files.put("demo/values.yaml", "replicas: 1\n".getBytes(StandardCharsets.UTF_8));
    byte[] chart = LayerTar.of(files).gzip();
    byte[] config = "{\"apiVersion\":\"v2\",\"name\":\"demo\",\"version\":\"0.1.0\"}".getBytes(StandardCharsets.UTF_8);
    OciLayout source = OciLayout.create(temp.resolve("chart"));
    byte[] manifest = source.image("0.1.0", HELM_CONFIG, config, HELM_CHART, chart);

    skopeo("copy", "--dest-tls-verify=false", source.reference("0.1.0"), registry("charts/demo:0.1.0"));
    OciLayout pulled = OciLayout.create(temp.resolve("chart-pulled"));
    skopeo("copy", "--src-tls-verify=false", registry("charts/demo:0.1.0"), pulled.reference("0.1.0"));

    assertThat(pulled.manifest("0.1.0")).isEqualTo(manifest);
    assertThat(pulled.blob(sha256(config))).isEqualTo(config);
    assertThat(pulled.blob(sha256(chart))).isEqualTo(chart);
    HttpResponse<byte[]> blob = server.sendBytes("GET", "/v2/charts/demo/blobs/" + sha256(chart), null, Map.of());
    assertThat(blob.body()).isEqualTo(chart);
  }

  /**
   * CNR-005, CNR-010, issue 17: a Helm chart pushed through the App Registry API comes out of
   * {@code /v2/} with skopeo byte for byte. The release tag names an image index, so
   * {@code --all} copies it with every child; the child with Helm's config type has the
   * tar.gz as its layer. The child alone, by digest, is an ordinary OCI image manifest.
   */
  @Test
  void cnr005_cnr010_issue17_aChartPushedByCnrIsPulledByteExactWithSkopeo() throws Exception {
    String pkg = server.uniquePath("cnr") + "/webapp";
    byte[] chart = CnrClient.helmChart("webapp", "2.1.0");
    new CnrClient(server).pushOk(pkg, "2.1.0", "helm", chart);
    byte[] index = server.sendBytes("GET", "/v2/" + pkg + "/manifests/2.1.0", null,
        Map.of("Accept", OciClient.OCI_INDEX)).body();

    OciLayout all = OciLayout.create(temp.resolve("cnr-all"));
    skopeo("copy", "--all", "--src-tls-verify=false", registry(pkg + ":2.1.0"), all.reference("2.1.0"));
    // skopeo 1.9 re-serialises the index through image-spec 1.0 structs, which lack
    // image-spec 1.1's artifactType (on the index and on its descriptors): it writes the index
    // without them and keeps everything else, children and annotations included.
    ObjectNode served = (ObjectNode) XregServer.JSON.readTree(index);
    served.remove("artifactType");
    served.path("manifests").forEach(entry -> ((ObjectNode) entry).remove("artifactType"));
    assertThat(XregServer.JSON.readTree(all.manifest("2.1.0"))).isEqualTo(served);
    String child = null;
    for (JsonNode entry : XregServer.JSON.readTree(index).path("manifests")) {
      byte[] bytes = all.blob(entry.path("digest").asText());
      assertThat(sha256(bytes)).isEqualTo(entry.path("digest").asText());
      JsonNode manifest = XregServer.JSON.readTree(bytes);
      if (HELM_CONFIG.equals(manifest.path("config").path("mediaType").asText())) {
        child = entry.path("digest").asText();
        JsonNode layer = manifest.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo(HELM_CHART);
        assertThat(all.blob(layer.path("digest").asText())).isEqualTo(chart);
      }
    }
    assertThat(child).as("an index child with the Helm config type in %s", new String(index, StandardCharsets.UTF_8))
        .isNotNull();

    OciLayout single = OciLayout.create(temp.resolve("cnr-child"));
    skopeo("copy", "--src-tls-verify=false", registry(pkg + "@" + child), single.reference("chart"));
    byte[] childManifest = single.manifest("chart");
    assertThat(sha256(childManifest)).isEqualTo(child);
    assertThat(single.blob(sha256(chart))).isEqualTo(chart);
  }
}
