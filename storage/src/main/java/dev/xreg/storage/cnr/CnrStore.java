package dev.xreg.storage.cnr;

import dev.xreg.storage.cnr.PackageProblem.Reason;
import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.ManifestKind;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.oci.OciStore;
import dev.xreg.storage.oci.RepositoryChanges;
import dev.xreg.storage.xregistry.CnrView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The App Registry's packages, releases and channels (migration V7) over the OCI content store
 * (checklist section 6). Each write is one transaction that composes the OCI store's own steps
 * (link a blob, store a manifest, move a tag) with the CNR rows, after locking the package row,
 * so concurrent pushes to one package serialise and a failure anywhere leaves nothing behind.
 */
public final class CnrStore {
  private final OciStore oci;
  private final CnrView view;

  /** A store whose writes also change the xRegistry view (model {@code cnr}) in their own transaction. */
  public CnrStore(OciStore oci, CnrView view) {
    this.oci = oci;
    this.view = view;
  }

  /** The engine's store: its OCI content store, and the view under the engine's request timeout. */
  public static CnrStore of(Engine engine) {
    return new CnrStore(engine.oci(), new CnrView(engine.options(), new ViewPackages()));
  }

  /**
   * Runs a write in one transaction with the xRegistry view: {@code work} returns the package's
   * row ID (null when it found no package) and its result, and the view then shows the package
   * as the transaction left it (docs/cnr.md "xRegistry view").
   */
  private <T> Future<T> write(RepositoryName name, Function<SqlConnection, Future<Written<T>>> work) {
    return oci.inTransactionWithView((conn, tx) -> work.apply(conn).map(w -> RepositoryChanges.recorded(tx, name, w))
        .compose(w -> tx == null || w.id() == null
        ? Future.succeededFuture(w.result())
        : view.changed(tx, name, () -> ViewPackages.of(conn, w.id(), name)).map(w.result())));
  }

  /** A write's result and the row ID of the package it changed. */
  private record Written<T>(Long id, T result) {
  }

  // ----------------------------------------------------------------------------- push (CNR-005)

  /**
   * Stores one (release, media type) whose blobs the BlobStore holds already: links them, stores
   * the child manifest, records the release and re-tags the release to its rebuilt index.
   *
   * @param force replace content of the same release and media type instead of failing with
   *     {@link Reason#PACKAGE_EXISTS}
   */
  public Future<Void> push(RepositoryName name, PackageArtifact a, boolean force) {
    return write(name, conn -> packageForPush(conn, name).compose(id -> conn
        .preparedQuery("SELECT manifest_digest FROM cnr_release WHERE repository_id = $1 AND release = $2"
            + " AND media_type = $3")
        .execute(Tuple.of(id, a.release(), a.mediaType().name()))
        .compose(existing -> {
          String replaced = existing.size() == 0 ? null : existing.iterator().next().getString(0);
          if (replaced != null && !force) {
            return Future.failedFuture(PackageProblem.failure(Reason.PACKAGE_EXISTS, name.value(),
                "release " + a.release() + " of " + name + " already has " + a.mediaType().name()
                    + " content; push with force=true to replace it"));
          }
          return indexOf(conn, id, a.release()).compose(oldIndex -> OciStore.link(conn, id, a.layerDigest(), a.layerSize())
              .compose(v -> OciStore.link(conn, id, a.configDigest(), a.config().length))
              .compose(v -> oci.putManifest(conn, name, a.manifestDigest().toString(), a.manifest(),
                  a.parsedManifest(), null))
              .compose(v -> replaced == null || replaced.equals(a.manifestDigest().toString())
                  ? Future.succeededFuture() : dropManifest(conn, id, replaced))
              .compose(v -> conn.preparedQuery("INSERT INTO cnr_release (repository_id, release, media_type,"
                      + " manifest_digest, blob_digest, content_digest, size, metadata, created_at)"
                      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                      + " ON CONFLICT (repository_id, release, media_type) DO UPDATE SET"
                      + " manifest_digest = EXCLUDED.manifest_digest, blob_digest = EXCLUDED.blob_digest,"
                      + " content_digest = EXCLUDED.content_digest, size = EXCLUDED.size,"
                      + " metadata = EXCLUDED.metadata, created_at = EXCLUDED.created_at")
                  .execute(Tuple.from(new Object[] {id, a.release(), a.mediaType().name(),
                      a.manifestDigest().toString(), a.layerDigest().toString(), a.contentDigest(), a.layerSize(),
                      a.metadata() == null ? null : new JsonObject(a.metadata()), a.createdAt().atOffset(ZoneOffset.UTC)})))
              .compose(v -> retag(conn, id, name, a.release(), oldIndex))
              .compose(v -> CnrEvents.releasePushed(conn, name, a.release(), a.mediaType().name(),
                  a.contentDigest())));
        })
        .map(v -> new Written<Void>(id, null))));
  }

