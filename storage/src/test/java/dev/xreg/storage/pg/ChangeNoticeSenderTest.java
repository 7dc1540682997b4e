package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 (W1/W2): notices leave after their commits, one statement at a time, and the ones
 * that queue while a statement is in flight go out together as the next one.
 */
class ChangeNoticeSenderTest {
  /** Each batch handed to the connection, with the promise that ends its statement. */
  private final List<List<String>> batches = new ArrayList<>();
  private final List<Promise<Void>> statements = new ArrayList<>();
  private final ChangeNoticeSender sender = new ChangeNoticeSender(batch -> {
    batches.add(List.copyOf(batch));
    Promise<Void> p = Promise.promise();
    statements.add(p);
    return p.future();
  }, Future::succeededFuture);

  @Test
  void noticesQueuedDuringAStatementGoOutTogetherInTheNext() {
    sender.send("a");
    assertThat(batches).containsExactly(List.of("a"));
    sender.send("b");
    sender.send("c");
    sender.send("d");
    assertThat(batches).as("one statement in flight at a time").hasSize(1);
    assertThat(sender.queued()).isEqualTo(3);

    statements.get(0).complete();
    assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
    assertThat(sender.queued()).isZero();

    statements.get(1).complete();
    assertThat(batches).hasSize(2);
    sender.send("e");
    assertThat(batches).as("an idle sender sends at once").containsExactly(List.of("a"), List.of("b", "c", "d"),
        List.of("e"));
  }

  @Test
  void aFailedStatementLosesOnlyItsOwnNoticesAndTheQueueMovesOn() {
    sender.send("a");
    sender.send("b");
    statements.get(0).fail("connection reset");
    assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    statements.get(1).complete();
    sender.send("c");
    assertThat(batches).last().isEqualTo(List.of("c"));
  }

  @Test
  void aStatementCarriesAtMostOneBatchAndTheRestFollow() {
    sender.send("first");
    IntStream.range(0, ChangeNoticeSender.MAX_BATCH + 5).forEach(i -> sender.send("n" + i));
    statements.get(0).complete();
    assertThat(batches.get(1)).hasSize(ChangeNoticeSender.MAX_BATCH).startsWith("n0");
    statements.get(1).complete();
    assertThat(batches.get(2)).hasSize(5).endsWith("n" + (ChangeNoticeSender.MAX_BATCH + 4));
  }

  @Test
  void aFullQueueDropsItsOldestNotices() {
    sender.send("in flight");
    IntStream.range(0, ChangeNoticeSender.MAX_QUEUED + 2).forEach(i -> sender.send("n" + i));
    assertThat(sender.queued()).isEqualTo(ChangeNoticeSender.MAX_QUEUED);
    assertThat(sender.dropped()).isEqualTo(2);
    statements.get(0).complete();
    assertThat(batches.get(1)).startsWith("n2");
  }
}
