package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "Real clients": Jib ({@code jib-core}, a Maven test dependency) containerizes an
 * image {@code FROM scratch} with one file layer straight into xreg over plain HTTP,
 * anonymously; skopeo then pulls it, and the file in the pulled layer is the file Jib packed.
 * Jib then builds a second image on that one as its base.
 */
class JibIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  @TempDir
  Path temp;

  @Test
  void jibPushesAnImageFromScratchThatSkopeoPulls() throws Exception {
    InstalledClient skopeo = InstalledClient.onPath("skopeo");
    byte[] content = "containerized by jib\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(Files.createDirectories(temp.resolve("src")).resolve("hello.txt"), content);
    String image = "127.0.0.1:" + server.port() + "/jib/hello:1";

    JibContainer pushed = Jib.fromScratch()
        .addLayer(List.of(file), "/app")
        .containerize(containerizer(image));

    String digest = pushed.getDigest().toString();
    assertThat(server.get("/v2/jib/hello/manifests/1").headers().firstValue("Docker-Content-Digest"))
        .hasValue(digest);
    JsonNode tags = server.json("/v2/jib/hello/tags/list");
    assertThat(tags.path("tags").toString()).isEqualTo("[\"1\"]");

    OciLayout pulled = OciLayout.create(temp.resolve("pulled"));
    skopeo.ok("--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + image, pulled.reference("1"));
    JsonNode manifest = XregServer.JSON.readTree(pulled.manifest("1"));
    assertThat(manifest.path("layers")).hasSize(1);
    byte[] layer = pulled.blob(manifest.path("layers").get(0).path("digest").asText());
    assertThat(LayerTar.files(layer)).containsKey("app/hello.txt");
    assertThat(LayerTar.files(layer).get("app/hello.txt")).isEqualTo(content);

    // Jib reads that image back as a base (manifest and config through its Accept list) and
    // puts the base layer into the new repository (by a cross-repository mount, OCI-016, as
    // both are on one registry): the derived image reads it there.
    Path more = Files.write(temp.resolve("src/more.txt"), "a second layer\n".getBytes(StandardCharsets.UTF_8));
    JibContainer derived = Jib.from(RegistryImage.named(image))
        .addLayer(List.of(more), "/app")
        .containerize(containerizer("127.0.0.1:" + server.port() + "/jib/derived:1"));
    JsonNode derivedManifest = XregServer.JSON.readTree(
        server.sendBytes("GET", "/v2/jib/derived/manifests/" + derived.getDigest(), null,
            Map.of("Accept", OciClient.DOCKER_MANIFEST + ", " + OciClient.OCI_MANIFEST)).body());
    assertThat(derivedManifest.path("layers")).hasSize(2);
    String baseLayer = derivedManifest.path("layers").get(0).path("digest").asText();
    assertThat(baseLayer).isEqualTo(manifest.path("layers").get(0).path("digest").asText());
    assertThat(server.sendBytes("GET", "/v2/jib/derived/blobs/" + baseLayer, null, Map.of()).body()).isEqualTo(layer);
  }

  private Containerizer containerizer(String image) throws Exception {
    return Containerizer.to(RegistryImage.named(image))
        .setAllowInsecureRegistries(true)
        .setBaseImageLayersCache(temp.resolve("jib-cache/base"))
        .setApplicationLayersCache(temp.resolve("jib-cache/app"))
        .setToolName("xreg-it");
  }
}
