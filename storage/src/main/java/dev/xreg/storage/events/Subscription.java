package dev.xreg.storage.events;

import java.time.Instant;

/**
 * A stored CloudEvents subscription: its {@code definition} (JSON text, as the events module
 * checked and normalized it) and its delivery state. {@code afterTx}/{@code afterIndex} is the
 * last event delivered ({@link #WHOLE_TRANSACTION}: all of that transaction's events).
 * {@code owner} is who it delivers for (JSON text, V11), null for no restriction.
 */
public record Subscription(String id, String definition, String afterTx, int afterIndex, String status,
    int attempts, Instant nextAttemptAt, String lastError, boolean validated, long delivered, Instant createdat,
    Instant modifiedat, String owner) {

  public static final int WHOLE_TRANSACTION = Integer.MAX_VALUE;
  public static final String ACTIVE = "active";
  public static final String DEAD_LETTER = "deadletter";
}
