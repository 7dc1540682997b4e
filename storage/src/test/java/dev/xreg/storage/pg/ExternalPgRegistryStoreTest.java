package dev.xreg.storage.pg;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract against an external PostgreSQL given by {@code XREG_TEST_DB_URL}
 * ({@code postgresql://user:pw@host:port/db}); each test uses a schema of its own there and
 * drops it. {@code .ci/run} sets the variable (Debian's PostgreSQL), so CI runs both modes.
 */
@EnabledIfEnvironmentVariable(named = PgTestDatabase.EXTERNAL_URL_ENV, matches = ".+")
class ExternalPgRegistryStoreTest extends PgRegistryStoreContract {
  ExternalPgRegistryStoreTest() {
    super(PgTestDatabase.external());
  }
}
