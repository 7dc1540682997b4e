package dev.xreg.it;

import static dev.xreg.it.OciClient.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "Real clients": the npm package {@code oci-registry-client} pushes an image with
 * its own upload path (a session POST, then the whole blob in the closing PUT, OCI-009) and
 * pulls it back (manifest by tag with its Accept list, HEAD and GET of each blob, tags list),
 * driven by {@code src/test/resources/npm/push-pull.js}. {@code .ci/run} installs the package
 * under the prefix the pom names in {@code xreg.npm.prefix}.
 */
class NpmOciClientIT {
  private static final String PACKAGE = "node_modules/oci-registry-client/package.json";

  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  @TempDir
  Path temp;

  @Test
  void theNpmClientPushesAndPullsAnImageByteForByte() throws Exception {
    InstalledClient node = InstalledClient.onPath("node");
    Path prefix = InstalledClient.directory("xreg.npm.prefix", PACKAGE);
    Path script = Path.of(NpmOciClientIT.class.getResource("/npm/push-pull.js").toURI());

    LayerTar layer = LayerTar.of(Map.of("app.txt", "pushed by node\n".getBytes(StandardCharsets.UTF_8)));
    byte[] config = OciLayout.imageConfig(layer.tar());
    OciLayout source = OciLayout.create(temp.resolve("source"));
    byte[] manifest = source.image("1.0", OciClient.CONFIG, config, OciClient.LAYER, layer.gzip());
    Path out = temp.resolve("pulled");

    InstalledClient.Result run = node.ok(script.toString(), prefix.toString(),
        "http://127.0.0.1:" + server.port() + "/npm/app", "1.0", source.dir().toString(), out.toString());

    assertThat(XregServer.JSON.readTree(run.stdout()).path("tags").toString()).isEqualTo("[\"1.0\"]");
    assertThat(Files.readAllBytes(out.resolve("manifest.json"))).isEqualTo(manifest);
    OciLayout pulled = OciLayout.open(out);
    assertThat(pulled.blob(sha256(config))).isEqualTo(config);
    assertThat(pulled.blob(sha256(layer.gzip()))).isEqualTo(layer.gzip());
    // What the client pushed is what any other client reads.
    HttpResponse<byte[]> stored = server.sendBytes("GET", "/v2/npm/app/manifests/" + sha256(manifest), null, Map.of());
    assertThat(stored.body()).isEqualTo(manifest);
  }
}
