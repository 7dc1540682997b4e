package dev.xreg.storage.blob.s3;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the heap that the store's uploads in progress hold, across all of them: every part,
 * from its first gathered byte until the object store has stored it, holds one {@link Slot} of
 * {@link PartWriter#PART_SIZE} bytes. An append without a slot keeps its source paused until one
 * is freed. Slots are held only by parts that gather from a stream that goes on or that are on
 * their way to the object store, both of which end by themselves, so every wait ends: a waiting
 * append holds no slot that another one waits for.
 *
 * <p>Appends run on different event loops, so this is thread-safe; a freed slot goes to the
 * longest waiter, completed on that waiter's own context.
 */
final class PartBudget {
  private final int slots;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private int free;
  private int mostInUse;

  PartBudget(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("the upload memory must hold at least one part, got " + slots + " slots");
    }
    this.slots = slots;
    this.free = slots;
  }

  /**
   * How many parts the given bytes of heap hold, at least one: {@code XREG_S3_UPLOAD_MEMORY_BYTES},
   * or when that is 0, a quarter of the heap the JVM may grow to.
   */
  static int slotsFor(long configuredBytes, long maxHeap) {
    long bytes = configuredBytes > 0 ? configuredBytes : maxHeap / 4;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / PartWriter.PART_SIZE));
  }

  int slots() {
    return slots;
  }

  /** Slots not held right now. */
  synchronized int free() {
    return free;
  }

  /** The most slots held at once since the store opened: what tests check the bound with. */
  synchronized int mostInUse() {
    return mostInUse;
  }

  /**
   * A slot now, or when one is freed, on the caller's context; a wait ends when
   * {@code abandoned} fails (the client went away): the waiter leaves the queue and the result
   * fails with that cause, so a dead upload neither takes a slot nor a turn.
   */
  Future<Slot> acquire(Future<?> abandoned) {
    Context context = Vertx.currentContext();
    Waiter waiter;
    synchronized (this) {
      if (free > 0) {
        free--;
        mostInUse = Math.max(mostInUse, slots - free);
        return Future.succeededFuture(new Slot());
      }
      waiter = new Waiter(context, Promise.promise());
      waiters.add(waiter);
    }
    abandoned.onFailure(cause -> {
      boolean left;
      synchronized (this) {
        left = waiters.remove(waiter);
      }
      if (left) {
        waiter.granted().fail(cause);
      }
    });
    return waiter.granted().future();
  }

  /** Appends waiting for a slot now. */
  synchronized int waiting() {
    return waiters.size();
  }

  /** Hands the slot to the longest waiter, or makes it free. */
  private void release() {
    Waiter next;
    synchronized (this) {
      next = waiters.poll();
      if (next == null) {
        free++;
        return;
      }
    }
    Slot slot = new Slot();
    if (next.context() == null) {
      next.granted().complete(slot);
    } else {
      next.context().runOnContext(v -> next.granted().complete(slot));
    }
  }

  private record Waiter(Context context, Promise<Slot> granted) {
  }

  /** Room for one part; released once, whatever calls {@link #release()} again. */
  final class Slot {
    private final AtomicBoolean held = new AtomicBoolean(true);

    void release() {
      if (held.compareAndSet(true, false)) {
        PartBudget.this.release();
      }
    }
  }
}
