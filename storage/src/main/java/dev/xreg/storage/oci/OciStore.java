package dev.xreg.storage.oci;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.ContentInvalid;
import dev.xreg.storage.content.Descriptor;
import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.Referrers;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.content.TagPage;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.oci.ContentUnknown.What;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.xregistry.ImageVersion;
import dev.xreg.storage.xregistry.OciView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI content metadata in PostgreSQL (migration V4): repositories, blob links, manifests with
 * what they reference, tags and upload sessions. Every method is one unit of work: a write runs in
 * one transaction, so a manifest push, a tag move or a delete is all or nothing; a read is one
 * statement where it can be. Blob bytes never pass through here.
 */
public final class OciStore {
  private static final Logger LOG = LoggerFactory.getLogger(OciStore.class);
  /** One write at a time per upload session, across nodes (issue 18). */
  private final UploadLocks locks;
  private final Pool pool;
  /** With {@link #view}: runs manifest and tag writes in one transaction with their xRegistry view. */
  private final PgRegistryStore store;
  private final OciView view;

  /** A store without the xRegistry view (its writes never show under /namespaces). */
  public OciStore(Pool pool) {
    this.pool = pool;
    this.store = null;
    this.view = null;
    this.locks = UploadLocks.NONE;
  }

  /**
   * A store whose manifest pushes and tag and manifest deletes also change the xRegistry view
   * (model {@code oci}), in the same transaction, whenever the registry's model has it.
   */
  public OciStore(PgRegistryStore store, OciView view, UploadLocks locks) {
    this.pool = store.pool();
    this.store = store;
    this.view = view;
    this.locks = locks;
  }

  /**
   * Runs {@code work} in one transaction; with the view, {@code tx} is the entity tree's side of
   * it (null without), and conflicts on the view's rows retry the whole unit.
   */
  private <T> Future<T> withView(BiFunction<SqlConnection, StoreTx, Future<T>> work) {
    return store == null ? pool.withTransaction(conn -> work.apply(conn, null))
        : store.inTransactionWithConnection(work);
  }

  /**
   * As {@link #inTransaction}, with the entity tree's side of the transaction ({@code tx}, null
   * without the view) for another API's xRegistry view: the App Registry's packages.
   */
  public <T> Future<T> inTransactionWithView(BiFunction<SqlConnection, StoreTx, Future<T>> work) {
    return withView(work);
  }

  // ----------------------------------------------------------------------------- repositories

  /**
   * Runs {@code work} in one transaction on this store's pool, for operations of other APIs over
   * the same content (the App Registry's releases) that compose the connection-scoped steps here.
   */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  /** The repository's row ID, creating the repository on first use (a push or an upload). */
  public static Future<Long> ensureRepository(SqlConnection conn, RepositoryName name) {
    // DO NOTHING takes no row lock; a concurrent creator's row is visible to the next statement
    return conn.preparedQuery("INSERT INTO oci_repository (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id")
        .execute(Tuple.of(name.value()))
        .compose(rs -> rs.size() > 0 ? Future.succeededFuture(rs.iterator().next().getLong(0))
            : repositoryId(conn, name).map(Optional::orElseThrow));
  }

