package dev.xreg.storage.xregistry;

import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A schema format for tests whose validation is as slow as its document says: {@code spin:<ms>}
 * keeps a CPU busy for that long, polling the deadline like the real checkers do. It stands for
 * a pathological document that is still within the limits (or, with a short timeout, beyond them).
 */
public final class SpinningFormat implements FormatValidator {
  public static final String FORMAT = "xreg-test-spin/1";

  @Override
  public List<String> formats() {
    return List.of("xreg-test-spin/*");
  }

  @Override
  public String violation(String format, byte[] document, ValidationLimits limits) {
    String text = new String(document, StandardCharsets.UTF_8);
    if (!text.startsWith("spin:")) {
      return "not a spin document";
    }
    long end = System.nanoTime() + Long.parseLong(text.substring(5)) * 1_000_000L;
    long sink = 0;
    while (System.nanoTime() - end < 0) {
      limits.checkTime();
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime()); // busy, not sleeping: real CPU work
    }
    return sink < 0 ? "unreachable" : null;
  }
}
