package dev.xreg.it;

import static dev.xreg.it.OciClient.CONFIG;
import static dev.xreg.it.OciClient.LAYER;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.errorCode;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Bad input changes nothing": a {@code kill -9} while a blob upload and a manifest
 * PUT are half sent (headers and half the body on the wire) leaves the registry consistent
 * after a restart on the same data. No half-received blob or manifest is visible, the tags
 * list holds only what was acknowledged, the interrupted upload holds at most the bytes that
 * arrived (a prefix of the blob, from which it resumes), and pushing the same content again works.
 */
class OciCrashIT {
  private static final String REPO = "crash/app";

  @Test
  void aKillDuringAnUploadAndAManifestPutLeavesTheRegistryConsistent() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      OciClient oci = new OciClient(server);
      byte[] acknowledged = oci.imageManifest(REPO, "before the crash");
      assertThat(oci.putManifest(REPO, "v1", acknowledged, OCI_MANIFEST).statusCode()).isEqualTo(201);

      // A manifest whose blobs are in place, so only its own PUT is interrupted.
      byte[] config = "{\"crash\":true}".getBytes(StandardCharsets.UTF_8);
      byte[] layer = bytes("crash layer", 4_000);
      byte[] manifest = OciClient.manifest(OCI_MANIFEST, descriptor(CONFIG, oci.pushBlob(REPO, config), config.length),
          descriptor(LAYER, oci.pushBlob(REPO, layer), layer.length), null, null);

      byte[] blob = bytes("interrupted blob", 2_000_000);
      String digest = sha256(blob);
      String chunked = oci.startUpload(REPO);
      String closing = oci.startUpload(REPO);
      try (Socket patch = halfSent(server, "PATCH", chunked, blob);
          Socket put = halfSent(server, "PUT", withDigest(closing, digest), blob);
          Socket manifestPut = halfSent(server, "PUT", "/v2/" + REPO + "/manifests/v2", manifest)) {
        Thread.sleep(1_000); // the halves reach the server and its disk
        server.kill();
      }
      server.start();

      // Nothing half-received is visible: not the blob, not the manifest, not the tag.
      assertThat(oci.send("HEAD", "/v2/" + REPO + "/blobs/" + digest, null, Map.of()).statusCode()).isEqualTo(404);
      HttpResponse<byte[]> byTag = oci.send("GET", "/v2/" + REPO + "/manifests/v2", null, Map.of());
      assertThat(byTag.statusCode()).isEqualTo(404);
      assertThat(errorCode(byTag)).isEqualTo("MANIFEST_UNKNOWN");
      assertThat(oci.send("GET", "/v2/" + REPO + "/manifests/" + sha256(manifest), null, Map.of()).statusCode())
          .isEqualTo(404);
      assertThat(server.json("/v2/" + REPO + "/tags/list").path("tags").toString()).isEqualTo("[\"v1\"]");
      assertThat(oci.send("GET", "/v2/" + REPO + "/manifests/v1", null, Map.of()).body()).isEqualTo(acknowledged);

      // Each interrupted upload holds a prefix of what was sent, and resumes from it (OCI-014).
      for (String upload : new String[] {chunked, closing}) {
        HttpResponse<byte[]> status = oci.send("GET", upload, null, Map.of());
        assertThat(status.statusCode()).as(text(status)).isEqualTo(204);
        long held = heldBytes(status.headers().firstValue("Range").orElseThrow());
        assertThat(held).isLessThanOrEqualTo(blob.length / 2);
        HttpResponse<byte[]> rest = oci.send("PUT", withDigest(upload, digest),
            Arrays.copyOfRange(blob, (int) held, blob.length), Map.of("Content-Type", "application/octet-stream"));
        assertThat(rest.statusCode()).as(text(rest)).isEqualTo(201);
      }
      assertThat(oci.send("GET", "/v2/" + REPO + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);

      // The same manifest pushes again, whole this time.
      HttpResponse<byte[]> again = oci.putManifest(REPO, "v2", manifest, OCI_MANIFEST);
      assertThat(again.statusCode()).as(text(again)).isEqualTo(201);
      assertThat(oci.send("GET", "/v2/" + REPO + "/manifests/v2", null, Map.of()).body()).isEqualTo(manifest);
      assertThat(server.json("/v2/" + REPO + "/tags/list").path("tags").toString()).isEqualTo("[\"v1\",\"v2\"]");
    }
  }

  /**
   * Opens a connection and sends a request's headers (with the full Content-Length) and the
   * first half of its body, then leaves it open: the request is in flight.
   */
  private static Socket halfSent(XregServer server, String method, String path, byte[] body) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    OutputStream out = socket.getOutputStream();
    String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
        + "Content-Type: " + (path.contains("/manifests/") ? OCI_MANIFEST : "application/octet-stream") + "\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, body.length / 2);
    out.flush();
    return socket;
  }

  /** The byte count an upload status {@code Range: 0-<last>} reports; {@code 0-0} is read as none. */
  private static long heldBytes(String range) {
    long last = Long.parseLong(range.substring(range.indexOf('-') + 1));
    return last == 0 ? 0 : last + 1;
  }
}
