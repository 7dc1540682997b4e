package dev.xreg.core.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of a URI path segment (RFC 3986 section 2.1) into strict UTF-8: '+' is
 * literal, every '%' takes two hex digits, and the decoded bytes must be well-formed UTF-8,
 * so {@code %C0%AF} is refused instead of becoming '/' or U+FFFD (issue 13, item 7).
 */
public final class PercentEncoding {
  private PercentEncoding() {
  }

  /** The decoded segment; {@link IllegalArgumentException} says in plain words what is wrong. */
  public static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      int hi = i + 2 < segment.length() ? hex(segment.charAt(i + 1)) : -1;
      int lo = i + 2 < segment.length() ? hex(segment.charAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("'%' at character " + i + " is not followed by two hex digits");
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    byte[] decoded = bytes.toByteArray();
    int bad = Utf8.firstInvalid(decoded);
    if (bad >= 0) {
      throw new IllegalArgumentException("the percent-decoded bytes are not valid UTF-8: " + Utf8.describe(decoded, bad));
    }
    return new String(decoded, StandardCharsets.UTF_8);
  }

  /** An ASCII hex digit's value, else -1 (Character.digit would also take fullwidth digits). */
  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
