package dev.xreg.events;

/**
 * What delivery reports for metrics (docs/events.md "Metrics"), per subscription ID: the events
 * module knows no metrics library, so the server joins this to its meters (as it does for
 * storage). Calls come from the delivery's event loop and must not block.
 */
public interface DeliveryObserver {
  /** Reports nothing: for an embedding without metrics, and tests. */
  DeliveryObserver NONE = new DeliveryObserver() {
  };

  /** The sink acknowledged an event ({@code 2xx}), {@code lagNanos} after the event's commit. */
  default void delivered(String subscription, long lagNanos) {
  }

  /** A delivery request failed (no {@code 2xx}, a timeout, a refused handshake). */
  default void failed(String subscription) {
  }

  /** A round failed and the subscription will be tried again after its backoff. */
  default void retried(String subscription) {
  }

  /** The subscription was dead-lettered. */
  default void deadLettered(String subscription) {
  }

  /** The change-feed rows still after the subscription's position (capped; see {@link Delivery}). */
  default void pending(String subscription, long rows) {
  }

  /** The subscription was deleted: its meters may go. */
  default void removed(String subscription) {
  }
}
