package dev.xreg.storage.oci;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The garbage collector's statements on the OCI tables, and the one step of a manifest push
 * that keeps them safe while pushes run.
 *
 * <p>The protocol between a push and the sweep, per blob link row: a manifest PUT takes a share
 * lock on every link it references ({@link #holdLinks}) before it checks they exist and records
 * the references. The sweep locks its candidates {@code FOR UPDATE SKIP LOCKED}, so it passes over
 * links a push holds, and then, in a second statement (a fresh snapshot in READ COMMITTED, taken
 * after its locks were granted), deletes only those still unreferenced. A push that commits before
 * the sweep locks is seen by that second statement; a push that comes later waits for the sweep's
 * commit, finds the link gone and answers {@code MANIFEST_BLOB_UNKNOWN}, so no manifest ever
 * references a link the sweep removed.
 */
final class Sweep {
  /** Rows per transaction: bounds lock time and memory however large the registry is. */
  static final int BATCH = 500;

  private final Pool pool;

  Sweep(Pool pool) {
    this.pool = pool;
  }

  /** One batch of removed links, and where the next batch starts. */
  record LinkBatch(int removed, int candidates, long lastRepository, String lastDigest) {
  }

  /** Uploads whose session rows were deleted: their IDs and recorded sizes. */
  record Expired(List<String> ids, long bytes) {
  }

  /**
   * The push side of the protocol: share-locks the repository's links to {@code digests} until
   * the caller's transaction ends, so the sweep cannot remove them between the check and the commit.
   */
  static Future<Void> holdLinks(SqlConnection conn, long repositoryId, String[] digests) {
    if (digests.length == 0) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM oci_blob_link WHERE repository_id = $1 AND digest = ANY($2::text[])"
            + " ORDER BY digest FOR SHARE")
        .execute(Tuple.tuple().addLong(repositoryId).addArrayOfString(digests)).mapEmpty();
  }

  /**
   * Removes, in one transaction, up to {@link #BATCH} links after ({@code afterRepository},
   * {@code afterDigest}) in key order that no manifest of their repository references and that
   * are older than {@code graceSeconds}.
   */
  Future<LinkBatch> unreferencedLinks(long afterRepository, String afterDigest, int graceSeconds) {
    return pool.withTransaction(conn -> conn.preparedQuery(
            "SELECT l.repository_id, l.digest FROM oci_blob_link l"
                + " WHERE (l.repository_id, l.digest) > ($1, $2)"
                + " AND l.created_at < now() - make_interval(secs => $3)"
                + " AND NOT EXISTS (SELECT 1 FROM oci_manifest_blob b"
                + "   WHERE b.repository_id = l.repository_id AND b.blob_digest = l.digest)"
                + " ORDER BY l.repository_id, l.digest LIMIT $4 FOR UPDATE OF l SKIP LOCKED")
        .execute(Tuple.of(afterRepository, afterDigest, graceSeconds, BATCH))
        .compose(locked -> {
          if (locked.size() == 0) {
            return Future.succeededFuture(new LinkBatch(0, 0, afterRepository, afterDigest));
          }
          Long[] repositories = new Long[locked.size()];
          String[] digests = new String[locked.size()];
          int i = 0;
          for (Row row : locked) {
            repositories[i] = row.getLong(0);
            digests[i++] = row.getString(1);
          }
          long lastRepository = repositories[i - 1];
          String lastDigest = digests[i - 1];
          // a new statement, so a reference committed while the locks were taken is seen
          return conn.preparedQuery("DELETE FROM oci_blob_link l USING unnest($1::bigint[], $2::text[]) AS c (r, d)"
                  + " WHERE l.repository_id = c.r AND l.digest = c.d AND NOT EXISTS (SELECT 1 FROM oci_manifest_blob b"
                  + "   WHERE b.repository_id = l.repository_id AND b.blob_digest = l.digest)")
              .execute(Tuple.tuple().addArrayOfLong(repositories).addArrayOfString(digests))
              .map(rs -> new LinkBatch(rs.rowCount(), locked.size(), lastRepository, lastDigest));
        }));
  }

  /**
   * Of {@code digests}, those something still needs: a link in any repository, or a manifest
   * that names the blob (a blob deleted from a repository with OCI-026 while a manifest there
   * still lists it keeps its bytes, as distribution's mark phase keeps every referenced blob).
   */
  Future<Set<String>> stillReferenced(List<String> digests) {
    return pool.preparedQuery("SELECT d FROM unnest($1::text[]) AS d"
            + " WHERE EXISTS (SELECT 1 FROM oci_blob_link l WHERE l.digest = d)"
            + " OR EXISTS (SELECT 1 FROM oci_manifest_blob b WHERE b.blob_digest = d)")
        .execute(Tuple.tuple().addArrayOfString(digests.toArray(String[]::new)))
        .map(rs -> {
          Set<String> out = new HashSet<>();
          rs.forEach(row -> out.add(row.getString(0)));
          return out;
        });
  }

  /**
   * Deletes up to {@link #BATCH} session rows idle for longer than {@code ttlSeconds}. Rows a
   * chunk is updating right now are skipped; a chunk that lands after the delete updates
   * nothing, and its next request meets {@code BLOB_UPLOAD_UNKNOWN}.
   */
  Future<Expired> expiredUploads(int ttlSeconds) {
    return pool.preparedQuery("DELETE FROM oci_upload WHERE id IN (SELECT id FROM oci_upload"
            + " WHERE updated_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id, size")
        .execute(Tuple.of(ttlSeconds, BATCH))
        .map(rs -> {
          List<String> ids = new ArrayList<>(rs.size());
          long bytes = 0;
          for (Row row : rs) {
            ids.add(row.getString(0));
            bytes += row.getLong(1);
          }
          return new Expired(ids, bytes);
        });
  }

  /** Of {@code uploadIds}, those with a session row (an upload the API still tracks). */
  Future<Set<String>> tracked(List<String> uploadIds) {
    return pool.preparedQuery("SELECT id FROM oci_upload WHERE id = ANY($1::text[])")
        .execute(Tuple.tuple().addArrayOfString(uploadIds.toArray(String[]::new)))
        .map(rs -> {
          Set<String> out = new HashSet<>();
          rs.forEach(row -> out.add(row.getString(0)));
          return out;
        });
  }
}
