package dev.xreg.storage.exec;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs asynchronous steps one after another (one connection serves one statement at a time). */
final class Futures {
  private Futures() {
  }

  static <I, O> Future<List<O>> sequence(Iterable<I> items, Function<I, Future<O>> step) {
    List<O> out = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (I item : items) {
      chain = chain.compose(v -> step.apply(item)).map(o -> {
        out.add(o);
        return null;
      });
    }
    return chain.map(v -> out);
  }
}
