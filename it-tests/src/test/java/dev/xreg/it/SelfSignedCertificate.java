package dev.xreg.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made by the JDK's {@code keytool} when a test runs (nothing is
 * committed), written as the PEM pair xreg reads ({@code XREG_TLS_CERT}, {@code XREG_TLS_KEY}).
 */
record SelfSignedCertificate(X509Certificate certificate, PrivateKey key, String name) {

  /** A new RSA key and a certificate for {@code CN=<name>} with the SAN {@code IP:127.0.0.1}. */
  static SelfSignedCertificate generate(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "xreg", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name, "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    return new SelfSignedCertificate((X509Certificate) ks.getCertificate("xreg"),
        (PrivateKey) ks.getKey("xreg", "changeit".toCharArray()), name);
  }

  String certPem() throws Exception {
    return pem("CERTIFICATE", certificate.getEncoded());
  }

  String keyPem() {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** Writes the PEM files, each replaced in one move so the server never reads half a file. */
  void writeTo(Path certFile, Path keyFile) throws Exception {
    replace(certFile, certPem());
    replace(keyFile, keyPem());
  }

  static void replace(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "next-", ".pem");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A TLS context that trusts exactly these certificates. */
  static SSLContext trusting(List<SelfSignedCertificate> certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (SelfSignedCertificate c : certs) {
      trust.setCertificateEntry(c.name(), c.certificate());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
