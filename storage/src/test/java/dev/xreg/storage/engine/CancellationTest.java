package dev.xreg.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The word that a command's client is gone (issue 15): once, to whoever still listens, where they listen. */
class CancellationTest {

  @Test
  void cancelRunsEachRegisteredActionOnceAndNoRemovedOne() {
    Cancellation c = new Cancellation("GET /x");
    AtomicInteger kept = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    c.onCancel(kept::incrementAndGet);
    c.onCancel(removed::incrementAndGet).remove();
    assertThat(c.isCancelled()).isFalse();
    c.cancel();
    c.cancel();
    assertThat(c.isCancelled()).isTrue();
    assertThat(kept).hasValue(1);
    assertThat(removed).hasValue(0);
  }

  @Test
  void anActionRegisteredAfterTheCancelRunsAtOnce() {
    Cancellation c = new Cancellation("GET /x");
    c.cancel();
    AtomicInteger ran = new AtomicInteger();
    c.onCancel(ran::incrementAndGet);
    assertThat(ran).hasValue(1);
  }

  @Test
  void noneIsNeverCancelled() {
    AtomicInteger ran = new AtomicInteger();
    Cancellation.NONE.onCancel(ran::incrementAndGet);
    Cancellation.NONE.cancel();
    assertThat(Cancellation.NONE.isCancelled()).isFalse();
    assertThat(ran).hasValue(0);
  }

  /** Cancelled from one event loop (the HTTP connection's), the action runs on the one that registered it. */
  @Test
  void theActionRunsOnTheContextThatRegisteredIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context storage = vertx.getOrCreateContext();
      Context http = vertx.getOrCreateContext();
      Cancellation c = new Cancellation("GET /x");
      CompletableFuture<Context> ranOn = new CompletableFuture<>();
      CompletableFuture<Void> registered = new CompletableFuture<>();
      storage.runOnContext(v -> {
        c.onCancel(() -> ranOn.complete(Vertx.currentContext()));
        registered.complete(null);
      });
      registered.get(30, TimeUnit.SECONDS);
      http.runOnContext(v -> c.cancel());
      assertThat(ranOn.get(30, TimeUnit.SECONDS)).isSameAs(storage).isNotSameAs(http);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
