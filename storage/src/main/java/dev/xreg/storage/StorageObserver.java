package dev.xreg.storage;

/**
 * Hook for cross-cutting observation of storage work (metrics live in their own
 * module and implement this), so storage itself depends on no metrics library.
 */
public interface StorageObserver {
  StorageObserver NONE = (operation, nanos, outcome) -> { };

  /**
   * @param operation a stable name, e.g. {@code read}, {@code write}
   * @param outcome {@code ok}, {@code client_error}, {@code conflict_retry} or {@code error}
   */
  void operation(String operation, long nanos, String outcome);

  /**
   * One garbage collection pass ended.
   *
   * @param outcome {@code ok}, {@code skipped} (another node held the collector's lock) or {@code error}
   */
  default void garbageCollection(String outcome, long nanos) {
  }

  /**
   * Garbage collection removed {@code count} items of one kind, freeing {@code bytes} of blob
   * storage (0 for items that are only metadata).
   *
   * @param item {@code blob_link}, {@code blob} or {@code upload}
   */
  default void reclaimed(String item, long count, long bytes) {
  }
}
