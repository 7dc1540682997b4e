package dev.xreg.it;

import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.blob.s3.S3Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (O2-S3) review: the S3 store's part budget and HTTP/2. A node with room for two
 * parts in memory ({@code XREG_S3_UPLOAD_MEMORY_BYTES} 16 MiB) takes three pushes of three parts
 * each, multiplexed on one HTTP/2 connection (TLS, ALPN, as docker, crane and containerd push):
 * the third waits for memory with its stream paused. HTTP/2 gives a paused stream's bytes no
 * credit back, so with a connection window of one stream's size the waiting push held all of
 * it and the two that held the memory could never finish: a deadlock until the body timeout.
 */
class S3UploadBudgetIT {
  private static final int MIB = 1024 * 1024;
  private static final String BUCKET = "budget";

  @TempDir
  static Path dir;
  private static S3Server objectStore;
  private static XregServer node;
  private static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    objectStore = new S3Server();
    objectStore.createBucket(BUCKET);
    SelfSignedCertificate certificate = SelfSignedCertificate.generate(dir, "xreg-budget");
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    certificate.writeTo(cert, key);
    trust = SelfSignedCertificate.trusting(List.of(certificate));
    node = XregServer.fresh().tls(cert, key, trust)
        .env("XREG_BLOB_STORE", "s3").env("XREG_S3_ENDPOINT", objectStore.endpoint()).env("XREG_S3_BUCKET", BUCKET)
        .env("XREG_S3_REGION", S3Server.REGION).env("XREG_S3_ACCESS_KEY", S3Server.ACCESS_KEY)
        .env("XREG_S3_SECRET_KEY", S3Server.SECRET_KEY).env("AWS_EC2_METADATA_DISABLED", "true")
        .env("XREG_S3_UPLOAD_MEMORY_BYTES", Integer.toString(16 * MIB))
        // a deadlock shows as failed pushes after this, not as a test that hangs
        .env("XREG_HTTP_BODY_TIMEOUT_SECONDS", "40")
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    try (S3Server store = objectStore; XregServer server = node) {
      assertThat(store).isNotNull();
    }
  }

  @Test
  void pushesMultiplexedOnOneHttp2ConnectionAllFinishWhileOneWaitsForMemory() throws Exception {
    assertThat(node.log()).contains("uploads hold at most 2 parts of 8 MiB");
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trust)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String repo = "budget/layers";
    byte[] body = bytes("budget layer", 20 * MIB);
    List<CompletableFuture<HttpResponse<String>>> pushes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] head = ("layer " + i + "\n").getBytes(StandardCharsets.UTF_8);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head);
      String digest = "sha256:" + HexFormat.of().formatHex(sha.digest(body));
      HttpResponse<String> started = h2.send(HttpRequest.newBuilder(URI.create(node.base() + "/v2/" + repo
          + "/blobs/uploads/")).POST(BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      assertThat(started.version()).isEqualTo(HttpClient.Version.HTTP_2);
      URI target = URI.create(node.base() + withDigest(pathOf(started.headers().firstValue("Location").orElseThrow()),
          digest));
      pushes.add(h2.sendAsync(HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "application/octet-stream")
          .PUT(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(body))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < pushes.size(); i++) {
      HttpResponse<String> pushed = pushes.get(i).get(2, TimeUnit.MINUTES);
      assertThat(pushed.statusCode()).as("push %d: %s", i, pushed.body()).isEqualTo(201);
      assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }
}
