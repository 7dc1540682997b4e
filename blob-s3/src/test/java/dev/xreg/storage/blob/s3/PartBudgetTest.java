package dev.xreg.storage.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store-wide bound on the heap that S3 uploads hold for their parts (issue 15, O2-S3). */
class PartBudgetTest {
  private static final long MIB = 1024 * 1024;
  private static Vertx vertx;
  /** An upload whose client stays. */
  private static final Future<Void> NEVER = io.vertx.core.Promise.<Void>promise().future();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theBudgetIsCountedInWholePartsAndDefaultsToAQuarterOfTheHeap() {
    assertThat(PartBudget.slotsFor(0, 256 * MIB)).as("a quarter of 256 MiB in 8 MiB parts").isEqualTo(8);
    assertThat(PartBudget.slotsFor(0, 1024 * MIB)).isEqualTo(32);
    assertThat(PartBudget.slotsFor(20 * MIB, 256 * MIB)).as("configured bytes win, rounded down").isEqualTo(2);
    assertThat(PartBudget.slotsFor(MIB, 256 * MIB)).as("never less than one part").isEqualTo(1);
    assertThat(PartBudget.slotsFor(0, 16 * MIB)).isEqualTo(1);
    assertThatThrownBy(() -> new PartBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitersAreServedInOrderOnTheirOwnContextsAndASlotIsReleasedOnce() throws Exception {
    PartBudget budget = new PartBudget(2);
    PartBudget.Slot first = budget.acquire(NEVER).result();
    PartBudget.Slot second = budget.acquire(NEVER).result();
    assertThat(budget.free()).isZero();

    List<Context> contexts = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext(), vertx.getOrCreateContext());
    List<String> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<PartBudget.Slot>> granted = new ArrayList<>();
    for (int i = 0; i < contexts.size(); i++) {
      int waiter = i;
      Context context = contexts.get(i);
      CompletableFuture<PartBudget.Slot> slot = new CompletableFuture<>();
      granted.add(slot);
      CompletableFuture<Future<PartBudget.Slot>> asked = new CompletableFuture<>();
      context.runOnContext(v -> asked.complete(budget.acquire(NEVER).onSuccess(s -> {
        order.add(waiter + (Vertx.currentContext() == context ? "@own" : "@other"));
        slot.complete(s);
      })));
      assertThat(asked.get(5, TimeUnit.SECONDS).isComplete()).as("waiter " + i + " has no slot yet").isFalse();
    }

    first.release();
    first.release(); // twice: still one slot
    PartBudget.Slot third = granted.get(0).get(5, TimeUnit.SECONDS);
    assertThat(granted.get(1)).as("a second release of the same slot frees nothing").isNotDone();
    second.release();
    PartBudget.Slot fourth = granted.get(1).get(5, TimeUnit.SECONDS);
    assertThat(granted.get(2)).isNotDone();
    third.release();
    granted.get(2).get(5, TimeUnit.SECONDS).release();
    fourth.release();

    assertThat(order).containsExactly("0@own", "1@own", "2@own");
    assertThat(budget.free()).isEqualTo(2);
    assertThat(budget.mostInUse()).isEqualTo(2);
  }
}
