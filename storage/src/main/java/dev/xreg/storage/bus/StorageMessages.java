package dev.xreg.storage.bus;

/** Messages on the storage address besides {@code RegistryRequest}, and the failure reply. */
public final class StorageMessages {
  private StorageMessages() {
  }

  /** Readiness probe: answered once the database answered {@code SELECT 1}. */
  public record Ping() {
  }

  /** A failed request, carried whole so the HTTP side can map it to a problem document. */
  public record Failure(Throwable cause) {
  }
}
