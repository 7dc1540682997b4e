package dev.xreg.storage.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** Runs asynchronous steps one after another (one connection serves one statement at a time). */
public final class Futures {
  private Futures() {
  }

  /**
   * Applies {@code step} to each item once the previous step completed; fails with the first
   * failure and starts no later step. Steps are started lazily and a step that completes at
   * once is followed in a loop, so the stack stays flat however many items there are (a
   * pre-built chain of 20,000 futures overflowed it when an early step failed).
   */
  public static <I, O> Future<List<O>> sequence(Iterable<I> items, Function<I, Future<O>> step) {
    Promise<List<O>> done = Promise.promise();
    new Run<>(items.iterator(), step, done).next();
    return done.future();
  }

  private record Run<I, O>(Iterator<I> items, Function<I, Future<O>> step, Promise<List<O>> done, List<O> out) {
    Run(Iterator<I> items, Function<I, Future<O>> step, Promise<List<O>> done) {
      this(items, step, done, new ArrayList<>());
    }

    void next() {
      while (items.hasNext()) {
        Future<O> f;
        try {
          f = step.apply(items.next());
        } catch (RuntimeException e) {
          done.fail(e);
          return;
        }
        if (!f.isComplete()) {
          f.onComplete(ar -> {
            if (ar.failed()) {
              done.fail(ar.cause());
            } else {
              out.add(ar.result());
              next();
            }
          });
          return;
        }
        if (f.failed()) {
          done.fail(f.cause());
          return;
        }
        out.add(f.result());
      }
      done.complete(out);
    }
  }
}