  /** The package's row ID, creating the package (and its repository) on its first push, locked. */
  private static Future<Long> packageForPush(SqlConnection conn, RepositoryName name) {
    return OciStore.ensureRepository(conn, name).compose(id -> conn
        .preparedQuery("INSERT INTO cnr_package (repository_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING repository_id")
        .execute(Tuple.of(id))
        .compose(inserted -> inserted.size() == 0 ? Future.succeededFuture() : conn
            // a repository that already holds OCI images is of kind image: it takes no packages
            .preparedQuery("SELECT 1 FROM oci_manifest WHERE repository_id = $1 LIMIT 1").execute(Tuple.of(id))
            .compose(images -> images.size() == 0 ? Future.succeededFuture()
                : Future.failedFuture(PackageProblem.failure(Reason.NOT_A_PACKAGE, name.value(),
                    name + " is an OCI image repository; App Registry packages need a name of their own"))))
        .compose(v -> conn.preparedQuery("SELECT 1 FROM cnr_package WHERE repository_id = $1 FOR UPDATE")
            .execute(Tuple.of(id)))
        .map(v -> id));
  }

  /** The package's row ID, locked for a change; fails with {@link Reason#PACKAGE_NOT_FOUND}. */
  private static Future<Long> lockPackage(SqlConnection conn, RepositoryName name) {
    return conn.preparedQuery("SELECT p.repository_id FROM cnr_package p JOIN oci_repository r ON r.id = p.repository_id"
            + " WHERE r.name = $1 FOR UPDATE OF p")
        .execute(Tuple.of(name.value()))
        .compose(rs -> rs.size() > 0 ? Future.succeededFuture(rs.iterator().next().getLong(0))
            : Future.failedFuture(notFound(name)));
  }

  private static Throwable notFound(RepositoryName name) {
    return PackageProblem.failure(Reason.PACKAGE_NOT_FOUND, name.value(), "package " + name + " does not exist");
  }

