package dev.xreg.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FuturesTest {
  private static final List<Integer> MANY = IntStream.range(0, 200_000).boxed().toList();

  @Test
  void manyStepsThatCompleteAtOnceKeepTheStackFlat() {
    Future<List<Integer>> all = Futures.sequence(MANY, i -> Future.succeededFuture(i * 2));

    assertThat(all.succeeded()).as(String.valueOf(all.cause())).isTrue();
    assertThat(all.result()).hasSize(MANY.size()).startsWith(0, 2, 4).endsWith(399_998);
  }

  @Test
  void anEarlyFailureEndsTheSequenceWithoutStartingLaterSteps() {
    AtomicInteger started = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("item 1 is bad");

    Future<List<Integer>> all = Futures.sequence(MANY, i -> {
      started.incrementAndGet();
      if (i == 1) {
        throw boom;
      }
      return Future.succeededFuture(i);
    });

    assertThat(all.failed()).isTrue();
    assertThat(all.cause()).isSameAs(boom);
    assertThat(started).hasValue(2);
  }

  @Test
  void asynchronousStepsRunOneAfterAnother() {
    List<Promise<String>> pending = new ArrayList<>();
    Future<List<String>> all = Futures.sequence(List.of("a", "b", "c"), s -> {
      Promise<String> p = Promise.promise();
      pending.add(p);
      return p.future().map(x -> s + x);
    });

    assertThat(pending).as("only the first step runs until it completes").hasSize(1);
    pending.get(0).complete("1");
    assertThat(pending).hasSize(2);
    pending.get(1).complete("2");
    pending.get(2).complete("3");
    assertThat(all.result()).containsExactly("a1", "b2", "c3");
  }

  @Test
  void aFailedAsynchronousStepFailsTheWhole() {
    List<Promise<Integer>> pending = new ArrayList<>();
    Future<List<Integer>> all = Futures.sequence(MANY, i -> {
      Promise<Integer> p = Promise.promise();
      pending.add(p);
      return p.future();
    });

    pending.get(0).fail("the database went away");

    assertThat(all.failed()).isTrue();
    assertThat(all.cause()).hasMessage("the database went away");
    assertThat(pending).hasSize(1);
  }
}
