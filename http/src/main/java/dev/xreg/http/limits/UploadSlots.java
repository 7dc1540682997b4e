package dev.xreg.http.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts each client's requests in flight of one kind (OCI blob uploads) against a maximum. A
 * client without any in flight has no entry, so the map holds only active clients.
 */
public final class UploadSlots {
  private final int max;
  private final Map<String, Integer> inFlight = new HashMap<>();

  public UploadSlots(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the maximum must be at least 1");
    }
    this.max = max;
  }

  /** Takes a slot for {@code client}; false (and nothing taken) when it has {@code max} already. */
  public synchronized boolean acquire(String client) {
    int n = inFlight.getOrDefault(client, 0);
    if (n >= max) {
      return false;
    }
    inFlight.put(client, n + 1);
    return true;
  }

  /** Gives back a slot {@link #acquire} took. */
  public synchronized void release(String client) {
    inFlight.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  public synchronized int inFlight(String client) {
    return inFlight.getOrDefault(client, 0);
  }
}