  /** The digest the release's tag names now, or null. */
  private static Future<String> indexOf(SqlConnection conn, long id, String release) {
    return conn.preparedQuery("SELECT manifest_digest FROM oci_tag WHERE repository_id = $1 AND name = $2")
        .execute(Tuple.of(id, release))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString(0));
  }

  /**
   * Points the release's tag at a new index over its children, or, with no children left, removes
   * the release's index and tag; the index it replaced goes unless another tag names it.
   */
  private Future<Void> retag(SqlConnection conn, long id, RepositoryName name, String release, String oldIndex) {
    return conn.preparedQuery("SELECT c.media_type, c.manifest_digest, m.size FROM cnr_release c"
            + " JOIN oci_manifest m ON m.repository_id = c.repository_id AND m.digest = c.manifest_digest"
            + " WHERE c.repository_id = $1 AND c.release = $2 ORDER BY c.media_type")
        .execute(Tuple.of(id, release))
        .compose(rs -> {
          List<ReleaseLayout.Child> children = new ArrayList<>();
          for (Row row : rs) {
            children.add(new ReleaseLayout.Child(new PackageMediaType(row.getString(0)), row.getString(1), row.getLong(2)));
          }
          Future<String> tagged;
          if (children.isEmpty()) {
            tagged = Future.succeededFuture(null);
          } else {
            byte[] index = ReleaseLayout.index(release, children);
            String digest = ReleaseLayout.sha256(index).toString();
            tagged = oci.putManifest(conn, name, digest, index,
                Manifest.parse(index, ManifestKind.OCI_IMAGE_INDEX.mediaType()), release).map(digest);
          }
          return tagged.compose(now -> oldIndex == null || oldIndex.equals(now) ? Future.succeededFuture()
              : conn.preparedQuery("DELETE FROM oci_manifest WHERE repository_id = $1 AND digest = $2"
                      + " AND NOT EXISTS (SELECT 1 FROM oci_tag WHERE repository_id = $1 AND manifest_digest = $2"
                      + " AND name <> $3)")
                  .execute(Tuple.of(id, oldIndex, release)).mapEmpty());
        });
  }

  /**
   * Deletes a child manifest (its release row goes with it) and unlinks the blobs no remaining
   * manifest of the repository references, so {@code /v2/} stops serving them too.
   */
  private static Future<Void> dropManifest(SqlConnection conn, long id, String digest) {
    return conn.preparedQuery("SELECT blob_digest FROM oci_manifest_blob WHERE repository_id = $1 AND manifest_digest = $2")
        .execute(Tuple.of(id, digest))
        .compose(blobs -> {
          String[] digests = strings(blobs).toArray(String[]::new);
          return conn.preparedQuery("DELETE FROM oci_manifest WHERE repository_id = $1 AND digest = $2")
              .execute(Tuple.of(id, digest))
              .compose(v -> conn.preparedQuery("DELETE FROM oci_blob_link l WHERE l.repository_id = $1"
                      + " AND l.digest = ANY($2::text[]) AND NOT EXISTS (SELECT 1 FROM oci_manifest_blob b"
                      + " WHERE b.repository_id = $1 AND b.blob_digest = l.digest)")
                  .execute(Tuple.of(id, (Object) digests)))
              .mapEmpty();
        });
  }

  // ----------------------------------------------------------------------------- reads

  /** The package with its releases and channels, read in one snapshot; fails when it has no release. */
  public Future<PackageState> get(RepositoryName name) {
    return oci.inTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
        .compose(v -> conn.preparedQuery("SELECT p.repository_id, p.visibility, p.created_at FROM cnr_package p"
            + " JOIN oci_repository r ON r.id = p.repository_id WHERE r.name = $1").execute(Tuple.of(name.value())))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.failedFuture(notFound(name));
          }
          Row pkg = rs.iterator().next();
          long id = pkg.getLong(0);
          return conn.preparedQuery("SELECT release, media_type, manifest_digest, blob_digest, content_digest, size,"
                  + " metadata::text, created_at FROM cnr_release WHERE repository_id = $1")
              .execute(Tuple.of(id))
              .compose(releases -> {
                if (releases.size() == 0) {
                  return Future.failedFuture(notFound(name));
                }
                List<PackageRelease> out = new ArrayList<>();
                for (Row r : releases) {
                  out.add(new PackageRelease(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                      r.getString(4), r.getLong(5), r.getString(6), r.getOffsetDateTime(7).toInstant()));
                }
                return channels(conn, id).map(channels -> new PackageState(name.value(), pkg.getString(1),
                    pkg.getOffsetDateTime(2).toInstant(), out, channels));
              });
        }));
  }

  /**
   * The packages (CNR-003/004) in name order, with a release: in {@code namespace} when given,
   * and whose name contains {@code query} when given.
   */
  public Future<List<PackageSummary>> list(String namespace, String query) {
    return oci.inTransaction(conn -> conn.preparedQuery("SELECT r.name, p.visibility, p.created_at, c.release, c.media_type"
            + " FROM cnr_package p JOIN oci_repository r ON r.id = p.repository_id"
            + " JOIN cnr_release c ON c.repository_id = p.repository_id"
            + " WHERE ($1::text IS NULL OR starts_with(r.name, $1 || '/'))"
            + " AND ($2::text IS NULL OR strpos(r.name, lower($2)) > 0) ORDER BY r.name")
        .execute(Tuple.of(namespace, query))
        .map(rs -> {
          Map<String, PackageSummary> byName = new LinkedHashMap<>();
          for (Row row : rs) {
            PackageSummary summary = byName.computeIfAbsent(row.getString(0), n -> new PackageSummary(n,
                row.getString(1), row.getOffsetDateTime(2).toInstant(), new ArrayList<>()));
            summary.entries().add(new PackageSummary.Entry(row.getString(3), row.getString(4)));
          }
          return List.copyOf(byName.values());
        }));
  }

  private static Future<List<Channel>> channels(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT c.name, c.current, r.release FROM cnr_channel c LEFT JOIN cnr_channel_release r"
            + " ON r.repository_id = c.repository_id AND r.channel = c.name WHERE c.repository_id = $1 ORDER BY c.name")
        .execute(Tuple.of(id))
        .map(CnrStore::toChannels);
  }

  private static List<Channel> toChannels(RowSet<Row> rs) {
    Map<String, String> current = new LinkedHashMap<>();
    Map<String, List<String>> releases = new LinkedHashMap<>();
    for (Row row : rs) {
      current.put(row.getString(0), row.getString(1));
      List<String> of = releases.computeIfAbsent(row.getString(0), n -> new ArrayList<>());
      if (row.getString(2) != null) {
        of.add(row.getString(2));
      }
    }
    List<Channel> out = new ArrayList<>();
    current.forEach((name, cur) -> {
      List<String> sorted = new ArrayList<>(releases.get(name));
      sorted.sort(Release.DESCENDING);
      out.add(new Channel(name, cur, List.copyOf(sorted)));
    });
    return out;
  }

  // ----------------------------------------------------------------------------- channels

  /** Adds the release to the channel, creating it, and makes it current (CNR-016). */
  public Future<Channel> addToChannel(RepositoryName name, String channel, String release) {
    return write(name, conn -> lockPackage(conn, name).compose(id -> conn
        .preparedQuery("SELECT 1 FROM cnr_release WHERE repository_id = $1 AND release = $2 LIMIT 1")
        .execute(Tuple.of(id, release))
        .compose(rs -> rs.size() > 0 ? Future.succeededFuture() : Future.failedFuture(PackageProblem.failure(
            Reason.RELEASE_NOT_FOUND, name.value(), "package " + name + " has no release " + release)))
        .compose(v -> conn.preparedQuery("INSERT INTO cnr_channel (repository_id, name, current) VALUES ($1, $2, $3)"
                + " ON CONFLICT (repository_id, name) DO UPDATE SET current = EXCLUDED.current")
            .execute(Tuple.of(id, channel, release)))
        .compose(v -> conn.preparedQuery("INSERT INTO cnr_channel_release (repository_id, channel, release)"
                + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(id, channel, release)))
        .compose(v -> CnrEvents.channelMoved(conn, name, channel, release, true))
        .compose(v -> channels(conn, id))
        .map(all -> new Written<>(id, all.stream().filter(c -> c.name().equals(channel)).findFirst()
            .orElseThrow()))));
  }

  /**
   * Removes the release from the channel (CNR-017): the channel's current release becomes its
   * highest remaining one, and a channel left without releases is deleted.
   */
  public Future<Void> removeFromChannel(RepositoryName name, String channel, String release) {
    return write(name, conn -> lockPackage(conn, name).compose(id -> conn
        .preparedQuery("DELETE FROM cnr_channel_release WHERE repository_id = $1 AND channel = $2 AND release = $3")
        .execute(Tuple.of(id, channel, release))
        .compose(rs -> rs.rowCount() > 0 ? repairChannels(conn, id)
            .compose(v -> CnrEvents.channelMoved(conn, name, channel, release, false)) : channelExists(conn, id, channel)
            .compose(exists -> Future.failedFuture(exists
                ? PackageProblem.failure(Reason.RELEASE_NOT_FOUND, name.value(),
                    "channel " + channel + " of " + name + " does not hold release " + release)
                : channelNotFound(name, channel))))
        .map(v -> new Written<Void>(id, null))));
  }

  /** Deletes the channel (CNR-018). */
  public Future<Void> deleteChannel(RepositoryName name, String channel) {
    return write(name, conn -> lockPackage(conn, name).compose(id -> conn
        .preparedQuery("DELETE FROM cnr_channel WHERE repository_id = $1 AND name = $2")
        .execute(Tuple.of(id, channel))
        .compose(rs -> rs.rowCount() > 0 ? CnrEvents.channelDeleted(conn, name, channel).map(new Written<Void>(id, null))
            : Future.failedFuture(channelNotFound(name, channel)))));
  }

  private static Throwable channelNotFound(RepositoryName name, String channel) {
    return PackageProblem.failure(Reason.CHANNEL_NOT_FOUND, name.value(), "package " + name + " has no channel " + channel);
  }

  private static Future<Boolean> channelExists(SqlConnection conn, long id, String channel) {
    return conn.preparedQuery("SELECT 1 FROM cnr_channel WHERE repository_id = $1 AND name = $2")
        .execute(Tuple.of(id, channel)).map(rs -> rs.size() > 0);
  }

  /** After releases left channels: empty channels go; a channel whose current left moves to its highest release. */
  private static Future<Void> repairChannels(SqlConnection conn, long id) {
    return channels(conn, id).compose(all -> {
      Future<Void> chain = Future.succeededFuture();
      for (Channel c : all) {
        if (c.releases().isEmpty()) {
          chain = chain.compose(v -> conn.preparedQuery("DELETE FROM cnr_channel WHERE repository_id = $1 AND name = $2")
              .execute(Tuple.of(id, c.name())).mapEmpty());
        } else if (!c.releases().contains(c.current())) {
          chain = chain.compose(v -> conn.preparedQuery("UPDATE cnr_channel SET current = $3 WHERE repository_id = $1"
              + " AND name = $2").execute(Tuple.of(id, c.name(), c.releases().get(0))).mapEmpty());
        }
      }
      return chain;
    });
  }

  // ----------------------------------------------------------------------------- delete (CNR-009)

  /**
   * Deletes one (release, media type): its child manifest, and its index entry; a release left
   * with no media type loses its tag and leaves every channel; a package left with no release
   * is removed with its repository.
   */
  public Future<Void> deleteRelease(RepositoryName name, String release, PackageMediaType mediaType) {
    return write(name, conn -> lockPackage(conn, name).compose(id -> conn
        .preparedQuery("SELECT manifest_digest FROM cnr_release WHERE repository_id = $1 AND release = $2"
            + " AND media_type = $3")
        .execute(Tuple.of(id, release, mediaType.name()))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.failedFuture(PackageProblem.failure(Reason.RELEASE_NOT_FOUND, name.value(),
                "package " + name + " has no release " + release + " of media type " + mediaType.name()));
          }
          String child = rs.iterator().next().getString(0);
          return indexOf(conn, id, release).compose(oldIndex -> dropManifest(conn, id, child)
              .compose(v -> retag(conn, id, name, release, oldIndex)))
              .compose(v -> CnrEvents.releaseDeleted(conn, name, release, mediaType.name()));
        })
        .compose(v -> conn.preparedQuery("SELECT 1 FROM cnr_release WHERE repository_id = $1 AND release = $2 LIMIT 1")
            .execute(Tuple.of(id, release)))
        .compose(left -> left.size() > 0 ? Future.succeededFuture() : conn
            .preparedQuery("DELETE FROM cnr_channel_release WHERE repository_id = $1 AND release = $2")
            .execute(Tuple.of(id, release)).compose(v -> repairChannels(conn, id)))
        .compose(v -> conn.preparedQuery("DELETE FROM oci_repository WHERE id = $1"
                + " AND NOT EXISTS (SELECT 1 FROM cnr_release WHERE repository_id = $1)"
                + " AND NOT EXISTS (SELECT 1 FROM oci_manifest WHERE repository_id = $1)")
            .execute(Tuple.of(id)))
        .map(v -> new Written<Void>(id, null))));
  }

  private static List<String> strings(RowSet<Row> rs) {
    List<String> out = new ArrayList<>(rs.size());
    rs.forEach(row -> out.add(row.getString(0)));
    return out;
  }
}
