package dev.xreg.http.impl;

import dev.xreg.api.ContentMeter;
import dev.xreg.events.DeliveryObserver;
import dev.xreg.metrics.XregMetrics;
import dev.xreg.storage.StorageObserver;

/**
 * The engine's and the API modules' observation hooks, reported to xreg's meters: storage and
 * API modules know no metrics library, the metrics module knows neither of them, so the server
 * joins the two here.
 */
final class Meters implements StorageObserver, ContentMeter, DeliveryObserver {
  private final XregMetrics metrics;

  Meters(XregMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void operation(String operation, long nanos, String outcome) {
    metrics.storageOperation(operation, nanos, outcome);
  }

  @Override
  public void garbageCollection(String outcome, long nanos) {
    metrics.garbageCollection(outcome, nanos);
  }

  @Override
  public void reclaimed(String item, long count, long bytes) {
    metrics.reclaimed(item, count, bytes);
  }

  @Override
  public void pushed(String api, String kind, long bytes) {
    metrics.contentPushed(api, kind, bytes);
  }

  @Override
  public void pulled(String api, String kind, long bytes) {
    metrics.contentPulled(api, kind, bytes);
  }

  @Override
  public void uploadSession(String api, String outcome) {
    metrics.uploadSession(api, outcome);
  }

  @Override
  public void delivered(String subscription, long lagNanos) {
    metrics.eventDelivered(subscription, lagNanos);
  }

  @Override
  public void failed(String subscription) {
    metrics.eventFailed(subscription);
  }

  @Override
  public void retried(String subscription) {
    metrics.eventRetried(subscription);
  }

  @Override
  public void deadLettered(String subscription) {
    metrics.eventDeadLettered(subscription);
  }

  @Override
  public void pending(String subscription, long rows) {
    metrics.eventsPending(subscription, rows);
  }

  @Override
  public void removed(String subscription) {
    metrics.subscriptionRemoved(subscription);
  }
}
