package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.feed.Change;
import dev.xreg.storage.feed.ChangeSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change feed as the outbox of events (issue 20): one set per committed transaction with
 * its rows in order, the names an update changed, every entity a delete removed, nothing for a
 * rolled-back transaction, and a transaction still running holds back the ones after it.
 */
class ChangeFeedTest extends OnFreshSchema {

  @Test
  void oneSetPerTransactionWithTheChangedNamesOfUpdates() throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "one"))
        .compose(g -> tx.insert(g, "files", entity("/dirs/d1/files/f/meta", "f", 1, "x")))));
    var stored = await(store.read(tx -> tx.find("/dirs/d1")));
    Entity before = stored.entity();
    ObjectNode attrs = before.attributes().deepCopy().put("description", "two");
    await(store.inTransaction(tx -> tx.update(stored.rowId(),
        before.withAttributes(attrs).touched(before.modifiedat().plusSeconds(1)), 1)));

    List<ChangeSet> sets = await(store.changeFeed().after(null, 10));
    assertThat(sets).hasSize(2);
    assertThat(sets.get(0).changes()).extracting(Change::xid, Change::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/dirs/d1", 'C'),
            org.assertj.core.groups.Tuple.tuple("/dirs/d1/files/f/meta", 'C'));
    assertThat(sets.get(0).changes().get(0).changed()).isEmpty();
    Change update = sets.get(1).changes().get(0);
    assertThat(update.operation()).isEqualTo('U');
    assertThat(update.changed()).containsExactly("description", "epoch", "modifiedat");
    assertThat(sets.get(1).position()).isGreaterThan(sets.get(0).position());
    assertThat(await(store.changeFeed().after(sets.get(0).tx(), 10))).extracting(ChangeSet::tx)
        .containsExactly(sets.get(1).tx());
    assertThat(await(store.changeFeed().head())).isEqualTo(sets.get(1).tx());
  }

  /**
   * A reserved feed slot holds its place for an update made later (the meta row written after
   * its Versions, issue 15 W2), and a slot left empty fails the transaction rather than lose or
   * move the row: nothing of it commits. A filled slot cannot be filled twice.
   */
  @Test
  void aReservedSlotKeepsItsPlaceAndAnEmptyOneWritesNothing() throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "one"))));
    var stored = await(store.read(tx -> tx.find("/dirs/d1")));
    Entity before = stored.entity();
    Entity changed = before.withAttributes(before.attributes().deepCopy().put("description", "two"))
        .touched(before.modifiedat().plusSeconds(1));
    await(store.inTransaction(tx -> {
      var slot = tx.reserveFeedSlot();
      return tx.insert(stored.rowId(), "files", entity("/dirs/d1/files/f/meta", "f", 1, "x"))
          .compose(f -> tx.update(stored.rowId(), changed, 1, slot))
          .compose(v -> tx.update(stored.rowId(), atEpoch(changed, 2), 2, slot)
              .transform(ar -> ar.failed() && ar.cause() instanceof IllegalStateException
                  ? Future.<Void>succeededFuture() : Future.<Void>failedFuture("a filled slot was filled again")));
    }));
    List<ChangeSet> sets = await(store.changeFeed().after(null, 10));
    assertThat(sets).hasSize(2);
    assertThat(sets.get(1).changes()).extracting(Change::xid, Change::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/dirs/d1", 'U'),
            org.assertj.core.groups.Tuple.tuple("/dirs/d1/files/f/meta", 'C'));

    assertThatThrownBy(() -> await(store.inTransaction(tx -> {
      tx.reserveFeedSlot();
      return tx.insert(stored.rowId(), "files", entity("/dirs/d1/files/g/meta", "g", 1, "y")).mapEmpty();
    }))).hasRootCauseInstanceOf(IllegalStateException.class).hasMessageContaining("not filled");
    dev.xreg.storage.StoredEntity none = await(store.read(tx -> tx.find("/dirs/d1/files/g/meta")));
    assertThat(none).isNull();
    assertThat(await(store.changeFeed().after(null, 10))).hasSize(2);
  }

  @Test
  void aDeleteListsEveryEntityBelowAndARollbackNothing() throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "one"))
        .compose(g -> tx.insert(g, "files", entity("/dirs/d1/files/f/meta", "f", 1, "x")))
        .compose(m -> tx.insert(m, "versions", entity("/dirs/d1/files/f/versions/1", "1", 1, "v")))));
    String before = await(store.changeFeed().head());
    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d2", "d2", 1, "x"))
        .compose(id -> Future.failedFuture(new IllegalStateException("boom"))))));
    long g = await(store.read(tx -> tx.find("/dirs/d1"))).rowId();
    await(store.inTransaction(tx -> tx.delete(g, "/dirs/d1")));

    List<ChangeSet> sets = await(store.changeFeed().after(before, 10));
    assertThat(sets).hasSize(1);
    assertThat(sets.get(0).changes()).allMatch(c -> c.operation() == 'D').extracting(Change::xid)
        .containsExactly("/dirs/d1", "/dirs/d1/files/f/meta", "/dirs/d1/files/f/versions/1");
  }

  @Test
  void movingTheDefaultVersionListsTheAttributesOfTheOldAndNewDefault() throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "g"))
        .compose(g -> tx.insert(g, "files", meta("v1")))
        .compose(m -> tx.insert(m, "versions", version("v1", "name", "one"))
            .compose(v -> tx.insert(m, "versions", version("v2", "labels", null))))));
    var stored = await(store.read(tx -> tx.find("/dirs/d1/files/f/meta")));
    String before = await(store.changeFeed().head());
    Entity old = stored.entity();
    await(store.inTransaction(tx -> tx.update(stored.rowId(), meta("v2").touched(old.modifiedat().plusSeconds(1)),
        old.epoch())));
    Change moved = await(store.changeFeed().after(before, 10)).get(0).changes().get(0);
    assertThat(moved.changed()).contains("defaultversionid", "$resource.name", "$resource.labels",
        "$resource.versionid", "$resource.epoch").doesNotContain("$resource.description");
  }

  /**
   * Issue 15: a transaction that read the Versions (as every Resource write does) names their
   * attributes from memory; the names are exactly those the query gives a transaction that did not.
   */
  @Test
  void aTransactionThatKnowsTheVersionsNamesTheSameAttributes() throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "g"))
        .compose(g -> tx.insert(g, "files", meta("v1")))
        .compose(m -> tx.insert(m, "versions", version("v1", "name", "one"))
            .compose(v -> tx.insert(m, "versions", version("v2", "labels", null))))));
    List<String> byQuery = moveDefault("v2", false);
    List<String> fromMemory = moveDefault("v1", true);
    assertThat(byQuery).contains("$resource.name", "$resource.labels");
    assertThat(fromMemory).containsExactlyElementsOf(byQuery);
  }

  /** The changed names of the meta's feed row when its default moves to {@code to}. */
  private List<String> moveDefault(String to, boolean readVersionsFirst) throws Exception {
    var stored = await(store.read(tx -> tx.find("/dirs/d1/files/f/meta")));
    String before = await(store.changeFeed().head());
    Entity old = stored.entity();
    await(store.inTransaction(tx -> (readVersionsFirst ? tx.children(stored.rowId(), "versions").mapEmpty()
        : Future.<Void>succeededFuture())
        .compose(v -> tx.update(stored.rowId(), atEpoch(meta(to), old.epoch()).touched(old.modifiedat().plusSeconds(1)),
            old.epoch()))));
    return List.copyOf(await(store.changeFeed().after(before, 10)).get(0).changes().get(0).changed());
  }

  private static Entity atEpoch(Entity e, long epoch) {
    return new Entity(e.xid(), e.id(), epoch, e.createdat(), e.modifiedat(), e.attributes(), e.document());
  }

  private static Entity meta(String defaultVersion) {
    Entity e = entity("/dirs/d1/files/f/meta", "f", 1, null);
    e.attributes().remove("description");
    e.attributes().put("defaultversionid", defaultVersion);
    return e;
  }

  private static Entity version(String id, String attribute, String value) {
    Entity e = entity("/dirs/d1/files/f/versions/" + id, id, 1, null);
    e.attributes().remove("description");
    if (value == null) {
      e.attributes().putObject(attribute).put("a", "b");
    } else {
      e.attributes().put(attribute, value);
    }
    e.attributes().putNull("description");
    return e;
  }

  @Test
  void aRunningTransactionHoldsBackTheTransactionsAfterIt() throws Exception {
    String start = await(store.changeFeed().head());
    // an open transaction that has written (so it has a transaction ID) but not committed
    var conn = await(store.pool().getConnection());
    try {
      var open = await(conn.begin());
      await(conn.preparedQuery("INSERT INTO change_log (xid, operation) VALUES ($1, 'U')").execute(Tuple.of("/slow")));
      await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d9", "d9", 1, "x"))));
      assertThat(await(store.changeFeed().after(start, 10))).isEmpty();
      await(open.commit());
    } finally {
      await(conn.close());
    }
    assertThat(await(store.changeFeed().after(start, 10))).flatExtracting(ChangeSet::changes)
        .extracting(Change::xid).containsExactly("/slow", "/dirs/d9");
  }

  @Test
  void aTransactionsRowsCarryItsCorrelationIdOrElseItsTransactionId() throws Exception {
    await(store.inTransaction("corr-1", tx -> tx.insert(null, "dirs", entity("/dirs/d1", "d1", 1, "one"))
        .compose(g -> tx.insert(g, "files", entity("/dirs/d1/files/f/meta", "f", 1, "x")))));
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d2", "d2", 1, "two"))));
    List<ChangeSet> sets = await(store.changeFeed().after(null, 10));
    assertThat(sets.get(0).correlationId()).isEqualTo("corr-1");
    assertThat(sets.get(1).correlationId()).isEqualTo(sets.get(1).tx());
  }

  @Test
  void trimmingDeletesInBatchesOnlyWhatEverySubscriptionPassedAndOlderThanTheRetention() throws Exception {
    var feed = store.changeFeed();
    for (String d : List.of("d1", "d2")) {
      await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/" + d, d, 1, d))));
    }
    await(store.subscriptions().create("s1", "{}")); // starts after d2's transaction
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/d3", "d3", 1, "d3"))));
    List<ChangeSet> all = await(feed.after(null, 10));
    assertThat(all).hasSize(3);
    assertThat(await(feed.trimmedThrough())).isEqualTo("0");

    assertThat(await(feed.trim(java.time.Duration.ofHours(1), 10))).as("all within the retention").isZero();
    assertThat(await(feed.trim(java.time.Duration.ZERO, 1))).as("one batch of one row").isEqualTo(1);
    assertThat(await(feed.trimmedThrough())).isEqualTo(all.get(0).tx());
    assertThat(await(feed.trim(java.time.Duration.ZERO, 10))).as("the subscription has not passed d2").isZero();
    assertThat(await(feed.after(null, 10))).extracting(ChangeSet::tx).containsExactly(all.get(1).tx(), all.get(2).tx());

    await(store.subscriptions().delete("s1"));
    // another node trimming holds the lock: this one skips the round
    var other = io.vertx.pgclient.PgBuilder.pool().connectingTo(schema).using(vertx).build();
    try {
      await(other.withConnection(conn -> conn.preparedQuery("SELECT pg_advisory_lock($1)")
          .execute(Tuple.of(PgChangeFeed.TRIM_LOCK))
          .compose(v -> feed.trim(java.time.Duration.ZERO, 10))
          .compose(n -> {
            assertThat(n).isZero();
            return conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(PgChangeFeed.TRIM_LOCK));
          })));
    } finally {
      await(other.close());
    }
    assertThat(await(feed.trim(java.time.Duration.ZERO, 10))).isEqualTo(2);
    assertThat(await(feed.trimmedThrough())).isEqualTo(all.get(2).tx());
    assertThat(await(feed.after(null, 10))).isEmpty();
  }

  private static Entity entity(String xid, String id, long epoch, String description) {
    Instant now = Timestamps.now();
    ObjectNode attrs = Json.object();
    attrs.put("description", description);
    return new Entity(xid, id, epoch, now, now, attrs, null);
  }

}
