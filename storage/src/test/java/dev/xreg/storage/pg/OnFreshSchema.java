package dev.xreg.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store test on a schema of its own in the embedded PostgreSQL: each test gets a freshly
 * migrated {@link #store}, and the schema is dropped after it, so tests never see each other's rows.
 */
abstract class OnFreshSchema {
  static final PgTestDatabase DB = PgTestDatabase.embedded();
  static Vertx vertx;
  PgConnectOptions schema;
  PgRegistryStore store;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void openStore() throws Exception {
    schema = DB.freshSchema(vertx);
    store = new PgRegistryStore(vertx, schema, 4);
    await(store.migrate());
  }

  @AfterEach
  void dropSchema() throws Exception {
    await(store.close());
    DB.dropSchema(vertx, schema);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
