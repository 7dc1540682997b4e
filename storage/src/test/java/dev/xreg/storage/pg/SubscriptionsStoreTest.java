package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.events.Subscription;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: subscriptions survive in PostgreSQL with their delivery position, and a lease
 * gives each to one node at a time; a node that lost its lease cannot record over the taker's.
 */
class SubscriptionsStoreTest extends OnFreshSchema {
  /** A second node on the same database, beside {@link #store} (node A). */
  private PgRegistryStore nodeB;

  @BeforeEach
  void openNodeB() {
    nodeB = new PgRegistryStore(vertx, schema, 4);
  }

  @AfterEach
  void closeNodeB() throws Exception {
    await(nodeB.close());
  }

  @Test
  void oneNodeAtATimeHoldsASubscriptionAndOnlyTheHolderRecords() throws Exception {
    Subscription s = await(store.subscriptions().create("s1", "{\"sink\":\"http://x.example/\"}"));
    assertThat(s.afterIndex()).isEqualTo(Subscription.WHOLE_TRANSACTION);
    assertThat(s.status()).isEqualTo(Subscription.ACTIVE);

    assertThat(await(store.subscriptions().lease("a", 10, Duration.ofMinutes(1)))).extracting(Subscription::id)
        .containsExactly("s1");
    assertThat(await(nodeB.subscriptions().lease("b", 10, Duration.ofMinutes(1)))).as("held by a").isEmpty();
    assertThat(await(nodeB.subscriptions().record("s1", "b", "7", 2, 0, Instant.now(), "active", null, true, 1)))
        .isFalse();
    assertThat(await(store.subscriptions().record("s1", "a", "7", 2, 1, Instant.now(), "active", "boom", true, 3)))
        .isTrue();

    Subscription after = await(nodeB.subscriptions().get("s1"));
    assertThat(after.afterTx()).isEqualTo("7");
    assertThat(after.afterIndex()).isEqualTo(2);
    assertThat(after.lastError()).isEqualTo("boom");
    assertThat(after.delivered()).isEqualTo(3);
    assertThat(await(nodeB.subscriptions().lease("b", 10, Duration.ofMinutes(1)))).as("released").hasSize(1);
  }

  @Test
  void anExpiredLeaseIsTakenOverAndADeadLetterIsNotLeased() throws Exception {
    await(store.subscriptions().create("s1", "{}"));
    await(store.subscriptions().create("s2", "{}"));
    assertThat(await(store.subscriptions().lease("a", 10, Duration.ofMillis(1)))).hasSize(2);
    Thread.sleep(20);
    assertThat(await(nodeB.subscriptions().lease("b", 10, Duration.ofMinutes(1)))).as("a crashed").hasSize(2);
    await(nodeB.subscriptions().record("s2", "b", "0", Subscription.WHOLE_TRANSACTION, 8, Instant.now(),
        Subscription.DEAD_LETTER, "gone", true, 0));
    await(nodeB.subscriptions().record("s1", "b", "0", Subscription.WHOLE_TRANSACTION, 0, Instant.now(),
        Subscription.ACTIVE, null, true, 0));
    assertThat(await(store.subscriptions().lease("a", 10, Duration.ofMinutes(1)))).extracting(Subscription::id)
        .containsExactly("s1");
    assertThat(await(store.subscriptions().update("s2", "{}")).status()).as("a PUT reactivates").isEqualTo("active");
  }

  @Test
  void aStoppingNodeReleasesOnlyItsOwnLeases() throws Exception {
    await(store.subscriptions().create("s1", "{}"));
    await(store.subscriptions().create("s2", "{}"));
    await(store.subscriptions().create("s3", "{}"));
    assertThat(await(store.subscriptions().lease("a", 2, Duration.ofMinutes(10)))).hasSize(2);
    java.util.List<Subscription> atB = await(nodeB.subscriptions().lease("b", 10, Duration.ofMinutes(10)));
    assertThat(atB).as("the third").hasSize(1);

    assertThat(await(store.subscriptions().release("a"))).isEqualTo(2);
    assertThat(await(store.subscriptions().release("a"))).as("nothing left to give back").isZero();
    // b's lease (ten minutes) still holds: a third node gets exactly what a gave back, at once
    assertThat(await(nodeB.subscriptions().lease("c", 10, Duration.ofMinutes(10)))).hasSize(2)
        .extracting(Subscription::id).doesNotContain(atB.get(0).id());
    assertThat(await(nodeB.subscriptions().lease("d", 10, Duration.ofMinutes(10)))).as("b's and c's held").isEmpty();
    // a released holder can no longer record: its round is void
    assertThat(await(store.subscriptions().record("s1", "a", "7", 2, 0, Instant.now(), "active", null, true, 1)))
        .isFalse();
  }
}
