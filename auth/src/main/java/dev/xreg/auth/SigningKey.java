package dev.xreg.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The RSA key pair the tokens of {@code /auth/token} are signed with: from
 * {@code XREG_AUTH_TOKEN_KEY} (a PEM file holding a PKCS#8 RSA private key, so every node of a
 * cluster signs and accepts the same tokens), or generated once per process at start (a single
 * node; its tokens die with it, which only makes clients fetch a new one).
 */
record SigningKey(String privatePem, String publicPem) {
  private static final Map<Vertx, Future<SigningKey>> GENERATED = new WeakHashMap<>();

  /** The key of {@code file}, or the one generated for this Vert.x instance (shared by its verticles). */
  static Future<SigningKey> load(Vertx vertx, String file) {
    if (!file.isEmpty()) {
      return vertx.fileSystem().readFile(file).map(b -> fromPem(b.toString(), file));
    }
    synchronized (GENERATED) {
      // key generation takes a moment of CPU: on a worker, not an event loop
      return GENERATED.computeIfAbsent(vertx, v -> v.executeBlocking(SigningKey::generate));
    }
  }

  static SigningKey generate() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    return new SigningKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
        pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  static SigningKey fromPem(String text, String source) {
    int start = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(source + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----); "
          + "convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    String body = text.substring(start + 27, end).replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      byte[] pub = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
      return new SigningKey(pem("PRIVATE KEY", der), pem("PUBLIC KEY", pub));
    } catch (Exception | Error e) {
      throw new IllegalArgumentException(source + " holds no RSA private key xreg can read: " + e.getMessage(), e);
    }
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + kind + "-----\n";
  }
}
