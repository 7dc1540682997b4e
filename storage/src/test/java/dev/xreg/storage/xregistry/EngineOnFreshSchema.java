package dev.xreg.storage.xregistry;

import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.pg.PgTestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * An engine test on a schema of its own in the embedded PostgreSQL: commands run as the storage
 * verticle runs them, on one event-loop context ({@link #loop}); the test starts the
 * {@link #engine} with the options it needs ({@link #startEngine}), and everything is closed and
 * the schema dropped after it.
 */
abstract class EngineOnFreshSchema {
  private final PgTestDatabase db = PgTestDatabase.embedded();
  Vertx vertx;
  PgConnectOptions schema;
  Context loop;
  StorageOptions options;
  PgRegistryStore store;
  Validation validation;
  Engine engine;

  @BeforeEach
  void openSchema() {
    vertx = Vertx.vertx();
    schema = db.freshSchema(vertx);
    loop = vertx.getOrCreateContext();
  }

  /** Starts a store and an engine with {@code o} on the schema (after {@link #stopEngine} to restart). */
  void startEngine(StorageOptions o) throws Exception {
    options = o;
    store = new PgRegistryStore(vertx, schema, 8, o.getMaxSnapshots());
    await(store.migrate());
    validation = Validation.onWorkers(vertx, o);
    engine = new Engine(vertx, store, o, new RequestExecutor(store, o, validation));
  }

  void stopEngine() throws Exception {
    await(validation.close());
    await(store.close());
    validation = null;
    store = null;
  }

  @AfterEach
  void closeAll() throws Exception {
    if (store != null) {
      stopEngine();
    }
    db.dropSchema(vertx, schema);
    await(vertx.close());
  }

  /** Runs {@code work} on the engine's event loop without waiting. */
  <T> CompletableFuture<T> onLoop(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> {
      try {
        work.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future().toCompletionStage().toCompletableFuture();
  }

  /** Runs {@code work} on the engine's event loop and waits for its result. */
  <T> T run(Supplier<Future<T>> work) throws Exception {
    return unwrapped(onLoop(work));
  }

  static <T> T await(Future<T> f) throws Exception {
    return unwrapped(f.toCompletionStage().toCompletableFuture());
  }

  /** The result, or the failure with its cause's text on top (what a failed assertion shows). */
  private static <T> T unwrapped(CompletableFuture<T> f) throws Exception {
    try {
      return f.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ExecutionException(e.getCause().toString(), e.getCause());
    }
  }
}
