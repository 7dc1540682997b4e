package dev.xreg.http.tls;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The certificate the server presents: the bytes of the PEM certificate chain and private key
 * as read at one moment, checked to be usable together (the key parses, the chain parses and
 * the key signs what the leaf certificate's public key verifies), so a half-written or
 * mismatched pair is refused before any client sees it. Reading touches the file system:
 * callers run {@link #read} on a worker thread.
 */
public record ServerCertificate(Buffer cert, Buffer key, String fingerprint, X509Certificate leaf) {

  /** The server's key material as Vert.x takes it; the values, not the paths, so what was checked is what is served. */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions().setCertValue(cert).setKeyValue(key);
  }

  /** The files' fingerprint without checking them: cheap enough to poll, to learn whether they changed. */
  public static String fingerprint(Path certPath, Path keyPath) throws IOException {
    return fingerprint(Files.readAllBytes(certPath), Files.readAllBytes(keyPath));
  }

  /**
   * Reads and checks the pair; an {@link IllegalArgumentException} names the file and what is
   * wrong with it.
   */
  public static ServerCertificate read(Vertx vertx, Path certPath, Path keyPath) {
    byte[] cert = bytes("XREG_TLS_CERT", certPath);
    byte[] key = bytes("XREG_TLS_KEY", keyPath);
    PemKeyCertOptions pem = new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
    X509KeyManager manager;
    try {
      manager = keyManager(pem.getKeyManagerFactory(vertx));
    } catch (Exception e) {
      throw new IllegalArgumentException("XREG_TLS_CERT " + certPath + " and XREG_TLS_KEY " + keyPath
          + " are not a PEM certificate chain and a PEM private key (PKCS#8 or PKCS#1): " + e.getMessage(), e);
    }
    String alias = manager.getServerAliases("RSA", null) != null ? manager.getServerAliases("RSA", null)[0]
        : manager.getServerAliases("EC", null) != null ? manager.getServerAliases("EC", null)[0] : null;
    if (alias == null || manager.getCertificateChain(alias) == null || manager.getCertificateChain(alias).length == 0) {
      throw new IllegalArgumentException("XREG_TLS_CERT " + certPath + " holds no RSA or EC certificate");
    }
    X509Certificate leaf = manager.getCertificateChain(alias)[0];
    if (!signsFor(manager.getPrivateKey(alias), leaf)) {
      throw new IllegalArgumentException("XREG_TLS_KEY " + keyPath + " is not the private key of the certificate in "
          + "XREG_TLS_CERT " + certPath + " (" + leaf.getSubjectX500Principal() + ")");
    }
    return new ServerCertificate(Buffer.buffer(cert), Buffer.buffer(key), fingerprint(cert, key), leaf);
  }

  private static byte[] bytes(String setting, Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(setting + " " + path + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + " " + path + " cannot be read: " + e, e);
    }
  }

  private static X509KeyManager keyManager(KeyManagerFactory factory) {
    for (KeyManager m : factory.getKeyManagers()) {
      if (m instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new IllegalArgumentException("no X.509 key manager");
  }

  /** Whether {@code key} signs a probe that the certificate's public key verifies. */
  private static boolean signsFor(PrivateKey key, X509Certificate leaf) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] probe = "xreg certificate check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static String fingerprint(byte[] cert, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(cert);
      sha.update((byte) 0);
      sha.update(key);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
