package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import io.vertx.core.Promise;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a committed write's notice reaches a listener on the same database, sent after the
 * commit by {@link ChangeNoticeSender}, in the {@link ChangeNotice} format, naming this node.
 */
class ChangeNoticeDeliveryTest extends OnFreshSchema {

  @Test
  void aCommittedWriteIsAnnouncedAfterItsCommit() throws Exception {
    PgSubscriber listener = PgSubscriber.subscriber(vertx, schema);
    Promise<String> heard = Promise.promise();
    Promise<Void> listening = Promise.promise();
    listener.channel(ChangeNotice.CHANNEL).handler(heard::tryComplete).subscribeHandler(v -> listening.tryComplete());
    await(listener.connect());
    try {
      await(listening.future());
      Instant now = Timestamps.now();
      ObjectNode attrs = Json.object();
      await(store.inTransaction(tx -> tx.insert(null, "dirs", new Entity("/dirs/d1", "d1", 1, now, now, attrs, null))));
      String payload = await(heard.future());
      assertThat(ChangeNotice.origin(payload)).isEqualTo(Invalidations.of(vertx).origin());
      assertThat(ChangeNotice.parse(payload)).isEqualTo(Changed.of(List.of("/dirs/d1")));
    } finally {
      await(listener.close());
    }
  }
}
