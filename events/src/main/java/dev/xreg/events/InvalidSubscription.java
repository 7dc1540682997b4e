package dev.xreg.events;

/** A subscription request the Subscriptions API refuses (400; nothing stored). */
public final class InvalidSubscription extends Exception {
  public InvalidSubscription(String message) {
    super(message, null, false, false);
  }
}
