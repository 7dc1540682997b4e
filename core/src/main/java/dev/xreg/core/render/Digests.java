package dev.xreg.core.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Short, URL-safe fingerprints of text: the leading bytes of its SHA-256, base64url without padding. */
final class Digests {
  private Digests() {
  }

  /** The first {@code bytes} bytes of SHA-256 over the UTF-8 of {@code text}, base64url, unpadded. */
  static String sha256UrlSafe(String text, int bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
