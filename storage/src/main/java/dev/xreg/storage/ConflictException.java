package dev.xreg.storage;

/**
 * A concurrent writer changed what this transaction read. The store retries the
 * whole unit of work; it escapes only after repeated conflicts.
 */
public final class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message, null, false, false);
  }
}
