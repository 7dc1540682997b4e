package dev.xreg.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Xreg-Signature} of a delivery: {@code sha256=<hex>}, the HMAC-SHA256 of the exact
 * request body with the subscription's {@code protocolsettings.secret} as key. A receiver
 * computes the same over the bytes it got and compares in constant time.
 */
final class EventSignature {
  private EventSignature() {
  }

  static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
