package dev.xreg.events;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends one round's events of a subscription with at most {@code XREG_EVENTS_CONCURRENCY}
 * outstanding requests, keeping commit order per subject: an event is sent only when no event of
 * the same subject is outstanding and none before it in the round is still unsent, so the events
 * of one subject are never in flight together and arrive in feed order. The first failure stops
 * sending (the outstanding requests finish); the round's outcome is the length of the prefix of
 * events handled without a gap, which is where the subscription's durable position may move: the
 * events after a gap that did arrive are sent again in the next round (at least once).
 *
 * <p>Not thread-safe by design: it runs on one Vert.x context, as {@link Delivery} does.
 *
 * @param <T> an event of the round
 */
final class DeliveryWindow<T> {
  /** How a round ended: {@code handled} events from the start are done; {@code failure} if one failed. */
  record Outcome(int handled, int sent, Throwable failure) {
  }

  private final List<T> items;
  private final Function<T, String> subject;
  /** Sends an item; null when it needs no request (filtered out, or a transaction without events). */
  private final Function<T, Future<Void>> send;
  private final int limit;
  private final boolean[] started;
  private final boolean[] done;
  private final Set<String> outstandingSubjects = new HashSet<>();
  private final Promise<Outcome> outcome = Promise.promise();
  private int outstanding;
  private int sent;
  private Throwable failure;
  private boolean pumping;
  private boolean again;

  private DeliveryWindow(List<T> items, Function<T, String> subject, Function<T, Future<Void>> send, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one outstanding request: " + limit);
    }
    this.items = items;
    this.subject = subject;
    this.send = send;
    this.limit = limit;
    this.started = new boolean[items.size()];
    this.done = new boolean[items.size()];
  }

  /** Sends {@code items} in order under the rules above; never fails (a failure is in the outcome). */
  static <T> Future<Outcome> send(List<T> items, Function<T, String> subject, Function<T, Future<Void>> send,
      int limit) {
    DeliveryWindow<T> w = new DeliveryWindow<>(items, subject, send, limit);
    w.pump();
    return w.outcome.future();
  }

  /** Starts what may start now; re-entered from completions that happen synchronously, so it loops instead. */
  private void pump() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    do {
      again = false;
      startWhatMay();
    } while (again);
    pumping = false;
    if (outstanding == 0 && (failure != null || allStarted())) {
      outcome.tryComplete(new Outcome(prefix(), sent, failure));
    }
  }

  private void startWhatMay() {
    // subjects that may not start now: outstanding ones, and those of unsent earlier events
    Set<String> blocked = new HashSet<>(outstandingSubjects);
    for (int i = 0; i < items.size() && failure == null && outstanding < limit; i++) {
      if (started[i]) {
        continue;
      }
      T item = items.get(i);
      String s = subject.apply(item);
      if (s != null && !blocked.add(s)) {
        continue;
      }
      started[i] = true;
      Future<Void> request = send.apply(item);
      if (request == null) {
        done[i] = true;
        if (s != null) {
          blocked.remove(s); // it was not blocked before this event, which needed no request
        }
        continue;
      }
      outstanding++;
      if (s != null) {
        outstandingSubjects.add(s);
      }
      int index = i;
      request.onComplete(ar -> {
        outstanding--;
        if (s != null) {
          outstandingSubjects.remove(s);
        }
        if (ar.succeeded()) {
          done[index] = true;
          sent++;
        } else if (failure == null) {
          failure = ar.cause();
        }
        pump();
      });
    }
  }

  private boolean allStarted() {
    for (boolean s : started) {
      if (!s) {
        return false;
      }
    }
    return true;
  }

  private int prefix() {
    int n = 0;
    while (n < done.length && done[n]) {
      n++;
    }
    return n;
  }
}
