package dev.xreg.core.text;

/**
 * Strict UTF-8 (RFC 3629, Unicode table 3-7). Jackson's byte parser decodes overlong forms
 * ({@code C0 AF} as '/'), encoded surrogates ({@code ED A0 80}) and sequences above U+10FFFF
 * without complaint, so request bytes are checked here before they are parsed: a forbidden
 * form must never turn into a character the client did not send.
 */
public final class Utf8 {
  private Utf8() {
  }

  /** The offset of the first byte that does not start a well-formed sequence, or -1. */
  public static int firstInvalid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int n = sequenceLength(bytes, i);
      if (n < 0) {
        return i;
      }
      i += n;
    }
    return -1;
  }

  /** Why the sequence starting at {@code offset} is malformed, in plain words (for error details). */
  public static String describe(byte[] bytes, int offset) {
    int b = bytes[offset] & 0xff;
    String at = String.format("byte 0x%02X at offset %d", b, offset);
    if (b >= 0x80 && b <= 0xBF) {
      return at + " is a continuation byte without a lead byte";
    }
    if (b == 0xC0 || b == 0xC1) {
      return at + " starts an overlong encoding";
    }
    if (b >= 0xF5) {
      return at + " is never valid in UTF-8";
    }
    int second = offset + 1 < bytes.length ? bytes[offset + 1] & 0xff : -1;
    if (b == 0xE0 && second >= 0x80 && second < 0xA0 || b == 0xF0 && second >= 0x80 && second < 0x90) {
      return at + " starts an overlong encoding";
    }
    if (b == 0xED && second >= 0xA0 && second <= 0xBF) {
      return at + " starts an encoded surrogate (U+D800..U+DFFF), which is not a character";
    }
    if (b == 0xF4 && second >= 0x90 && second <= 0xBF) {
      return at + " starts a code point above U+10FFFF";
    }
    return at + " starts a truncated or malformed sequence";
  }

  /** The length of the well-formed sequence at {@code i}, or -1. */
  private static int sequenceLength(byte[] s, int i) {
    int b = s[i] & 0xff;
    if (b < 0x80) {
      return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      return continuation(s, i + 1, 0x80, 0xBF) ? 2 : -1;
    }
    if (b >= 0xE0 && b <= 0xEF) {
      // E0: no overlong forms below U+0800; ED: no surrogates U+D800..U+DFFF
      int lo = b == 0xE0 ? 0xA0 : 0x80;
      int hi = b == 0xED ? 0x9F : 0xBF;
      return continuation(s, i + 1, lo, hi) && continuation(s, i + 2, 0x80, 0xBF) ? 3 : -1;
    }
    if (b >= 0xF0 && b <= 0xF4) {
      // F0: no overlong forms below U+10000; F4: nothing above U+10FFFF
      int lo = b == 0xF0 ? 0x90 : 0x80;
      int hi = b == 0xF4 ? 0x8F : 0xBF;
      return continuation(s, i + 1, lo, hi) && continuation(s, i + 2, 0x80, 0xBF)
          && continuation(s, i + 3, 0x80, 0xBF) ? 4 : -1;
    }
    return -1; // 80..C1 and F5..FF never start a sequence
  }

  private static boolean continuation(byte[] s, int i, int lo, int hi) {
    if (i >= s.length) {
      return false;
    }
    int b = s[i] & 0xff;
    return b >= lo && b <= hi;
  }
}
