package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, durability: a writer PUTs continuously; the server process is killed with SIGKILL
 * mid-stream (no shutdown hook runs; its embedded PostgreSQL is orphaned); a new process on
 * the same data directory stops the orphan and starts the database again. Every write that
 * was acknowledged with a 2xx is there with its content, and the tree is consistent.
 */
class DurabilityIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static final int MAX_WRITES = 3000;
  private static final int KILL_AFTER_ACKS = 150;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    try (XregServer server = XregServer.fresh()) {
      server.start();
      assertThat(server.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
      assertThat(server.send("PUT", "/dirs/d", "{}").statusCode()).isEqualTo(201);

      // acknowledged creates: file id -> name; the counter Resource's last acknowledged value
      Map<String, String> acked = new ConcurrentHashMap<>();
      AtomicLong counterAcked = new AtomicLong(-1);
      AtomicInteger acks = new AtomicInteger();
      AtomicInteger unexpected = new AtomicInteger();
      Thread writer = new Thread(() -> {
        for (int i = 0; i < MAX_WRITES; i++) {
          try {
            String name = "content-" + i;
            HttpResponse<String> r = server.send("PUT", "/dirs/d/files/f" + i + "$details",
                "{\"name\":\"" + name + "\",\"labels\":{\"i\":\"" + i + "\"}}");
            if (r.statusCode() / 100 == 2) {
              acked.put("f" + i, name);
            } else {
              unexpected.incrementAndGet();
            }
            HttpResponse<String> c = server.send("PUT", "/dirs/d/files/counter$details",
                "{\"description\":\"" + i + "\"}");
            if (c.statusCode() / 100 == 2) {
              counterAcked.set(i);
            } else {
              unexpected.incrementAndGet();
            }
            acks.incrementAndGet();
          } catch (Exception serverGone) {
            return; // the outcome of the request in flight is unknown; it is not counted
          }
        }
      }, "durability-writer");
      writer.start();
      while (acks.get() < KILL_AFTER_ACKS && writer.isAlive()) {
        Thread.sleep(5);
      }
      server.kill();
      writer.join(120_000);
      assertThat(writer.isAlive()).isFalse();
      assertThat(unexpected.get()).isZero();
      assertThat(acks.get()).as("the kill came mid-stream").isBetween(KILL_AFTER_ACKS, MAX_WRITES - 1);

      System.out.printf("DurabilityIT: killed after %d acknowledged rounds (%d creates)%n", acks.get(), acked.size());
      server.start();
      // the new process found the killed one's PostgreSQL still running and stopped it first
      assertThat(server.log()).contains("event=embedded_db_orphan");

      for (Map.Entry<String, String> e : acked.entrySet()) {
        JsonNode f = server.json("/dirs/d/files/" + e.getKey() + "$details");
        assertThat(f.path("name").asText()).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(f.path("labels").path("i").asText()).isEqualTo(e.getKey().substring(1));
      }
      long counter = Long.parseLong(server.json("/dirs/d/files/counter$details").path("description").asText());
      // the last acknowledged value, or the one in flight at the kill (committed but not acknowledged)
      assertThat(counter).isIn(counterAcked.get(), counterAcked.get() + 1);

      // consistency: the Group's count equals what its collection lists, every listed entity reads back
      long listed = 0;
      String url = "/dirs/d/files?limit=500";
      while (url != null) {
        HttpResponse<String> page = server.get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        for (Iterator<Map.Entry<String, JsonNode>> it = XregServer.JSON.readTree(page.body()).fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          assertThat(e.getValue().path("versionscount").asLong()).isEqualTo(1);
          listed++;
        }
        url = page.headers().allValues("Link").stream().filter(l -> l.endsWith("rel=next") || l.contains(";rel=next;"))
            .map(l -> l.substring(l.indexOf('<') + 1 + server.base().length(), l.indexOf('>'))).findFirst().orElse(null);
      }
      assertThat(server.json("/dirs/d").path("filescount").asLong()).isEqualTo(listed);
      assertThat(listed).isGreaterThanOrEqualTo(acked.size() + 1).isLessThanOrEqualTo(acked.size() + 2);
    }
  }
}
