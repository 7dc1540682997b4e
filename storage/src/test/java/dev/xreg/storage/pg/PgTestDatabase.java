package dev.xreg.storage.pg;

import dev.xreg.storage.embedded.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL for storage tests: the embedded one (started once per test JVM in a temporary
 * directory) or an external one from {@code XREG_TEST_DB_URL}. Each store a test opens lives
 * in a schema of its own ({@code search_path}), so tests are isolated and never touch
 * anything else in an external database; the schema is dropped when the test is done.
 */
public final class PgTestDatabase {
  public static final String EXTERNAL_URL_ENV = "XREG_TEST_DB_URL";
  private static EmbeddedDatabase embedded;

  private final PgConnectOptions server;

  private PgTestDatabase(PgConnectOptions server) {
    this.server = server;
  }

  public static synchronized PgTestDatabase embedded() {
    if (embedded == null) {
      try {
        Path dir = Files.createTempDirectory("xreg-storage-test-");
        embedded = EmbeddedDatabase.start(dir);
        EmbeddedDatabase started = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
            deleteTree(dir);
          } catch (IOException ignored) {
            // the JVM is going away; the directory is temporary
          }
        }, "xreg-test-embedded-pg-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new PgTestDatabase(embedded.connectOptions());
  }

  /** Removes the test cluster's directory (the scale test leaves about 1 GB of data and WAL there). */
  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public static PgTestDatabase external() {
    String url = System.getenv(EXTERNAL_URL_ENV);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(EXTERNAL_URL_ENV + " is not set");
    }
    return new PgTestDatabase(PgConnectOptions.fromUri(url));
  }

  /** A new empty schema; connections made with the returned options use only it. */
  public PgConnectOptions freshSchema(Vertx vertx) {
    String schema = "xreg_test_" + UUID.randomUUID().toString().replace("-", "");
    admin(vertx, "CREATE SCHEMA " + schema);
    return new PgConnectOptions(server).setProperties(Map.of("search_path", schema));
  }

  public void dropSchema(Vertx vertx, PgConnectOptions options) {
    String schema = options.getProperties().get("search_path");
    if (schema != null && schema.startsWith("xreg_test_")) {
      admin(vertx, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void admin(Vertx vertx, String sql) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(server).using(vertx).build();
    try {
      pool.query(sql).execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(sql + " failed", e);
    } finally {
      pool.close();
    }
  }
}
