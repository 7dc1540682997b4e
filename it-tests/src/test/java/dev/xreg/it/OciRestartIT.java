package dev.xreg.it;

import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: upload sessions and pushed content survive the process. A chunk acknowledged
 * before a {@code kill -9} is still there after the restart; the upload resumes from it
 * (OCI-011, OCI-013, OCI-014), and what was pushed earlier reads back unchanged.
 */
class OciRestartIT {

  @Test
  void anUploadResumesAfterAKillAndPushedContentSurvives() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      OciClient oci = new OciClient(server);
      String repo = "restart/app";
      byte[] manifest = oci.imageManifest(repo, "restart");
      assertThat(oci.putManifest(repo, "v1", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);

      byte[] blob = bytes("resume", 200_000);
      String location = oci.startUpload(repo);
      HttpResponse<byte[]> first = oci.send("PATCH", location, Arrays.copyOfRange(blob, 0, 120_000),
          Map.of("Content-Type", "application/octet-stream", "Content-Range", "0-119999"));
      assertThat(first.statusCode()).isEqualTo(202);
      String uploadPath = pathOf(first.headers().firstValue("Location").orElseThrow());

      server.kill();
      server.start();

      HttpResponse<byte[]> status = oci.send("GET", uploadPath, null, Map.of());
      assertThat(status.statusCode()).as(text(status)).isEqualTo(204);
      assertThat(status.headers().firstValue("Range")).hasValue("0-119999");
      HttpResponse<byte[]> rest = oci.send("PATCH", uploadPath, Arrays.copyOfRange(blob, 120_000, 200_000),
          Map.of("Content-Type", "application/octet-stream", "Content-Range", "120000-199999"));
      assertThat(rest.statusCode()).isEqualTo(202);
      String digest = sha256(blob);
      assertThat(oci.send("PUT", withDigest(uploadPath, digest), null, Map.of()).statusCode()).isEqualTo(201);
      assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);

      HttpResponse<byte[]> pulled = oci.send("GET", "/v2/" + repo + "/manifests/v1", null, Map.of());
      assertThat(pulled.body()).isEqualTo(manifest);
      assertThat(XregServer.JSON.readTree(oci.send("GET", "/v2/" + repo + "/tags/list", null, Map.of()).body())
          .path("tags").toString()).isEqualTo("[\"v1\"]");
    }
  }
}
