package dev.xreg.it;

import static dev.xreg.it.OciClient.CONFIG;
import static dev.xreg.it.OciClient.LAYER;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14 "Garbage collection that reclaims space" and "Metrics", black-box: a server whose
 * collector runs every second with a grace period of a few seconds. Deleting a manifest frees
 * the blobs only it used, on disk; an image sharing a layer with it still pulls completely; an
 * abandoned upload goes after its TTL; pushes made while passes run all complete; and the
 * meters show it.
 */
class OciGarbageCollectionIT {
  private static final int GRACE_SECONDS = 3;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_GC_INTERVAL_SECONDS", "1")
      .env("XREG_GC_GRACE_SECONDS", Integer.toString(GRACE_SECONDS))
      .env("XREG_UPLOAD_TTL_SECONDS", "2");

  private final OciClient oci = new OciClient(server);

  @Test
  void deletingAManifestFreesItsOwnLayerOnDiskWhileAnImageSharingALayerStillPulls() throws Exception {
    String repo = "gc/shared";
    byte[] configA = "{\"image\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layerA = bytes("only-in-a", 40_000);
    byte[] shared = bytes("shared-layer", 60_000);
    byte[] configB = "{\"image\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : new byte[][] {configA, layerA, shared, configB}) {
      oci.pushBlob(repo, blob);
    }
    byte[] a = imageManifest(configA, layerA, shared);
    byte[] b = imageManifest(configB, shared);
    assertThat(oci.putManifest(repo, "a", a, OCI_MANIFEST).statusCode()).isEqualTo(201);
    assertThat(oci.putManifest(repo, "b", b, OCI_MANIFEST).statusCode()).isEqualTo(201);
    assertThat(blobFile(layerA)).exists();

    HttpResponse<byte[]> deleted = oci.send("DELETE", "/v2/" + repo + "/manifests/" + sha256(a), null, Map.of());
    assertThat(deleted.statusCode()).as(text(deleted)).isEqualTo(202);

