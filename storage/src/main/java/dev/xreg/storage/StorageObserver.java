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
}
