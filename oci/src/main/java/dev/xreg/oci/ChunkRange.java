package dev.xreg.oci;

/**
 * The {@code Content-Range} of an upload chunk (OCI-011, OCI-013): {@code <first>-<last>},
 * inclusive on both ends. Docker-era clients sometimes prefix {@code bytes }, and a few send
 * the RFC 9110 form {@code bytes a-b/*}; both are read the same.
 */
record ChunkRange(long first, long last) {

  /** The range, or null when the header is absent; throws {@link IllegalArgumentException} when malformed. */
  static ChunkRange parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "bytes", 0, 5)) {
      h = h.substring(5).trim();
      if (h.startsWith("=")) {
        h = h.substring(1).trim();
      }
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    int dash = h.indexOf('-');
    try {
      long first = Long.parseLong(h.substring(0, dash).trim());
      long last = Long.parseLong(h.substring(dash + 1).trim());
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("Content-Range '" + header + "' is not <first>-<last>");
      }
      return new ChunkRange(first, last);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Content-Range '" + header + "' is not <first>-<last>");
    }
  }

  long length() {
    return last - first + 1;
  }
}
