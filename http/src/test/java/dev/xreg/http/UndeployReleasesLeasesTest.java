package dev.xreg.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.http.impl.StorageDeployment;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.events.LeaseSubscriptions;
import dev.xreg.storage.events.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 (docs/events.md "A normal stop gives the leases back"), the way Main stops: undeploying
 * the xreg verticle while a long delivery round is in flight, to a slow sink, waits one delivery
 * timeout for it, then gives the subscription's lease back before the verticle is gone, while
 * storage still runs. Another node may lease it at once, not after the lease's (20 + 2) x 10 s + 10 s.
 */
class UndeployReleasesLeasesTest {
  private static final String HOST = "127.0.0.1";
  private static final String ADDRESS = "xreg.storage.undeploy.leases";
  /** Far below the 230 s a lease left behind would hold the subscription (default delivery timeout). */
  private static final long TAKE_OVER_BOUND_MS = 60_000;
  private static final long SLOW_SINK_MS = 5_000;
  /** 15 x 5 s: the round in flight would hold its lease past TAKE_OVER_BOUND_MS if not cut and released. */
  private static final int EVENTS = 15;

  @TempDir
  Path dataDir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void undeployingDuringADeliveryGivesTheLeaseBack() throws Exception {
    Promise<Void> posted = Promise.promise();
    // answers the handshake at once and each delivery after SLOW_SINK_MS, within the delivery
    // timeout: a round of EVENTS deliveries outlasts both the stop's wait and TAKE_OVER_BOUND_MS
    HttpServer sink = await(vertx.createHttpServer().requestHandler(req -> {
      if (req.method() == HttpMethod.OPTIONS) {
        req.response().putHeader("WebHook-Allowed-Origin", "*").end();
      } else {
        posted.tryComplete();
        vertx.setTimer(SLOW_SINK_MS, t -> req.response().end());
      }
    }).listen(0, HOST));
    int port = freePort();
    XRegistryOptions options = new XRegistryOptions().setHost(HOST).setPort(port).setInstances(1)
        .setStorage(new StorageOptions().setAddress(ADDRESS).setDataDir(dataDir.toString()).setPoolSize(4))
        .setEventSettings(Map.of("XREG_EVENTS_ALLOWED_SINKS", "127.0.0.1/32", "XREG_EVENTS_POLL_MS", "100"));
    // storage first, on its own, as Main does: a storage the verticle deployed itself would be its
    // child, which Vert.x undeploys before the verticle's stop runs (then leases expire, as after a crash)
    await(StorageDeployment.ensure(vertx, options));
    String deployment = await(vertx.deployVerticle(new XRegistryVerticle(options)));
    WebClient client = WebClient.create(vertx);
    assertThat(await(send(client, port, HttpMethod.PUT, "/modelsource",
        "{\"groups\":{\"dirs\":{\"singular\":\"dir\"}}}")).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> created = await(send(client, port, HttpMethod.POST, "/-/subscriptions",
        "{\"sink\":\"http://127.0.0.1:" + sink.actualPort() + "/hook\",\"protocol\":\"HTTP\"}"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    for (int i = 0; i < EVENTS; i++) {
      assertThat(await(send(client, port, HttpMethod.PUT, "/dirs/d" + i, "{}")).statusCode()).isEqualTo(201);
    }
    await(posted.future());

    await(vertx.undeploy(deployment));

    // storage still runs (its own deployment): a second node asks for the subscription
    EngineClient engine = new EngineClient(vertx, ADDRESS, 10_000);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TAKE_OVER_BOUND_MS);
    List<Subscription> taken = List.of();
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      // without the release, the old round would record (and free the lease) only after EVENTS x SLOW_SINK_MS
      taken = await(engine.send(new LeaseSubscriptions("another-node", 10, Duration.ofMinutes(1))));
      if (taken.isEmpty()) {
        Thread.sleep(200);
      }
    }
    assertThat(taken).as("the stopped node's lease was given back").extracting(Subscription::id).containsExactly(id);
  }

  private static Future<HttpResponse<Buffer>> send(WebClient client, int port, HttpMethod method, String path,
      String json) {
    return client.request(method, port, HOST, path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(json));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