    awaitTrue("A's own layer and config are deleted from disk",
        () -> !Files.exists(blobFile(layerA)) && !Files.exists(blobFile(configA)));
    assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + sha256(layerA), null, Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(blobFile(shared)).exists();
    assertPullsCompletely(repo, "b", b, configB, shared);
  }

  @Test
  void anUploadAbandonedForLongerThanTheTtlIsCancelled() throws Exception {
    String repo = "gc/abandoned";
    HttpResponse<byte[]> started = oci.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
    assertThat(started.statusCode()).isEqualTo(202);
    String id = started.headers().firstValue("Docker-Upload-UUID").orElseThrow();
    String location = OciClient.pathOf(started.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> chunk = oci.send("PATCH", location, bytes("left-behind", 5_000),
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(chunk.statusCode()).isEqualTo(202);
    Path upload = server.dataDir().resolve("blobs").resolve("uploads").resolve(id);
    assertThat(upload).exists();

    awaitTrue("the abandoned upload's bytes are deleted", () -> !Files.exists(upload));
    HttpResponse<byte[]> status = oci.send("GET", location, null, Map.of());
    assertThat(status.statusCode()).as(text(status)).isEqualTo(404);
    assertThat(OciClient.errorCode(status)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void pushesMadeWhilePassesRunAllCompleteAndTheMetersShowIt() throws Exception {
    String repo = "gc/busy";
    Instant end = Instant.now().plusSeconds(4); // four passes at least
    int pushes = 0;
    while (Instant.now().isBefore(end) && pushes < 40) {
      String seed = "busy-" + pushes;
      byte[] config = ("{\"n\":" + pushes + "}").getBytes(StandardCharsets.UTF_8);
      byte[] layer = bytes(seed, 20_000);
      oci.pushBlob(repo, config);
      oci.pushBlob(repo, layer);
      byte[] manifest = imageManifest(config, layer);
      HttpResponse<byte[]> put = oci.putManifest(repo, seed, manifest, OCI_MANIFEST);
      assertThat(put.statusCode()).as(seed + ": " + text(put)).isEqualTo(201);
      if (pushes % 2 == 1) { // every other image is deleted again, so the passes have work
        assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/" + sha256(manifest), null, Map.of())
            .statusCode()).isEqualTo(202);
      }
      pushes++;
    }
    Thread.sleep((GRACE_SECONDS + 2) * 1000L); // past the grace period: the kept images must still be whole
    for (int i = 0; i < pushes; i += 2) {
      byte[] config = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      byte[] layer = bytes("busy-" + i, 20_000);
      assertPullsCompletely(repo, "busy-" + i, imageManifest(config, layer), config, layer);
    }

    awaitTrue("a pass has freed blob bytes", () -> scrape().count("xreg_gc_freed_bytes_total", Map.of("item", "blob")) > 0);
    PrometheusScrape metrics = scrape();
    assertThat(metrics.count("xreg_gc_runs_seconds_count", Map.of("outcome", "ok"))).isGreaterThan(0);
    assertThat(metrics.count("xreg_gc_items_total", Map.of("item", "blob_link"))).isGreaterThan(0);
    assertThat(metrics.count("xreg_gc_items_total", Map.of("item", "blob"))).isGreaterThan(0);
    assertThat(metrics.count("xreg_content_pushes_total", Map.of("api", "oci", "kind", "manifest")))
        .isGreaterThanOrEqualTo(pushes);
    assertThat(metrics.count("xreg_content_pushes_total", Map.of("api", "oci", "kind", "blob")))
        .isGreaterThanOrEqualTo(2.0 * pushes);
    assertThat(metrics.count("xreg_content_received_bytes_total", Map.of("api", "oci", "kind", "blob")))
        .isGreaterThanOrEqualTo(20_000.0 * pushes);
    assertThat(metrics.count("xreg_content_pulls_total", Map.of("api", "oci", "kind", "blob"))).isGreaterThan(0);
    assertThat(metrics.count("xreg_content_sent_bytes_total", Map.of("api", "oci", "kind", "blob")))
        .isGreaterThanOrEqualTo(20_000.0 * ((pushes + 1) / 2));
    assertThat(metrics.count("xreg_upload_sessions_total", Map.of("api", "oci", "outcome", "started")))
        .isGreaterThanOrEqualTo(2.0 * pushes);
    assertThat(metrics.count("xreg_upload_sessions_total", Map.of("api", "oci", "outcome", "completed")))
        .isGreaterThanOrEqualTo(2.0 * pushes);
    assertThat(metrics.samples("xreg_content_pushes_total")).allSatisfy(s ->
        assertThat(s.labels().values()).noneMatch(v -> v.contains(repo))); // no repository names as labels
  }

  // ----------------------------------------------------------------------------- helpers

  private static byte[] imageManifest(byte[] config, byte[]... layers) {
    StringBuilder layerList = new StringBuilder();
    for (byte[] layer : layers) {
      layerList.append(layerList.length() == 0 ? "" : ",").append(descriptor(LAYER, sha256(layer), layer.length));
    }
    return OciClient.manifest(OCI_MANIFEST, descriptor(CONFIG, sha256(config), config.length), layerList.toString(),
        null, null);
  }

  /** The manifest by tag, then each blob, byte for byte. */
  private void assertPullsCompletely(String repo, String tag, byte[] manifest, byte[]... blobs) throws Exception {
    HttpResponse<byte[]> m = oci.send("GET", "/v2/" + repo + "/manifests/" + tag, null, Map.of("Accept", OCI_MANIFEST));
    assertThat(m.statusCode()).as(tag + ": " + text(m)).isEqualTo(200);
    assertThat(m.body()).isEqualTo(manifest);
    for (byte[] blob : blobs) {
      HttpResponse<byte[]> r = oci.send("GET", "/v2/" + repo + "/blobs/" + sha256(blob), null, Map.of());
      assertThat(r.statusCode()).as(tag + " " + sha256(blob)).isEqualTo(200);
      assertThat(r.body()).isEqualTo(blob);
    }
  }

  /** Where the disk blob store keeps a committed blob ({@code <data dir>/blobs/blobs/sha256/<xx>/<hex>}). */
  private static Path blobFile(byte[] blob) {
    String hex = sha256(blob).substring("sha256:".length());
    return server.dataDir().resolve("blobs").resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  private static PrometheusScrape scrape() {
    try {
      return PrometheusScrape.parse(server.get("/metrics").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s for: %s", PATIENCE, what).isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
