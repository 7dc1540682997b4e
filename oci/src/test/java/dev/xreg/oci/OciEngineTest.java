package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.api.ApiContext;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.engine.LocalCodec;
import dev.xreg.storage.engine.Ping;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine future is shared by all server verticles; OCI handlers must still get their
 * replies on their own context, where their request streams live.
 */
class OciEngineTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void repliesArriveOnTheCallersContextNotOnTheOneThatMadeTheEngineFuture() throws Exception {
    vertx.eventBus().<Object>consumer("test.engine", msg -> msg.reply(new Ping(), LocalCodec.DELIVERY));
    EngineClient client = new EngineClient(vertx, "test.engine", 5_000);

    // Storage deployment completes the shared engine future on a context of its own.
    Context deployer = vertx.getOrCreateContext();
    CompletableFuture<Future<EngineClient>> shared = new CompletableFuture<>();
    deployer.runOnContext(v -> shared.complete(vertx.timer(1).map(client)));
    Future<EngineClient> engine = shared.get(5, TimeUnit.SECONDS);
    engine.await(5, TimeUnit.SECONDS);

    OciEngine oci = new OciEngine(new ApiContext(vertx, engine, null));
    Context verticle = vertx.getOrCreateContext();
    CompletableFuture<Context> ranOn = new CompletableFuture<>();
    verticle.runOnContext(v -> oci.send(new Ping())
        .onComplete(r -> ranOn.complete(Vertx.currentContext())));

    assertThat(ranOn.get(5, TimeUnit.SECONDS)).isSameAs(verticle).isNotSameAs(deployer);
  }
}
