package dev.xreg.storage;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The storage SPI: units of work against the registry tree, each in one transaction.
 * Implementations retry a unit when a concurrent writer got there first
 * ({@link ConflictException}, serialization failures), so callers never see them.
 */
public interface RegistryStore {

  /** Creates or migrates the schema and the registry row; idempotent, safe with many nodes. */
  Future<Void> migrate();

  /** Runs {@code work} in one transaction: everything it did commits, or nothing does. */
  <T> Future<T> inTransaction(Function<StoreTx, Future<T>> work);

  /**
   * Runs read-only {@code work} on one connection without a transaction (each statement
   * sees committed data as of its start): reads skip BEGIN/COMMIT. Nothing may be written.
   */
  <T> Future<T> read(Function<StoreTx, Future<T>> work);

  /**
   * A secret shared by every node on this database (created by the first {@link #migrate()}),
   * used to sign pagination cursors so that any node accepts a cursor any node issued and
   * nobody can forge one. Available once {@link #migrate()} completed.
   */
  byte[] cursorSecret();

  /** Whether the database answers (readiness). */
  Future<Void> ping();

  Future<Void> close();
}
