package dev.xreg.storage.bus;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.storage.exec.ReadScope;

/** Messages on the storage address besides {@code RegistryRequest}, and the failure reply. */
public final class StorageMessages {
  private StorageMessages() {
  }

  /**
   * A GET whose reply the HTTP side streams: storage loads only as much as {@code scope}
   * says and leaves inlined collections to later chunk requests.
   */
  public record StreamedRead(RegistryRequest request, ReadScope scope) {
  }

  /** Readiness probe: answered once the database answered {@code SELECT 1}. */
  public record Ping() {
  }

  /** A failed request, carried whole so the HTTP side can map it to a problem document. */
  public record Failure(Throwable cause) {
  }
}
