package dev.xreg.bench;

import java.nio.charset.StandardCharsets;

/** A JSON object of exactly the requested size in bytes: {@code {"pad":"xxx..."}}. */
public final class FixedBody {
  private static final String OPEN = "{\"pad\":\"";
  private static final String CLOSE = "\"}";
  /** The smallest body this shape can have: {@code {"pad":""}}. */
  public static final int MIN_SIZE = OPEN.length() + CLOSE.length();

  private FixedBody() {
  }

  public static byte[] of(int size) {
    if (size < MIN_SIZE) {
      throw new IllegalArgumentException("size must be at least " + MIN_SIZE + ", got " + size);
    }
    return (OPEN + "x".repeat(size - MIN_SIZE) + CLOSE).getBytes(StandardCharsets.US_ASCII);
  }
}
