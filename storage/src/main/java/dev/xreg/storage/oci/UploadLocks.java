package dev.xreg.storage.oci;

import dev.xreg.storage.blob.BlobException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write at a time per upload session, across the nodes of a cluster (issue 18): a chunk or
 * the closing PUT holds the upload's lock while its bytes flow. Across nodes the lock is a
 * PostgreSQL session-level advisory lock on this node's own connection, so it dies with the
 * node: a node killed mid-chunk never leaves the upload blocked for the client that resumes it
 * (PostgreSQL releases the lock when the connection drops). A session's advisory locks nest,
 * so writers on this node are kept apart by a set of their own first.
 */
public final class UploadLocks {
  /** No locking at all (tests of the store alone). */
  public static final UploadLocks NONE = new UploadLocks(null, null);

  private static final Logger LOG = LoggerFactory.getLogger(UploadLocks.class);
  /** The first key of the two-key form, "upld": the two-key space never meets the one-key locks (GC). */
  private static final int UPLOADS = 0x75706c64;

  private final Vertx vertx;
  private final PgConnectOptions connect;
  private final Set<String> writing = ConcurrentHashMap.newKeySet();
  private volatile Future<PgConnection> connection;

  public UploadLocks(Vertx vertx, PgConnectOptions connect) {
    this.vertx = vertx;
    this.connect = connect == null ? null : new PgConnectOptions(connect);
    if (this.connect != null) {
      this.connect.setMetricsName("xreg-upload-locks");
    }
  }

  /** Takes the lock of {@code uploadId}; fails as out of order while another request writes to it. */
  public Future<Void> lock(String uploadId) {
    if (!writing.add(uploadId)) {
      return Future.failedFuture(busy(uploadId));
    }
    if (connect == null) {
      return Future.succeededFuture();
    }
    return connection()
        .compose(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(UPLOADS, key(uploadId))))
        .compose(rs -> rs.iterator().next().getBoolean(0) ? Future.<Void>succeededFuture()
            : Future.failedFuture(busy(uploadId)))
        .onFailure(e -> writing.remove(uploadId));
  }

  /** Gives the lock of {@code uploadId} back; a no-op for one this node does not hold. */
  public Future<Void> unlock(String uploadId) {
    if (!writing.remove(uploadId) || connect == null) {
      return Future.succeededFuture();
    }
    Future<PgConnection> c = connection;
    if (c == null || c.failed()) {
      return Future.succeededFuture(); // the connection is gone, and its locks with it
    }
    return c.compose(open -> open.preparedQuery("SELECT pg_advisory_unlock($1, $2)")
        .execute(Tuple.of(UPLOADS, key(uploadId)))).mapEmpty();
  }

  public Future<Void> close() {
    Future<PgConnection> c = connection;
    return c == null ? Future.succeededFuture() : c.compose(PgConnection::close).recover(e -> Future.succeededFuture());
  }

  /**
   * The lock connection, opened on first use and again after it was lost. While it was lost,
   * writes of this node that were in flight are no longer locked against other nodes (logged).
   */
  private synchronized Future<PgConnection> connection() {
    if (connection == null || connection.failed()) {
      connection = PgConnection.connect(vertx, connect).onSuccess(c -> c.closeHandler(v -> {
        synchronized (this) {
          connection = null;
        }
        if (!writing.isEmpty()) {
          LOG.warn("event=upload_locks_lost in_flight={}", writing.size());
        }
      }));
    }
    return connection;
  }

  private static BlobException busy(String uploadId) {
    return new BlobException(BlobException.Kind.OUT_OF_ORDER, "another request is writing to upload " + uploadId
        + "; send the chunk again from the offset in Range once that one is answered");
  }

  /** 32 bits of SHA-256 of the upload ID: two IDs sharing a key (1 in 4 billion) only refuse each other's concurrent writes. */
  static int key(String uploadId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(uploadId.getBytes(StandardCharsets.UTF_8));
      return (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | d[3] & 0xff;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
