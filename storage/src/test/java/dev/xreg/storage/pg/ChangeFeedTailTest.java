package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the change-feed tail under lost notices reports each committed transaction's
 * entities once, in the poll after it committed, whatever was running when the last poll ran,
 * and nothing for a rollback. Polls are driven by hand here (no timer).
 */
class ChangeFeedTailTest extends OnFreshSchema {
  private final Invalidations invalidations = new Invalidations();
  private final List<Changed> reported = new CopyOnWriteArrayList<>();
  private ChangeFeedTail tail;

  @BeforeEach
  void tailing() throws Exception {
    invalidations.register(reported::add);
    tail = new ChangeFeedTail(vertx, store.pool(), invalidations, 3_600_000);
  }

  @Test
  void reportsEachCommittedWriteOnceInThePollAfterIt() throws Exception {
    insert("/dirs/before");
    await(tail.poll());
    assertThat(reported).as("the first poll only takes its bearings").isEmpty();

    insert("/dirs/d1");
    insert("/dirs/d2");
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.of(List.of("/dirs/d1", "/dirs/d2")));
    reported.clear();
    await(tail.poll());
    assertThat(reported).as("nothing new").isEmpty();

    assertThatThrownBy(() -> await(store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/rolled"))
        .compose(id -> Future.failedFuture(new IllegalStateException("rolled back"))))));
    await(tail.poll());
    assertThat(reported).as("a rollback changed nothing").isEmpty();
  }

  @Test
  void aTransactionRunningDuringAPollIsReportedOnceItCommits() throws Exception {
    await(tail.poll());
    Promise<Void> written = Promise.promise();
    Promise<Void> release = Promise.promise();
    Future<Long> running = store.inTransaction(tx -> tx.insert(null, "dirs", entity("/dirs/slow"))
        .compose(id -> {
          written.complete();
          return release.future().map(id);
        }));
    await(written.future());
    // starts after the slow one and commits before it (another collection: the slow one holds
    // the lock of the dirs collection's size)
    await(store.inTransaction(tx -> tx.insert(null, "others", entity("/others/quick"))));
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.of(List.of("/others/quick")));
    reported.clear();

    release.complete();
    await(running);
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.of(List.of("/dirs/slow")));
  }

  /**
   * Retention 0 may trim a transaction's rows before a node's tail reads them (its notice lost
   * too): the tail cannot name what it missed, so it reports everything. Rows trimmed only after
   * the tail read them change nothing.
   */
  @Test
  void rowsTrimmedBeforeThePollReadThemAreEverything() throws Exception {
    insert("/dirs/read");
    await(tail.poll());
    await(tail.poll());
    assertThat(await(store.changeFeed().trim(java.time.Duration.ZERO, 1000))).as("rows trimmed").isPositive();
    await(tail.poll());
    assertThat(reported).as("what was trimmed had been read").isEmpty();

    insert("/dirs/unread");
    assertThat(await(store.changeFeed().trim(java.time.Duration.ZERO, 1000))).as("rows trimmed").isPositive();
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.EVERYTHING);
    reported.clear();
    await(tail.poll());
    assertThat(reported).as("said once").isEmpty();
  }

  @Test
  void manyChangesAtOnceAreEverything() throws Exception {
    await(tail.poll());
    await(store.inTransaction(tx -> {
      Future<Long> chain = Future.succeededFuture();
      for (int i : IntStream.range(0, ChangeNotice.MAX_XIDS + 1).toArray()) {
        chain = chain.compose(x -> tx.insert(null, "dirs", entity("/dirs/d" + i)));
      }
      return chain;
    }));
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.EVERYTHING);
  }

  @Test
  void anotherApisEventNamesItsRepository() throws Exception {
    await(tail.poll());
    await(store.inTransactionWithConnection((conn, tx) -> PgOutbox.append(conn, 'C', "dev.xreg.oci.manifest.pushed",
        "team/app@sha256:" + "a".repeat(64), null)
        .compose(v -> PgOutbox.append(conn, 'C', "dev.xreg.oci.tag.pushed", "team/app:v1", null))
        .compose(v -> PgOutbox.append(conn, 'U', "dev.xreg.cnr.channel.moved", "ns/pkg/channels/stable", null))));
    await(tail.poll());
    assertThat(reported).containsExactly(Changed.of(List.of(ChangeFeedTail.REPOSITORY_PREFIX + "team/app",
        ChangeFeedTail.REPOSITORY_PREFIX + "ns/pkg")));
    assertThat(ChangeFeedTail.name("ns/pkg:1.0.0")).isEqualTo(ChangeFeedTail.REPOSITORY_PREFIX + "ns/pkg");
    assertThat(ChangeFeedTail.name("/dirs/d1")).isEqualTo("/dirs/d1");
    // the very names the content cache is told in notices
    assertThat(ChangeFeedTail.name("team/app:v1")).isEqualTo(dev.xreg.storage.oci.RepositoryChanges.xid(
        dev.xreg.storage.content.RepositoryName.parse("team/app")));
  }

  /**
   * After an import the feed holds many rows of one transaction and the statistics say so; each
   * part of a poll must still be an index walk, whether the import began after the last poll's
   * snapshot (first part) or was running during it (second part). The plan is the evidence: a
   * sequential scan of the whole feed at every poll is what this guards against (found in the
   * 2026-12-05 bench).
   */
  @Test
  void aPollAfterAnImportWalksTheIndexNotTheFeed() throws Exception {
    String before = snapshot();
    Promise<String> during = Promise.promise();
    await(store.inTransactionWithConnection((conn, tx) -> conn.query("INSERT INTO change_log (xid, epoch, operation)"
            + " SELECT '/dirs/d' || i, 1, 'C' FROM generate_series(1, 50000) AS i").execute()
        .compose(rs -> store.pool().query("SELECT pg_current_snapshot()::text").execute())
        .onSuccess(rs -> during.complete(rs.iterator().next().getString(0)))
        .mapEmpty()));
    await(store.pool().query("ANALYZE change_log").execute());

    for (String last : List.of(before, await(during.future()))) {
      assertThat(await(explain(last))).as("poll after snapshot %s", last)
          .contains("change_log_tx").doesNotContain("Seq Scan");
    }
  }

  /**
   * A long transaction (an import) that started after the last poll: the polls while it runs
   * report what else committed, and none of them walks its rows (the plan's buffer counts stay
   * small; walking 50,000 hidden rows touches tens of thousands of buffers).
   */
  @Test
  void aPollDuringALongTransactionDoesNotWalkItsRows() throws Exception {
    await(tail.poll());
    String before = snapshot();
    Promise<Void> written = Promise.promise();
    Promise<Void> release = Promise.promise();
    Future<Void> running = store.inTransactionWithConnection((conn, tx) -> conn.query("INSERT INTO change_log"
            + " (xid, epoch, operation) SELECT '/dirs/d' || i, 1, 'C' FROM generate_series(1, 50000) AS i").execute()
        .compose(rs -> {
          written.complete();
          return release.future();
        }));
    await(written.future());
    insert("/others/quick");
    try {
      await(tail.poll());
      assertThat(reported).containsExactly(Changed.of(List.of("/others/quick")));
      assertThat(await(buffersTouched(before))).as("buffers one poll touched").isLessThan(200);
    } finally {
      release.complete();
    }
    await(running);
    reported.clear();
    await(tail.poll());
    assertThat(reported).as("the long one, once committed").containsExactly(Changed.EVERYTHING);
  }

  /** The most shared buffers any node of the poll's plan touched, run after {@code lastSnapshot}. */
  private Future<Long> buffersTouched(String lastSnapshot) {
    return store.pool().preparedQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + ChangeFeedTail.POLL)
        .execute(io.vertx.sqlclient.Tuple.of(lastSnapshot, ChangeFeedTail.MAX_ROWS))
        .map(rs -> mostBuffers(Json.parseTrusted(String.valueOf(rs.iterator().next().getValue(0)))));
  }

  private static long mostBuffers(com.fasterxml.jackson.databind.JsonNode node) {
    long most = node.path("Shared Hit Blocks").asLong() + node.path("Shared Read Blocks").asLong();
    for (com.fasterxml.jackson.databind.JsonNode child : node) {
      most = Math.max(most, mostBuffers(child));
    }
    return most;
  }

  private Future<String> explain(String lastSnapshot) {
    return store.pool().preparedQuery("EXPLAIN " + ChangeFeedTail.POLL)
        .execute(io.vertx.sqlclient.Tuple.of(lastSnapshot, ChangeFeedTail.MAX_ROWS))
        .map(rs -> {
          StringBuilder b = new StringBuilder();
          rs.forEach(r -> b.append(r.getString(0)).append('\n'));
          return b.toString();
        });
  }

  private String snapshot() throws Exception {
    return await(store.pool().query("SELECT pg_current_snapshot()::text").execute()
        .map(rs -> rs.iterator().next().getString(0)));
  }

  private void insert(String xid) throws Exception {
    await(store.inTransaction(tx -> tx.insert(null, "dirs", entity(xid))));
  }

  private static Entity entity(String xid) {
    Instant now = Timestamps.now();
    ObjectNode attrs = Json.object();
    attrs.put("description", "x");
    return new Entity(xid, xid.substring(xid.lastIndexOf('/') + 1), 1, now, now, attrs, null);
  }
}
