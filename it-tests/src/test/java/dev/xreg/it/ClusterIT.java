package dev.xreg.it;

import static dev.xreg.it.OciClient.CONFIG;
import static dev.xreg.it.OciClient.LAYER;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.errorCode;
import static dev.xreg.it.OciClient.manifest;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.storage.blob.s3.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18, a cluster: two xreg processes on one PostgreSQL (node A's embedded database; node B
 * in {@code XREG_DB_URL} mode on it) and one object store (s3proxy in this JVM), both nodes with
 * {@code XREG_BLOB_STORE=s3}. Whatever one node wrote, the other serves: images, the chunks of one
 * upload, xRegistry entities. Node A also redirects blob GETs to presigned URLs
 * ({@code XREG_BLOB_REDIRECT=true}); node B keeps the default. The last test takes the object
 * store down and brings it back.
 */
@TestMethodOrder(OrderAnnotation.class)
class ClusterIT {
  private static final String BUCKET = "xreg-cluster";
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final Map<String, String> OCTETS = Map.of("Content-Type", "application/octet-stream");
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);
  private static final int MIB = 1024 * 1024;

  private static S3Server objectStore;
  private static XregServer a;
  private static XregServer b;
  private static OciClient viaA;
  private static OciClient viaB;
  private final HttpClient direct = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startCluster() throws Exception {
    objectStore = new S3Server();
    objectStore.createBucket(BUCKET);
    a = XregServer.fresh();
    b = XregServer.fresh();
    nodeEnvironment(objectStore, BUCKET).forEach((name, value) -> {
      a.env(name, value);
      b.env(name, value);
    });
    // both nodes run the garbage collector every second; a minute's grace keeps what pushes
    // in flight uploaded, so the test below proves the sweep spares what manifests reference
    for (XregServer node : new XregServer[] {a, b}) {
      node.env("XREG_GC_INTERVAL_SECONDS", "1").env("XREG_GC_GRACE_SECONDS", "60");
    }
    a.env("XREG_BLOB_REDIRECT", "true").start();
    b.env("XREG_DB_URL", a.embeddedDatabaseUrl()).start();
    assertThat(b.log()).contains("database=external");
    assertThat(a.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
    viaA = new OciClient(a);
    viaB = new OciClient(b);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    // closed in reverse order: B first, as A's embedded database must outlive the node that uses it
    try (S3Server store = objectStore; XregServer first = a; XregServer second = b) {
      assertThat(store).isNotNull();
    }
  }

  @Test
  @Order(1)
  void anImagePushedThroughAIsPulledThroughBByteForByte() throws Exception {
    String repo = "cluster/app";
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    // over one S3 part (8 MiB), so the layer is a completed multipart upload in the bucket
    byte[] layer = bytes("cluster layer", 9 * MIB + 123);
    String configDigest = viaA.pushBlob(repo, config);
    String layerDigest = viaA.pushBlob(repo, layer);
    byte[] image = manifest(OCI_MANIFEST, descriptor(CONFIG, configDigest, config.length),
        descriptor(LAYER, layerDigest, layer.length), null, null);
    HttpResponse<byte[]> put = viaA.putManifest(repo, "v1", image, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);

    HttpResponse<byte[]> pulled = viaB.send("GET", "/v2/" + repo + "/manifests/v1", null,
        Map.of("Accept", OCI_MANIFEST));
    assertThat(pulled.statusCode()).as(text(pulled)).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(image);
    assertThat(pulled.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(image));
    assertThat(b.get("/v2/" + repo + "/tags/list").body()).contains("\"v1\"");
    assertThat(blobThroughB(repo, configDigest)).isEqualTo(config);
    assertThat(blobThroughB(repo, layerDigest)).isEqualTo(layer);

    if (skopeoInstalled()) {
      assertThat(skopeoCopyFromB(repo + ":v1")).as("skopeo's copy of the layer").isEqualTo(layer);
      System.out.println("ClusterIT: skopeo copied the image from node B");
    }
  }

  /**
   * Issue 18: garbage collection running on both nodes at once (one pass at a time cluster-wide,
   * by an advisory lock) deletes nothing still referenced, while pushes alternate between them.
   */
  @Test
  @Order(1)
  void garbageCollectionOnBothNodesDeletesNothingReferenced() throws Exception {
    String repo = "cluster/gc";
    java.util.List<String> tags = new java.util.ArrayList<>();
    java.util.Map<String, byte[]> layers = new java.util.HashMap<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    for (int i = 0; i < 12 && System.nanoTime() < until; i++) {
      OciClient via = i % 2 == 0 ? viaA : viaB;
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      byte[] layer = bytes("gc layer " + i, 64 * 1024 + i);
      String configDigest = via.pushBlob(repo, config);
      String layerDigest = via.pushBlob(repo, layer);
      byte[] image = manifest(OCI_MANIFEST, descriptor(CONFIG, configDigest, config.length),
          descriptor(LAYER, layerDigest, layer.length), null, null);
      HttpResponse<byte[]> put = via.putManifest(repo, "t" + i, image, OCI_MANIFEST);
      assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
      tags.add("t" + i);
      layers.put(layerDigest, layer);
    }
    Thread.sleep(2_500); // at least two more passes on each node
    for (OciClient via : new OciClient[] {viaA, viaB}) {
      for (String tag : tags) {
        HttpResponse<byte[]> m = via.send("GET", "/v2/" + repo + "/manifests/" + tag, null, Map.of("Accept", OCI_MANIFEST));
        assertThat(m.statusCode()).as(tag).isEqualTo(200);
      }
    }
    for (Map.Entry<String, byte[]> layer : layers.entrySet()) {
      assertThat(blobThroughB(repo, layer.getKey())).isEqualTo(layer.getValue());
    }
    for (XregServer node : new XregServer[] {a, b}) {
      PrometheusScrape metrics = PrometheusScrape.parse(node.get("/metrics").body());
      assertThat(metrics.count("xreg_gc_runs_seconds_count", Map.of("outcome", "ok"))
          + metrics.count("xreg_gc_runs_seconds_count", Map.of("outcome", "skipped"))).as("passes on a node")
          .isGreaterThan(0);
    }
  }

  @Test
  @Order(2)
  void theChunksOfOneUploadMayAlternateBetweenTheNodes() throws Exception {
    String repo = "cluster/chunks";
    // the first chunk fills a part and leaves a tail; the others add to the tail and to the next part
    byte[] blob = bytes("alternating chunks", 14 * MIB + 777);
    int first = 6 * MIB;
    int second = 13 * MIB;
    String location = viaA.startUpload(repo);

    HttpResponse<byte[]> onB = viaB.send("PATCH", location, Arrays.copyOfRange(blob, 0, first),
        chunk(0, first));
    assertThat(onB.statusCode()).as(text(onB)).isEqualTo(202);
    assertThat(onB.headers().firstValue("Range")).hasValue("0-" + (first - 1));
    location = pathOf(onB.headers().firstValue("Location").orElseThrow());

    // A answers the upload's state as B left it
    HttpResponse<byte[]> status = viaA.send("GET", location, null, Map.of());
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-" + (first - 1));

    HttpResponse<byte[]> onA = viaA.send("PATCH", location, Arrays.copyOfRange(blob, first, second),
        chunk(first, second));
    assertThat(onA.statusCode()).as(text(onA)).isEqualTo(202);
    assertThat(onA.headers().firstValue("Range")).hasValue("0-" + (second - 1));
    location = pathOf(onA.headers().firstValue("Location").orElseThrow());

    String digest = sha256(blob);
    HttpResponse<byte[]> closed = viaB.send("PUT", withDigest(location, digest),
        Arrays.copyOfRange(blob, second, blob.length), chunk(second, blob.length));
    assertThat(closed.statusCode()).as(text(closed)).isEqualTo(201);
    assertThat(closed.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

    HttpResponse<byte[]> head = viaA.send("HEAD", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(blob.length));
    assertThat(blobThroughB(repo, digest)).isEqualTo(blob);
    // the session is over on both nodes
    assertThat(viaA.send("GET", location, null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(viaB.send("GET", location, null, Map.of()).statusCode()).isEqualTo(404);
  }

  /**
   * Issue 15 (O2-S3): parallel pushes to the S3 store fit the node's heap. Sixteen 32 MiB layers
   * pushed at once through node A ({@code -Xmx256m}, 512 MiB on their way together, the
   * benchmark's O2-S3 load): each upload gathers its parts in memory, and before the store-wide
   * part budget some of these pushes failed with the node out of heap. All are stored whole,
   * and the node logged no OutOfMemoryError.
   */
  @Test
  @Order(2)
  void parallelPushesOfLargeLayersFitTheNodesHeap() throws Exception {
    String repo = "cluster/parallel";
    int layers = 16;
    byte[] body = bytes("parallel layer", 32 * MIB);
    List<String> digests = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> pushes = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      // a distinct first line per layer over one shared body, so the test holds 32 MiB, not 512
      byte[] head = ("layer " + i + "\n").getBytes(StandardCharsets.UTF_8);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head);
      String digest = "sha256:" + HexFormat.of().formatHex(sha.digest(body));
      digests.add(digest);
      URI target = URI.create(a.base() + withDigest(viaA.startUpload(repo), digest));
      pushes.add(direct.sendAsync(HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "application/octet-stream")
          .PUT(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(body))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < layers; i++) {
      HttpResponse<String> pushed = pushes.get(i).get(3, TimeUnit.MINUTES);
      assertThat(pushed.statusCode()).as("push %d: %s", i, pushed.body()).isEqualTo(201);
    }
    for (int i = 0; i < layers; i++) {
      HttpResponse<byte[]> head = viaB.send("HEAD", "/v2/" + repo + "/blobs/" + digests.get(i), null, Map.of());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length"))
          .hasValue(Long.toString(("layer " + i + "\n").length() + (long) body.length));
    }
    assertThat(a.log()).doesNotContain("OutOfMemoryError").containsPattern("uploads hold at most \\d+ parts of 8 MiB");
  }

  /**
   * Two writes to one upload at once through different nodes: the one that locked the session
   * first goes on, the other is refused as out of order (416 with the upload's Range) instead of
   * both appending after the same offset and the later one winning silently.
   */
  @Test
  @Order(2)
  void whileAChunkStreamsThroughOneNodeAChunkThroughTheOtherIsRefused() throws Exception {
    String repo = "cluster/contended";
    int first = MIB;
    // the held chunk sends more than loopback socket buffers hold before it stops, so node A has
    // been reading it (and so holds the upload's lock) when node B is asked
    int held = 20 * MIB;
    byte[] blob = bytes("contended upload", first + held + 2 * MIB);
    String location = viaA.startUpload(repo);
    HttpResponse<byte[]> opened = viaA.send("PATCH", location, Arrays.copyOfRange(blob, 0, first), chunk(0, first));
    assertThat(opened.statusCode()).as(text(opened)).isEqualTo(202);
    location = pathOf(opened.headers().firstValue("Location").orElseThrow());

    CountDownLatch release = new CountDownLatch(1);
    HeldBody body = new HeldBody(Arrays.copyOfRange(blob, first, first + held + MIB), held, release);
    HttpRequest slow = HttpRequest.newBuilder(URI.create(a.base() + location))
        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> body))
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", first + "-" + (first + held + MIB - 1)).build();
    CompletableFuture<HttpResponse<byte[]>> onA = direct.sendAsync(slow, HttpResponse.BodyHandlers.ofByteArray());
    try {
      assertThat(body.reachedHold.await(60, TimeUnit.SECONDS)).as("node A read the held chunk").isTrue();
      HttpResponse<byte[]> onB = viaB.send("PATCH", location, Arrays.copyOfRange(blob, first, first + MIB),
          chunk(first, first + MIB));
      assertThat(onB.statusCode()).as(text(onB)).isEqualTo(416);
      assertThat(onB.headers().firstValue("Range")).hasValue("0-" + (first - 1));
    } finally {
      release.countDown();
    }
    HttpResponse<byte[]> doneOnA = onA.get(60, TimeUnit.SECONDS);
    int written = first + held + MIB;
    assertThat(doneOnA.statusCode()).as(text(doneOnA)).isEqualTo(202);
    assertThat(doneOnA.headers().firstValue("Range")).hasValue("0-" + (written - 1));

    // the refused chunk did not move the upload; the lock is free again for the next write
    String digest = sha256(blob);
    HttpResponse<byte[]> closed = viaB.send("PUT", withDigest(location, digest),
        Arrays.copyOfRange(blob, written, blob.length), chunk(written, blob.length));
    assertThat(closed.statusCode()).as(text(closed)).isEqualTo(201);
    assertThat(blobThroughB(repo, digest)).isEqualTo(blob);
  }

  @Test
  @Order(3)
  void xRegistryWritesOnOneNodeAreReadOnTheOther() throws Exception {
    // B has not read /dirs/d1 before, so its read cache holds nothing older; each node's own
    // write is visible to its next read (README "Caching"), other nodes' within the
    // notification latency (ReadCacheIT)
    assertThat(a.send("PUT", "/dirs/d1", "{\"name\":\"written on A\"}").statusCode()).isEqualTo(201);
    JsonNode onB = b.json("/dirs/d1");
    assertThat(onB.path("name").asText()).isEqualTo("written on A");

    HttpResponse<String> update = b.send("PUT", "/dirs/d1", "{\"name\":\"then on B\"}",
        Map.of("Content-Type", "application/json", "If-Match", b.get("/dirs/d1").headers().firstValue("ETag").orElseThrow()));
    assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    JsonNode onA = a.json("/dirs/d1");
    assertThat(onA.path("name").asText()).isEqualTo("then on B");
    assertThat(onA.path("epoch").asLong()).isEqualTo(onB.path("epoch").asLong() + 1);
    assertThat(a.json("/dirs").has("d1")).isTrue();
    assertThat(b.json("/dirs").has("d1")).isTrue();
  }

  @Test
  @Order(4)
  void withRedirectsOnABlobGetIsA307ToAPresignedUrlOfTheObjectStore() throws Exception {
    String repo = "cluster/redirect";
    byte[] blob = bytes("redirected", 200_000);
    String digest = viaB.pushBlob(repo, blob);

    HttpResponse<byte[]> onA = viaA.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(onA.statusCode()).as(text(onA)).isEqualTo(307);
    assertThat(onA.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    URI location = URI.create(onA.headers().firstValue("Location").orElseThrow());
    assertThat(location.getHost()).isEqualTo("127.0.0.1");
    assertThat(location.getPort()).as("the object store's port").isEqualTo(objectStore.port());
    assertThat(location.getRawQuery()).contains("X-Amz-Signature=");

    // the client follows it without any credentials of its own, with its Range if it has one
    HttpResponse<byte[]> fetched = direct.send(HttpRequest.newBuilder(location).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(blob);
    HttpResponse<byte[]> ranged = direct.send(HttpRequest.newBuilder(location).header("Range", "bytes=1000-1999").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));

    // HEAD is answered by the node; a repository the blob is not linked into gets no URL
    assertThat(viaA.send("HEAD", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> elsewhere = viaA.send("GET", "/v2/cluster/other/blobs/" + digest, null, Map.of());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
    // redirects are off by default: B serves the bytes itself
    HttpResponse<byte[]> onB = viaB.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body()).isEqualTo(blob);
  }

  @Test
  @Order(5)
  void whileTheObjectStoreIsDownNodesAreNotReadyPushesFail503AndAllRecoversByItself() throws Exception {
    String repo = "cluster/outage";
    byte[] blob = bytes("pushed during the outage", 50_000);
    String digest = sha256(blob);
    String startedBefore = viaA.startUpload(repo);

    objectStore.stop();
    try {
      for (XregServer node : new XregServer[] {a, b}) {
        JsonNode ready = XregServer.JSON.readTree(awaitStatus(node, "/ready", 503).body());
        assertThat(ready.path("status").asText()).isEqualTo("DOWN");
        assertThat(check(ready, "blobstore").path("status").asText()).isEqualTo("DOWN");
        assertThat(check(ready, "database").path("status").asText()).as("the database is fine").isEqualTo("UP");
        assertThat(node.get("/health").statusCode()).as("liveness does not depend on the object store").isEqualTo(200);
      }

      // a new upload cannot start, and an upload started before cannot finish
      HttpResponse<byte[]> start = viaB.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
      assertUnavailable(start);
      HttpResponse<byte[]> finish = viaB.send("PUT", withDigest(startedBefore, digest), blob, OCTETS);
      assertUnavailable(finish);
      HttpResponse<byte[]> monolithic = viaA.send("POST", withDigest("/v2/" + repo + "/blobs/uploads/", digest),
          blob, OCTETS);
      assertUnavailable(monolithic);
      // metadata alone still works: the database is up
      assertThat(a.get("/dirs/d1").statusCode()).isEqualTo(200);
    } finally {
      objectStore.start();
    }

    for (XregServer node : new XregServer[] {a, b}) {
      awaitStatus(node, "/ready", 200);
      // nothing of the failed pushes is visible
      assertThat(new OciClient(node).send("HEAD", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).statusCode())
          .isEqualTo(404);
    }
    // the upload started before the outage is still there, and the push now succeeds through either node
    HttpResponse<byte[]> finished = viaB.send("PUT", withDigest(startedBefore, digest), blob, OCTETS);
    assertThat(finished.statusCode()).as(text(finished)).isEqualTo(201);
    assertThat(blobThroughB(repo, digest)).isEqualTo(blob);
    assertThat(viaA.pushBlob(repo, bytes("after the outage", 1000))).startsWith("sha256:");
  }

  // ----------------------------------------------------------------------------- helpers

  /** A request body that stops after {@code hold} bytes until {@code release}, then sends the rest. */
  private static final class HeldBody extends InputStream {
    private final byte[] bytes;
    private final int hold;
    private final CountDownLatch release;
    private final CountDownLatch reachedHold = new CountDownLatch(1);
    private int next;

    HeldBody(byte[] bytes, int hold, CountDownLatch release) {
      this.bytes = bytes;
      this.hold = hold;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (next == hold) {
        reachedHold.countDown();
        try {
          if (!release.await(120, TimeUnit.SECONDS)) {
            throw new IOException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      if (next == bytes.length) {
        return -1;
      }
      int end = next < hold ? hold : bytes.length;
      int n = Math.min(length, end - next);
      System.arraycopy(bytes, next, into, offset, n);
      next += n;
      return n;
    }
  }

  private static Map<String, String> chunk(long from, long to) {
    return Map.of("Content-Type", "application/octet-stream", "Content-Range", from + "-" + (to - 1));
  }

  private static byte[] blobThroughB(String repo, String digest) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = viaB.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    return r.body();
  }

  /** OCI-028 with the blob store down: 503 in the OCI envelope, with a Retry-After. */
  private static void assertUnavailable(HttpResponse<byte[]> r) throws IOException {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(errorCode(r)).isNotEmpty();
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("blob store is unavailable");
  }

  private static JsonNode check(JsonNode ready, String id) {
    for (JsonNode c : ready.path("checks")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no check " + id + " in " + ready);
  }

  private static HttpResponse<String> awaitStatus(XregServer node, String path, int status) throws Exception {
    long deadline = System.nanoTime() + NOTICED_WITHIN.toNanos();
    HttpResponse<String> last;
    do {
      last = node.get(path);
      if (last.statusCode() == status) {
        return last;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " stayed " + last.statusCode() + " instead of " + status + ": " + last.body());
  }

  private static boolean skopeoInstalled() {
    return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "skopeo")));
  }

  /** Copies the image from node B into a {@code dir:} layout with skopeo and returns its one layer's bytes. */
  private static byte[] skopeoCopyFromB(String image) throws Exception {
    Path target = Files.createTempDirectory("xreg-it-skopeo-");
    try {
      Path out = target.resolve("image");
      Process p = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false",
          "docker://127.0.0.1:" + b.port() + "/" + image, "dir:" + out)
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(log).isZero();
      JsonNode manifest = XregServer.JSON.readTree(out.resolve("manifest.json").toFile());
      String layer = manifest.path("layers").path(0).path("digest").asText();
      return Files.readAllBytes(out.resolve(layer.substring("sha256:".length())));
    } finally {
      try (Stream<Path> files = Files.walk(target)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * What a node needs to keep its blobs in {@code bucket} of {@code store}. The SDK's region and
   * credential chains must never probe the EC2 metadata address, hence {@code AWS_EC2_METADATA_DISABLED}.
   */
  private static Map<String, String> nodeEnvironment(S3Server store, String bucket) {
    return Map.of("XREG_BLOB_STORE", "s3", "XREG_S3_ENDPOINT", store.endpoint(), "XREG_S3_BUCKET", bucket,
        "XREG_S3_REGION", S3Server.REGION, "XREG_S3_PREFIX", "registry", "XREG_S3_ACCESS_KEY", S3Server.ACCESS_KEY,
        "XREG_S3_SECRET_KEY", S3Server.SECRET_KEY, "AWS_EC2_METADATA_DISABLED", "true");
  }
}
