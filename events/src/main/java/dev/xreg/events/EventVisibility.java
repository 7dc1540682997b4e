package dev.xreg.events;

/**
 * Which events a reader may see: a stream's client or a subscription's owner never receives an
 * event about what it may not read (issue 20). The seam for the auth issue: there are no
 * per-entity read permissions yet, so {@link #EVERYTHING} lets every event through; an
 * implementation backed by the permissions replaces it, and {@link EventStream} and
 * {@link Delivery} already ask it for every event. {@code reader} is the authenticated principal
 * of the stream's request or the subscription's creator; null while there is no authentication.
 */
@FunctionalInterface
public interface EventVisibility {
  EventVisibility EVERYTHING = (event, reader) -> true;

  boolean visible(XRegistryEvent event, String reader);
}
