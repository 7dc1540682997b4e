package dev.xreg.storage.events;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The stored subscriptions and their delivery state (table {@code event_subscription}, V8). */
public interface Subscriptions {

  /**
   * Stores a new subscription that delivers the events committed after now, for {@code owner}
   * (JSON text; null: no restriction).
   */
  Future<Subscription> create(String id, String definition, String owner);

  /** A subscription without an owner: every event its filters select. */
  default Future<Subscription> create(String id, String definition) {
    return create(id, definition, null);
  }

  /** The subscription, or null. */
  Future<Subscription> get(String id);

  /** All subscriptions in ID order. */
  Future<List<Subscription>> list();

  /**
   * Replaces the definition; a dead-lettered subscription becomes active again from where it
   * stopped, and the sink is validated again. Null if there is none with {@code id}.
   */
  Future<Subscription> update(String id, String definition);

  /** Deletes; the deleted subscription, or null. */
  Future<Subscription> delete(String id);

  /**
   * Takes a lease of {@code lease} on up to {@code max} active subscriptions that are due and
   * leased by no live node ({@code FOR UPDATE SKIP LOCKED}), so each is delivered by one node.
   */
  Future<List<Subscription>> lease(String owner, int max, Duration lease);

  /**
   * Records the outcome of a delivery round of a leased subscription and releases the lease:
   * the new position, attempts, the next attempt time, status and last error. False if
   * {@code owner} no longer holds the lease (another node took over; the round is void).
   */
  Future<Boolean> record(String id, String owner, String afterTx, int afterIndex, int attempts, Instant nextAttemptAt,
      String status, String lastError, boolean validated, long deliveredMore);

  /**
   * Gives back every lease {@code owner} still holds, so other nodes (or this one after a restart)
   * take its subscriptions at once rather than after the lease runs out: a node stopped normally
   * calls this last. Only {@code owner}'s leases change; the positions stay as last recorded.
   * The number of leases released.
   */
  Future<Integer> release(String owner);
}
