package dev.xreg.storage.pg;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.RegistryStoreContract;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract against an external PostgreSQL given by {@code XREG_TEST_DB_URL}
 * ({@code postgresql://user:pw@host:port/db}); each test uses a schema of its own there and
 * drops it. {@code .ci/run} sets the variable (Debian's PostgreSQL), so CI runs both modes.
 */
@EnabledIfEnvironmentVariable(named = PgTestDatabase.EXTERNAL_URL_ENV, matches = ".+")
class ExternalPgRegistryStoreTest extends RegistryStoreContract {
  private final PgTestDatabase db = PgTestDatabase.external();
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
