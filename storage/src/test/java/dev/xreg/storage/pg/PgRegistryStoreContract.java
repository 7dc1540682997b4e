package dev.xreg.storage.pg;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.RegistryStoreContract;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The store contract on one PostgreSQL: each test opens a fresh schema there (two nodes share
 * it, with pools of their own) and drops it afterwards. Subclasses say which database.
 */
abstract class PgRegistryStoreContract extends RegistryStoreContract {
  private final PgTestDatabase db;
  private PgConnectOptions schema;

  PgRegistryStoreContract(PgTestDatabase db) {
    this.db = db;
  }

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
