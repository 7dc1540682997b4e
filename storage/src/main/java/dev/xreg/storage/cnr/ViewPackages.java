package dev.xreg.storage.cnr;

import dev.xreg.storage.StoreTx;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.xregistry.CnrView;
import dev.xreg.storage.xregistry.PackageVersions;
import dev.xreg.storage.xregistry.ReleaseVersion;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * App Registry packages as their xRegistry view shows them (model {@code cnr}), read on the
 * connection of the transaction that changed them ({@link #of}) or that fills the view after a
 * model change ({@link #after}). Each release's document is the index its tag names; the default
 * is the highest release in the App Registry's own semver order ({@link Release#DESCENDING}).
 */
public final class ViewPackages implements CnrView.Packages {

  @Override
  public Future<List<PackageVersions>> after(StoreTx tx, String name, int limit) {
    SqlConnection conn = PgRegistryStore.connection(tx);
    return conn.preparedQuery("SELECT p.repository_id, r.name FROM cnr_package p JOIN oci_repository r"
            + " ON r.id = p.repository_id WHERE r.name > $1 ORDER BY r.name LIMIT $2")
        .execute(Tuple.of(name, limit))
        .compose(rs -> {
          List<Row> rows = new ArrayList<>();
          rs.forEach(rows::add);
          return Futures.sequence(rows, row -> of(conn, row.getLong(0), RepositoryName.parse(row.getString(1))));
        });
  }

  /** The package with row ID {@code id} as its tables hold it now; no releases when it is gone. */
  static Future<PackageVersions> of(SqlConnection conn, long id, RepositoryName name) {
    return conn.preparedQuery("SELECT c.release, c.media_type, c.manifest_digest, c.blob_digest, c.content_digest,"
            + " c.size, c.metadata::text, c.created_at, m.digest, m.media_type, m.content FROM cnr_release c"
            + " JOIN oci_tag t ON t.repository_id = c.repository_id AND t.name = c.release"
            + " JOIN oci_manifest m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest"
            + " WHERE c.repository_id = $1 ORDER BY c.release, c.media_type")
        .execute(Tuple.of(id))
        .compose(rs -> {
          Map<String, Row> index = new LinkedHashMap<>();
          Map<String, List<ReleaseVersion.Content>> content = new LinkedHashMap<>();
          Map<String, Instant> created = new LinkedHashMap<>();
          for (Row row : rs) {
            String release = row.getString(0);
            index.putIfAbsent(release, row);
            content.computeIfAbsent(release, r -> new ArrayList<>()).add(new ReleaseVersion.Content(row.getString(1),
                row.getString(4), row.getLong(5), row.getString(3), row.getString(2), row.getString(6)));
            Instant at = row.getOffsetDateTime(7).toInstant();
            created.merge(release, at, (a, b) -> a.isBefore(b) ? a : b);
          }
          List<ReleaseVersion> releases = new ArrayList<>();
          index.forEach((release, row) -> releases.add(new ReleaseVersion(release, row.getString(8), row.getString(9),
              row.getBuffer(10).getBytes(), created.get(release), content.get(release))));
          String highest = index.keySet().stream().min(Release.DESCENDING).orElse(null);
          return conn.preparedQuery("SELECT name, current FROM cnr_channel WHERE repository_id = $1")
              .execute(Tuple.of(id))
              .map(channels -> {
                Map<String, String> byName = new LinkedHashMap<>();
                channels.forEach(c -> byName.put(c.getString(0), c.getString(1)));
                return new PackageVersions(name, releases, byName, highest);
              });
        });
  }
}
