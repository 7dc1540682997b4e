package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, TLS: with {@code XREG_TLS_CERT} / {@code XREG_TLS_KEY} the port speaks HTTPS, with
 * HTTP/2 by ALPN and HTTP/1.1; a renewed pair written over the files is served to new
 * connections without a restart; a broken pair is refused and the old certificate kept; a
 * missing file stops the start with a message naming it; skopeo pushes and inspects through
 * it, trusting the certificate by {@code --cert-dir} or not checking it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {
  /** Reload is checked every 2 s; a renewal is served well within this many looks. */
  private static final int LOOKS = 150;

  @TempDir
  static Path dir;
  static SelfSignedCertificate first;
  static SelfSignedCertificate second;
  static Path certFile;
  static Path keyFile;
  static XregServer server;
  static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    first = SelfSignedCertificate.generate(dir, "xreg-first");
    second = SelfSignedCertificate.generate(dir, "xreg-second");
    certFile = dir.resolve("tls.crt");
    keyFile = dir.resolve("tls.key");
    first.writeTo(certFile, keyFile);
    server = XregServer.fresh().tls(certFile, keyFile, SelfSignedCertificate.trusting(List.of(first, second)))
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void http2ByAlpnAndHttp11BothServeTheApis() throws Exception {
    assertThat(get(HttpVersion.HTTP_2, "/v2/")).isEqualTo("HTTP_2 200");
    assertThat(get(HttpVersion.HTTP_1_1, "/v2/")).isEqualTo("HTTP_1_1 200");
    assertThat(get(HttpVersion.HTTP_2, "/")).isEqualTo("HTTP_2 200");
    assertThat(get(HttpVersion.HTTP_2, "/ready")).isEqualTo("HTTP_2 200");
    // the self links name the scheme the client used
    assertThat(server.json("/").path("self").asText()).startsWith("https://127.0.0.1:");
    assertThat(served().getSubjectX500Principal().getName()).isEqualTo("CN=xreg-first");
  }

  @Test
  @Order(2)
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    second.writeTo(certFile, keyFile);
    X509Certificate now = null;
    for (int i = 0; i < LOOKS; i++) {
      now = served();
      if (now.equals(second.certificate())) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(now).isEqualTo(second.certificate());
    assertThat(get(HttpVersion.HTTP_2, "/v2/")).isEqualTo("HTTP_2 200");
  }

  @Test
  @Order(3)
  void aBrokenPairIsRefusedAndTheCertificateInServiceKept() throws Exception {
    // the first certificate with the second's key: parseable, but not a pair
    SelfSignedCertificate.replace(certFile, first.certPem());
    SelfSignedCertificate.replace(keyFile, second.keyPem());
    for (int i = 0; i < LOOKS && !server.log().contains("is not the private key of the certificate"); i++) {
      Thread.sleep(200);
    }
    assertThat(server.log()).contains("event=tls_reload_refused", "is not the private key of the certificate");
    assertThat(served()).isEqualTo(second.certificate());
    // garbage too
    SelfSignedCertificate.replace(certFile, "not a certificate\n");
    for (int i = 0; i < LOOKS && !server.log().contains("are not a PEM certificate chain"); i++) {
      Thread.sleep(200);
    }
    assertThat(server.log()).contains("are not a PEM certificate chain");
    assertThat(served()).isEqualTo(second.certificate());
    assertThat(get(HttpVersion.HTTP_1_1, "/ready")).isEqualTo("HTTP_1_1 200");
    second.writeTo(certFile, keyFile);
  }

  @Test
  @Order(4)
  void skopeoPushesAndInspectsOverTlsWithCertDirOrWithoutVerification() throws Exception {
    InstalledClient skopeo = InstalledClient.onPath("skopeo");
    Path certs = Files.createDirectories(dir.resolve("certs.d"));
    Files.writeString(certs.resolve("first.crt"), first.certPem());
    Files.writeString(certs.resolve("second.crt"), second.certPem());
    OciLayout source = OciLayout.create(dir.resolve("layout"));
    LayerTar layer = LayerTar.of(Map.of("hello.txt", "hello over TLS\n".getBytes(StandardCharsets.UTF_8)));
    source.image("v1", OciClient.CONFIG, OciLayout.imageConfig(layer.tar()), OciClient.LAYER, layer.gzip());
    String target = "docker://127.0.0.1:" + server.port() + "/tls/app:v1";
    skopeo.ok("--insecure-policy", "copy", "--dest-cert-dir", certs.toString(), source.reference("v1"), target);
    InstalledClient.Result inspected = skopeo.ok("inspect", "--cert-dir", certs.toString(), target);
    assertThat(inspected.stdout()).contains("\"Layers\"");
    InstalledClient.Result unverified = skopeo.ok("inspect", "--tls-verify=false", target);
    assertThat(unverified.stdout()).contains("\"Layers\"");
    // without trusting the certificate skopeo refuses the server
    assertThat(skopeo.run("inspect", target).exitCode()).isNotZero();
  }

  @Test
  @Order(5)
  void aMissingOrBrokenFileStopsTheStartNamingIt() throws Exception {
    try (XregServer missing = XregServer.fresh().tls(dir.resolve("absent.crt"), keyFile,
        SelfSignedCertificate.trusting(List.of(first)))) {
      assertThatThrownBy(missing::start).hasMessageContaining("server exited with 1")
          .hasMessageContaining("XREG_TLS_CERT").hasMessageContaining("absent.crt does not exist");
    }
    Path garbage = Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    try (XregServer broken = XregServer.fresh().tls(certFile, garbage,
        SelfSignedCertificate.trusting(List.of(first)))) {
      assertThatThrownBy(broken::start).hasMessageContaining("server exited with 1")
          .hasMessageContaining("are not a PEM certificate chain and a PEM private key");
    }
  }

  /** "version status" of a GET over a new connection of the given protocol, trusting both test certificates. */
  /**
   * Issue 15: a read cache entry keeps a gzip body coded and sends it with its
   * {@code Content-Encoding}; the server's compressor must pass it through over HTTP/2 as over
   * HTTP/1.1. On a miss and on the hits after it, a gzip client gets the body gzipped once.
   */
  @Test
  @Order(6)
  void cachedGzipAnswersAreCodedOnceOverHttp2AndHttp11() throws Exception {
    byte[] plain = fetch(HttpVersion.HTTP_1_1, "/", null).body().getBytes();
    assertThat(new String(plain, StandardCharsets.UTF_8)).contains("\"specversion\"");
    for (HttpVersion version : List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1, HttpVersion.HTTP_2)) {
      for (int i = 0; i < 3; i++) {
        Fetched r = fetch(version, "/", "gzip");
        assertThat(r.version()).isEqualTo(version);
        assertThat(r.contentEncoding()).as(version + " #" + i).isEqualTo("gzip");
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(r.body().getBytes()))) {
          assertThat(in.readAllBytes()).as(version + " #" + i).isEqualTo(plain);
        }
      }
    }
  }

  private record Fetched(HttpVersion version, String contentEncoding, Buffer body) {
  }

  /** A GET whose body is returned as sent (the client decompresses nothing). */
  private static Fetched fetch(HttpVersion version, String path, String acceptEncoding) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(version).setDecompressionSupported(false).setTrustOptions(new PemTrustOptions()
            .addCertValue(Buffer.buffer(first.certPem())).addCertValue(Buffer.buffer(second.certPem()))));
    try {
      return client.request(HttpMethod.GET, server.port(), "127.0.0.1", path)
          .compose(req -> {
            if (acceptEncoding != null) {
              req.putHeader("Accept-Encoding", acceptEncoding);
            }
            return req.send();
          })
          .compose(resp -> resp.body().map(body -> new Fetched(resp.version(), resp.getHeader("Content-Encoding"), body)))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private static String get(HttpVersion version, String path) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(version).setTrustOptions(new PemTrustOptions()
            .addCertValue(Buffer.buffer(first.certPem())).addCertValue(Buffer.buffer(second.certPem()))));
    try {
      return client.request(HttpMethod.GET, server.port(), "127.0.0.1", path)
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(body -> resp.version() + " " + resp.statusCode()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  /** The certificate a new TLS connection is shown. */
  private static X509Certificate served() throws Exception {
    SSLContext trust = SelfSignedCertificate.trusting(List.of(first, second));
    try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
