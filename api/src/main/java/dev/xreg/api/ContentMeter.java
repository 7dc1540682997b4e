package dev.xreg.api;

/**
 * Where an API module counts the content it moves (pushes, pulls, bytes, upload sessions), so
 * the server can meter it without the API module depending on a metrics library. Labels are
 * kinds and outcomes only, never a repository or package name (unbounded cardinality).
 */
public interface ContentMeter {
  ContentMeter NONE = new ContentMeter() {
  };

  /**
   * Content was stored: {@code kind} such as {@code manifest}, {@code blob}, or {@code mount} (a
   * cross-repository mount, 0 bytes received).
   */
  default void pushed(String api, String kind, long bytes) {
  }

  /** Content was sent to a client (a GET, not a HEAD): {@code kind} such as {@code manifest}, {@code blob}. */
  default void pulled(String api, String kind, long bytes) {
  }

  /** An upload session {@code started}, {@code completed} or was {@code cancelled} by its client. */
  default void uploadSession(String api, String outcome) {
  }
}