  private static Future<Optional<Long>> repositoryId(SqlConnection conn, RepositoryName name) {
    return conn.preparedQuery("SELECT id FROM oci_repository WHERE name = $1").execute(Tuple.of(name.value()))
        .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(rs.iterator().next().getLong(0)));
  }

  /** {@code _catalog} (OCI-032): repository names in byte order, after {@code last}, at most {@code n}. */
  public Future<TagPage> catalog(Integer n, String last) {
    return pool.preparedQuery("SELECT name FROM oci_repository WHERE name > $1 ORDER BY name LIMIT $2")
        .execute(Tuple.of(last == null ? "" : last, n == null ? Long.MAX_VALUE : n + 1L))
        .map(rs -> TagPage.fromSortedTail(strings(rs), n));
  }

  // ----------------------------------------------------------------------------- blobs

  /** The size of the blob as linked into the repository, empty when the repository cannot read it (OCI-005). */
  public Future<Optional<Long>> statBlob(RepositoryName repository, Digest digest) {
    return pool.preparedQuery("SELECT l.size FROM oci_blob_link l JOIN oci_repository r ON r.id = l.repository_id"
            + " WHERE r.name = $1 AND l.digest = $2")
        .execute(Tuple.of(repository.value(), digest.toString()))
        .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(rs.iterator().next().getLong(0)));
  }

  /** Makes a stored blob readable in the repository (a finished single-request upload). */
  public Future<Void> linkBlob(RepositoryName repository, Digest digest, long size) {
    return pool.withTransaction(conn -> ensureRepository(conn, repository).compose(id -> link(conn, id, digest, size)));
  }

  /** Links a stored blob into the repository, inside the caller's transaction. */
  public static Future<Void> link(SqlConnection conn, long repositoryId, Digest digest, long size) {
    return conn.preparedQuery("INSERT INTO oci_blob_link (repository_id, digest, size) VALUES ($1, $2, $3)"
            + " ON CONFLICT (repository_id, digest) DO UPDATE SET created_at = now()")
        .execute(Tuple.of(repositoryId, digest.toString(), size)).mapEmpty();
  }

  /**
   * Cross-repository mount (OCI-016): links the blob into {@code repository} if {@code from} can
   * read it, or, with no {@code from} (an anonymous mount), if any repository can.
   *
   * @return the blob's size when mounted; empty when the source does not hold it
   */
  public Future<Optional<Long>> mountBlob(RepositoryName repository, Digest digest, RepositoryName from) {
    return pool.withTransaction(conn -> {
      Future<RowSet<Row>> source = from == null
          ? conn.preparedQuery("SELECT size FROM oci_blob_link WHERE digest = $1 LIMIT 1 FOR SHARE").execute(Tuple.of(digest.toString()))
          : conn.preparedQuery("SELECT l.size FROM oci_blob_link l JOIN oci_repository r ON r.id = l.repository_id"
              + " WHERE r.name = $1 AND l.digest = $2 FOR SHARE OF l").execute(Tuple.of(from.value(), digest.toString()));
      return source.compose(rs -> {
        if (rs.size() == 0) {
          return Future.succeededFuture(Optional.<Long>empty());
        }
        long size = rs.iterator().next().getLong(0);
        return ensureRepository(conn, repository).compose(id -> link(conn, id, digest, size)).map(v -> Optional.of(size));
      });
    });
  }

  /** Blob delete (OCI-026): the repository can no longer read it; the bytes go when nothing links them. */
  public Future<Void> unlinkBlob(RepositoryName repository, Digest digest) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM oci_blob_link l USING oci_repository r"
            + " WHERE r.id = l.repository_id AND r.name = $1 AND l.digest = $2")
        .execute(Tuple.of(repository.value(), digest.toString()))
        .compose(rs -> rs.rowCount() > 0 ? OciEvents.blobDeleted(conn, repository, digest.toString())
            : Future.failedFuture(ContentUnknown.failure(What.BLOB, repository.value(),
                "blob " + digest + " is not in " + repository))));
  }

  // ----------------------------------------------------------------------------- uploads

  /** Records a new upload session in the repository, whose bytes the BlobStore keeps under {@code uploadId}. */
  public Future<Void> startUpload(RepositoryName repository, String uploadId) {
    return pool.withTransaction(conn -> ensureRepository(conn, repository)
        .compose(id -> conn.preparedQuery("INSERT INTO oci_upload (id, repository_id) VALUES ($1, $2)")
            .execute(Tuple.of(uploadId, id)))
        .mapEmpty());
  }

  /** The session, if it exists in this repository (an ID of another repository is unknown here). */
  public Future<Upload> upload(RepositoryName repository, String uploadId) {
    return pool.preparedQuery("SELECT u.size, u.started_at FROM oci_upload u JOIN oci_repository r ON r.id = u.repository_id"
            + " WHERE u.id = $1 AND r.name = $2")
        .execute(Tuple.of(uploadId, repository.value()))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.failedFuture(ContentUnknown.failure(What.UPLOAD, repository.value(),
                "no upload " + uploadId + " in progress in " + repository));
          }
          Row row = rs.iterator().next();
          return Future.succeededFuture(new Upload(uploadId, repository.value(), row.getLong("size"),
              row.getOffsetDateTime("started_at").toInstant()));
        });
  }

  /** Takes the upload's write lock, once the session is known to be in progress in the repository. */
  public Future<Void> lockUpload(RepositoryName repository, String uploadId) {
    return upload(repository, uploadId).compose(u -> locks.lock(uploadId));
  }

  public Future<Void> unlockUpload(String uploadId) {
    return locks.unlock(uploadId);
  }

  /** Records the upload's size after an acknowledged chunk; also what keeps it from looking abandoned. */
  public Future<Void> uploadProgress(String uploadId, long size) {
    return pool.preparedQuery("UPDATE oci_upload SET size = $2, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(uploadId, size)).mapEmpty();
  }

  /** Ends the session and links the committed blob into its repository, in one transaction. */
  public Future<Void> finishUpload(RepositoryName repository, String uploadId, Digest digest, long size) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM oci_upload WHERE id = $1 RETURNING repository_id")
        .execute(Tuple.of(uploadId))
        .compose(rs -> rs.size() > 0 ? Future.succeededFuture(rs.iterator().next().getLong(0))
            : ensureRepository(conn, repository)) // the row went (cancelled concurrently): the blob is still verified
        .compose(id -> link(conn, id, digest, size)));
  }

  /** Ends the session (cancel, or a failed commit that discarded the bytes). */
  public Future<Boolean> endUpload(RepositoryName repository, String uploadId) {
    return pool.preparedQuery("DELETE FROM oci_upload u USING oci_repository r"
            + " WHERE r.id = u.repository_id AND u.id = $1 AND r.name = $2")
        .execute(Tuple.of(uploadId, repository.value()))
        .map(rs -> rs.rowCount() > 0);
  }

  // ----------------------------------------------------------------------------- manifests

  /**
   * Stores a pushed manifest and, with {@code tag}, points the tag at it (OCI-018), in one
   * transaction. Everything it references must be in the repository already, except its
   * {@code subject} and foreign layers (descriptors with {@code urls}).
   */
  public Future<Void> putManifest(RepositoryName repository, String digest, byte[] content, Manifest manifest,
      String tag) {
    return withView((conn, tx) -> putManifest(conn, tx, repository, digest, content, manifest, tag)
        .compose(v -> OciEvents.manifestPushed(conn, repository, digest, manifest.mediaType(), content.length, tag))
        .map(v -> {
          if (tag != null) {
            RepositoryChanges.record(tx, repository); // the tag may have moved: cached tag reads go
          }
          return v;
        }));
  }

  /**
   * As {@link #putManifest(RepositoryName, String, byte[], Manifest, String)}, inside the caller's
   * transaction and without the xRegistry image view: App Registry releases (the only caller)
   * are packages, not images.
   */
  public Future<Void> putManifest(SqlConnection conn, RepositoryName repository, String digest, byte[] content,
      Manifest manifest, String tag) {
    return putManifest(conn, null, repository, digest, content, manifest, tag);
  }

  private Future<Void> putManifest(SqlConnection conn, StoreTx tx, RepositoryName repository, String digest,
      byte[] content, Manifest manifest, String tag) {
    List<String> blobs = new ArrayList<>();
    for (Descriptor d : manifest.blobs()) {
      if (d.urls().isEmpty()) {
        blobs.add(d.digest());
      }
    }
    List<String> children = manifest.manifests().stream().map(Descriptor::digest).distinct().toList();
    String[] blobArray = new LinkedHashSet<>(blobs).toArray(String[]::new);
    String[] childArray = children.toArray(String[]::new);
    JsonObject annotations = new JsonObject(new LinkedHashMap<>(manifest.annotations()));
    // the links are share-locked first, so a garbage collection sweep cannot remove them before this commits
    return ensureRepository(conn, repository).compose(id -> Sweep
        .holdLinks(conn, id, blobArray)
        .compose(held -> conn.preparedQuery("SELECT d FROM unnest($2::text[]) AS d WHERE NOT EXISTS"
            + " (SELECT 1 FROM oci_blob_link l WHERE l.repository_id = $1 AND l.digest = d)"
            + " UNION ALL SELECT d FROM unnest($3::text[]) AS d WHERE NOT EXISTS"
            + " (SELECT 1 FROM oci_manifest m WHERE m.repository_id = $1 AND m.digest = d)")
        .execute(Tuple.of(id, blobArray, childArray)))
        .compose(missing -> {
          if (missing.size() > 0) {
            List<String> names = strings(missing);
            return Future.failedFuture(ContentUnknown.failure(What.REFERENCED_CONTENT, repository.value(),
                "the manifest references content not pushed to " + repository + ": " + String.join(", ", names)));
          }
          return conn.preparedQuery("INSERT INTO oci_manifest (repository_id, digest, media_type, size, content,"
                  + " subject, artifact_type, annotations) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                  + " ON CONFLICT (repository_id, digest) DO NOTHING")
              .execute(Tuple.from(new Object[] {id, digest, manifest.mediaType(), (long) content.length,
                  Buffer.buffer(content), manifest.subjectDigest().orElse(null),
                  manifest.artifactType().orElse(null), annotations}));
        })
        .compose(v -> conn.preparedQuery("INSERT INTO oci_manifest_blob (repository_id, manifest_digest, blob_digest)"
                + " SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(id, digest, blobArray)))
        .compose(v -> conn.preparedQuery("INSERT INTO oci_manifest_child (repository_id, manifest_digest, child_digest)"
                + " SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(id, digest, childArray)))
        .compose(v -> tag == null ? Future.succeededFuture() : conn.preparedQuery(
                "INSERT INTO oci_tag (repository_id, name, manifest_digest) VALUES ($1, $2, $3)"
                    + " ON CONFLICT (repository_id, name) DO UPDATE SET manifest_digest = EXCLUDED.manifest_digest,"
                    + " updated_at = now()")
            .execute(Tuple.of(id, tag, digest)))
        .compose(v -> tag == null || tx == null ? Future.<Void>succeededFuture() : view.tagged(tx, repository,
            new ImageVersion(tag, digest, manifest.mediaType(), content, manifest.artifactType().orElse(null),
                manifest.subjectDigest().orElse(null), manifest.annotations(), null), () -> isPackage(conn, id)))
        .mapEmpty());
  }

  /** Whether the repository is an App Registry package's (a package in the view, never an image). */
  private static Future<Boolean> isPackage(SqlConnection conn, long repositoryId) {
    return conn.preparedQuery("SELECT 1 FROM cnr_package WHERE repository_id = $1").execute(Tuple.of(repositoryId))
        .map(rs -> rs.size() > 0);
  }

  /** A manifest by tag (OCI-003). */
  public Future<StoredManifest> manifestByTag(RepositoryName repository, String tag) {
    return oneManifest(pool.preparedQuery("SELECT m.digest, m.media_type, m.content, m.subject FROM oci_tag t"
            + " JOIN oci_repository r ON r.id = t.repository_id"
            + " JOIN oci_manifest m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest"
            + " WHERE r.name = $1 AND t.name = $2")
        .execute(Tuple.of(repository.value(), tag)), repository, "tag " + tag);
  }

  /** A manifest by digest (OCI-003). */
  public Future<StoredManifest> manifestByDigest(RepositoryName repository, String digest) {
    return oneManifest(pool.preparedQuery("SELECT m.digest, m.media_type, m.content, m.subject FROM oci_manifest m"
            + " JOIN oci_repository r ON r.id = m.repository_id WHERE r.name = $1 AND m.digest = $2")
        .execute(Tuple.of(repository.value(), digest)), repository, "manifest " + digest);
  }

  private static Future<StoredManifest> oneManifest(Future<RowSet<Row>> query, RepositoryName repository, String what) {
    return query.compose(rs -> {
      if (rs.size() == 0) {
        return Future.failedFuture(ContentUnknown.failure(What.MANIFEST, repository.value(),
            what + " is not in " + repository));
      }
      Row row = rs.iterator().next();
      return Future.succeededFuture(new StoredManifest(row.getString("digest"), row.getString("media_type"),
          row.getBuffer("content").getBytes(), row.getString("subject")));
    });
  }

  /** Deletes a manifest and every tag pointing at it (OCI-025), at once. */
  public Future<Void> deleteManifest(RepositoryName repository, String digest) {
    Tuple key = Tuple.of(repository.value(), digest);
    // The manifest's row lock keeps tags from being pointed at it meanwhile (their foreign key
    // needs a share lock on it), so the tags deleted here are all the view has to forget.
    return withView((conn, tx) -> conn.preparedQuery("SELECT 1 FROM oci_manifest m JOIN oci_repository r"
            + " ON r.id = m.repository_id WHERE r.name = $1 AND m.digest = $2 FOR UPDATE OF m").execute(key)
        .compose(found -> found.size() == 0 ? Future.failedFuture(ContentUnknown.failure(What.MANIFEST,
                repository.value(), "manifest " + digest + " is not in " + repository))
            : conn.preparedQuery("DELETE FROM oci_tag t USING oci_repository r"
                + " WHERE r.id = t.repository_id AND r.name = $1 AND t.manifest_digest = $2 RETURNING t.name")
                .execute(key))
        .compose(tags -> conn.preparedQuery("DELETE FROM oci_manifest m USING oci_repository r"
                + " WHERE r.id = m.repository_id AND r.name = $1 AND m.digest = $2").execute(key)
            .compose(v -> OciEvents.manifestDeleted(conn, repository, digest, strings(tags)))
            .map(v -> RepositoryChanges.recorded(tx, repository, v))
            .compose(v -> tx == null ? Future.<Void>succeededFuture() : view.untagged(tx, repository, strings(tags)))));
  }

  /** Deletes a tag; the manifest stays, reachable by digest (OCI-024). */
  public Future<Void> deleteTag(RepositoryName repository, String tag) {
    return withView((conn, tx) -> conn.preparedQuery("DELETE FROM oci_tag t USING oci_repository r"
            + " WHERE r.id = t.repository_id AND r.name = $1 AND t.name = $2")
        .execute(Tuple.of(repository.value(), tag))
        .compose(rs -> rs.rowCount() == 0 ? Future.failedFuture(
            ContentUnknown.failure(What.MANIFEST, repository.value(), "tag " + tag + " is not in " + repository))
            : OciEvents.tagDeleted(conn, repository, tag)
                .map(v -> RepositoryChanges.recorded(tx, repository, v))
                .compose(v -> tx == null ? Future.<Void>succeededFuture() : view.untagged(tx, repository, List.of(tag)))));
  }

  // ----------------------------------------------------------------------------- discovery

  /** tags/list (OCI-021/022): byte order, after {@code last}, at most {@code n}; an unknown repository fails. */
  public Future<TagPage> tags(RepositoryName repository, Integer n, String last) {
    return pool.withConnection(conn -> repositoryId(conn, repository).compose(id -> {
      if (id.isEmpty()) {
        return Future.failedFuture(ContentUnknown.failure(What.REPOSITORY, repository.value(),
            "repository " + repository + " is not known"));
      }
      return conn.preparedQuery("SELECT name FROM oci_tag WHERE repository_id = $1 AND name > $2 ORDER BY name LIMIT $3")
          .execute(Tuple.of(id.get(), last == null ? "" : last, n == null ? Long.MAX_VALUE : n + 1L))
          .map(rs -> TagPage.fromSortedTail(strings(rs), n));
    }));
  }

  /**
   * One page of the referrers of {@code subject} in the repository (OCI-023): the manifests whose
   * stored {@code subject} is that digest, merged with the descriptors of the image index that a
   * client without the referrers API keeps under the referrers tag schema tag ("Enabling the
   * Referrers API"). Empty for an unknown repository (never a 404).
   *
   * @param artifactType the filter, null for none
   * @param n            the page size, not negative
   * @param last         the digest the page starts after, null for the first page
   */
  public Future<ReferrersPage> referrers(RepositoryName repository, String subject, String artifactType, int n,
      String last) {
    String tag = Referrers.tagSchema(subject).value();
    String filter = artifactType == null || artifactType.isEmpty() ? null : artifactType;
    return pool.withConnection(conn -> repositoryId(conn, repository).compose(id -> {
      if (id.isEmpty()) {
        return Future.succeededFuture(ReferrersPage.merge(List.of(), List.of(), filter, n, last));
      }
      // n + 1 rows tell whether a next page is due; the tag index adds at most its own entries
      Future<List<Descriptor>> bySubject = conn.preparedQuery("SELECT digest, media_type, size, artifact_type,"
              + " annotations FROM oci_manifest WHERE repository_id = $1 AND subject = $2 AND digest > $3"
              + " AND ($4::text IS NULL OR artifact_type = $4) ORDER BY digest LIMIT $5")
          .execute(Tuple.of(id.get(), subject, last == null ? "" : last, filter, n + 1L))
          .map(OciStore::referrerDescriptors);
      return bySubject.compose(found -> conn.preparedQuery("SELECT m.media_type, m.content FROM oci_tag t"
              + " JOIN oci_manifest m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest"
              + " WHERE t.repository_id = $1 AND t.name = $2")
          .execute(Tuple.of(id.get(), tag))
          .map(rs -> ReferrersPage.merge(found, tagSchemaIndex(rs, repository, tag), filter, n, last)));
    }));
  }

  private static List<Descriptor> referrerDescriptors(RowSet<Row> rs) {
    List<Descriptor> out = new ArrayList<>(rs.size());
    for (Row row : rs) {
      JsonObject a = row.getJsonObject("annotations");
      Map<String, String> annotations = new LinkedHashMap<>();
      if (a != null) {
        a.forEach(e -> annotations.put(e.getKey(), String.valueOf(e.getValue())));
      }
      out.add(new Descriptor(row.getString("media_type"), row.getString("digest"), row.getLong("size"),
          row.getString("artifact_type"), annotations, List.of()));
    }
    return out;
  }

  /**
   * The descriptors of the manifest tagged {@code tag} when it is an OCI image index; none when
   * the tag is absent or holds anything else, as a client reading the tag would also conclude
   * ("Referrers Tag Schema").
   */
  private static List<Descriptor> tagSchemaIndex(RowSet<Row> rs, RepositoryName repository, String tag) {
    if (rs.size() == 0) {
      return List.of();
    }
    Row row = rs.iterator().next();
    if (!Referrers.MEDIA_TYPE.equals(row.getString("media_type"))) {
      LOG.debug("{}:{} is a {}, not a referrers index; ignored", repository, tag, row.getString("media_type"));
      return List.of();
    }
    try {
      return Manifest.parse(row.getBuffer("content").getBytes(), Referrers.MEDIA_TYPE).manifests();
    } catch (ContentInvalid e) {
      // it was valid when pushed; a stricter parser since then must not break the referrers API
      LOG.warn("the referrers index {}:{} no longer parses ({}); ignored", repository, tag, e.getMessage());
      return List.of();
    }
  }

  private static List<String> strings(RowSet<Row> rs) {
    List<String> out = new ArrayList<>(rs.size());
    rs.forEach(row -> out.add(row.getString(0)));
    return out;
  }

}
