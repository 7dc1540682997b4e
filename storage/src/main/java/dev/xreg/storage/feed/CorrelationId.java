package dev.xreg.storage.feed;

import java.util.UUID;

/**
 * The {@code xregcorrelationid} of one write request (xRegistry events spec): chosen by the API
 * module before the write, carried in its command, written on each of the request's change-feed
 * rows in its transaction, and answered in the {@code xRegistry-xregcorrelationid} header, so a
 * client can find the events its request produced. A random UUID: unique for the registry's
 * lifetime without coordination between nodes, and the same across the store's retries of the
 * request (only the attempt that commits leaves rows).
 */
public final class CorrelationId {
  /** The response header that carries it (events spec, "xregcorrelationid"). */
  public static final String HEADER = "xRegistry-xregcorrelationid";

  private CorrelationId() {
  }

  public static String next() {
    return UUID.randomUUID().toString();
  }
}
