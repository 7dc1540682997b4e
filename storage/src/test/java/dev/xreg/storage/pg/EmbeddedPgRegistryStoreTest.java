package dev.xreg.storage.pg;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.RegistryStoreContract;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/** The store contract against the embedded PostgreSQL (the default database). */
class EmbeddedPgRegistryStoreTest extends RegistryStoreContract {
  private final PgTestDatabase db = PgTestDatabase.embedded();
  private PgConnectOptions schema;

  @Override
  protected RegistryStore openEmptyStore(Vertx vertx) {
    schema = db.freshSchema(vertx);
    return new PgRegistryStore(vertx, schema, 8);
  }

  @Override
  protected RegistryStore openSecondNode(Vertx vertx) {
    return new PgRegistryStore(vertx, schema, 4);
  }

  @Override
  protected void dropStorage(Vertx vertx) {
    db.dropSchema(vertx, schema);
  }
}
