package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.pg.PgTestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One write at a time per upload (issue 18): within a node, across two nodes on one database,
 * and a node's locks die with it (its connection), so a resuming client is never blocked by a
 * node that crashed mid-chunk.
 */
class UploadLocksTest {
  private static final PgTestDatabase DB = PgTestDatabase.embedded();
  private static Vertx vertx;
  private static PgConnectOptions connect;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    connect = DB.freshSchema(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    DB.dropSchema(vertx, connect);
    await(vertx.close());
  }

  @Test
  void aSecondWriterOnTheSameNodeIsRefusedUntilTheFirstUnlocks() throws Exception {
    UploadLocks node = new UploadLocks(vertx, connect);
    await(node.lock("u1"));
    assertThat(outOfOrder(node.lock("u1"))).isTrue();
    await(node.lock("u2")); // another upload is not held up
    await(node.unlock("u1"));
    await(node.lock("u1"));
    await(node.close());
  }

  @Test
  void aWriterOnAnotherNodeIsRefusedAndALockDiesWithItsNode() throws Exception {
    UploadLocks a = new UploadLocks(vertx, connect);
    UploadLocks b = new UploadLocks(vertx, connect);
    await(a.lock("shared"));
    assertThat(outOfOrder(b.lock("shared"))).isTrue();
    await(a.close()); // node A gone: PostgreSQL releases what its connection held
    await(b.lock("shared"));
    await(b.unlock("shared"));
    await(b.close());
  }

  private static boolean outOfOrder(Future<Void> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return false;
    } catch (ExecutionException e) {
      return e.getCause() instanceof BlobException b && b.kind() == BlobException.Kind.OUT_OF_ORDER;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
