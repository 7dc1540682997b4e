package dev.xreg.oci;

import java.util.Optional;

/**
 * A single byte range of a blob GET (OCI-006, RFC 9110 section 14): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}, resolved against the blob's size.
 *
 * @param offset the first byte
 * @param length how many bytes, at least 1
 */
record ByteRange(long offset, long length) {

  /** Thrown for a syntactically valid range that selects no byte of the blob: answered 416. */
  static final class Unsatisfiable extends RuntimeException {
    Unsatisfiable(String detail) {
      super(detail, null, false, false);
    }
  }

  /** The last byte, inclusive, as {@code Content-Range} writes it. */
  long last() {
    return offset + length - 1;
  }

  /**
   * The range {@code header} asks for, or empty when the whole blob is to be sent: no header,
   * another unit, several ranges, or a malformed one (which RFC 9110 says to ignore, e.g.
   * {@code 500-0}).
   *
   * @throws Unsatisfiable when the range starts at or past the end of the blob
   */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String firstText = spec.substring(0, dash).trim();
    String lastText = spec.substring(dash + 1).trim();
    Long first = number(firstText);
    Long last = number(lastText);
    // an empty side is meaningful (a suffix or an open end); a malformed one voids the header
    if (first == null && last == null || first == null && !firstText.isEmpty()
        || last == null && !lastText.isEmpty()) {
      return Optional.empty();
    }
    if (first == null) { // suffix: the last n bytes
      if (last == 0 || size == 0) {
        throw new Unsatisfiable("the suffix range selects no byte of a " + size + "-byte blob");
      }
      long n = Math.min(last, size);
      return Optional.of(new ByteRange(size - n, n));
    }
    if (last != null && last < first) {
      return Optional.empty();
    }
    if (first >= size) {
      throw new Unsatisfiable("the range starts at " + first + ", past the blob's " + size + " bytes");
    }
    long end = last == null ? size - 1 : Math.min(last, size - 1);
    return Optional.of(new ByteRange(first, end - first + 1));
  }

  /** A non-negative decimal, null when empty or not one (digits only: RFC 9110 has no sign). */
  private static Long number(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 18) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(t);
  }
}
