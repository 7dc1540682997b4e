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
   * As {@link #inTransaction(Function)}; the change-feed rows it writes carry {@code correlationId}
   * (the request's {@code xregcorrelationid}, chosen before the write; null: the transaction ID).
   */
  <T> Future<T> inTransaction(String correlationId, Function<StoreTx, Future<T>> work);

  /**
   * Runs read-only {@code work} on one connection without a transaction (each statement
   * sees committed data as of its start): reads skip BEGIN/COMMIT. Nothing may be written.
   */
  <T> Future<T> read(Function<StoreTx, Future<T>> work);

  /**
   * As {@link #read(Function)}, abandoned when {@code cancellation} fires (its client went away):
   * the statement running then is cancelled and the read fails; the connection goes back to the
   * pool. A store that cannot cancel runs the read to its end.
   */
  default <T> Future<T> read(dev.xreg.storage.engine.Cancellation cancellation, Function<StoreTx, Future<T>> work) {
    return read(work);
  }

  /**
   * Runs read-only {@code work} in one {@code REPEATABLE READ READ ONLY} transaction: every
   * statement sees the same committed state. Dearer than {@link #read} by BEGIN and COMMIT;
   * for a read that found a row missing that an earlier statement showed present.
   */
  <T> Future<T> readSnapshot(Function<StoreTx, Future<T>> work);

  /** As {@link #readSnapshot(Function)}, abandoned (and rolled back) as {@link #read(dev.xreg.storage.engine.Cancellation, Function)} is. */
  default <T> Future<T> readSnapshot(dev.xreg.storage.engine.Cancellation cancellation,
      Function<StoreTx, Future<T>> work) {
    return readSnapshot(work);
  }

  /**
   * Opens a {@link Snapshot} on a connection of its own (not one of the pool that serves
   * requests, so long exports cannot starve them). Fails when all snapshot connections are taken.
   */
  Future<Snapshot> openSnapshot();

  /**
   * A secret shared by every node on this database (created by the first {@link #migrate()}),
   * used to sign pagination cursors so that any node accepts a cursor any node issued and
   * nobody can forge one. Available once {@link #migrate()} completed.
   */
  byte[] cursorSecret();

  /**
   * The per-database secret called {@code name} ({@code xreg_secret}): {@code fresh} if no node
   * stored one yet, else the one stored first, so every node of a cluster gets the same value
   * (issue 19: the key that signs tokens of the token endpoint). {@code fresh} is at least 32 bytes.
   */
  Future<byte[]> sharedSecret(String name, byte[] fresh);

  /** Whether the database answers (readiness). */
  Future<Void> ping();

  /** The committed changes, in the order readers page through them (the outbox of events). */
  dev.xreg.storage.feed.ChangeFeed changeFeed();

  /** The CloudEvents subscriptions and their delivery state. */
  dev.xreg.storage.events.Subscriptions subscriptions();

  Future<Void> close();
}
