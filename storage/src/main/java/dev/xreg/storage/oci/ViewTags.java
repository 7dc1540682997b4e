package dev.xreg.storage.oci;

import dev.xreg.storage.StoreTx;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.xregistry.ImageVersion;
import dev.xreg.storage.xregistry.OciView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tag of the OCI tables with its manifest, page by page in (repository, tag) byte order,
 * read on the connection of the transaction that fills the xRegistry view after a model change
 * ({@link OciView#backfill}); a tag's {@code updated_at} becomes its Version's {@code createdat}.
 */
public final class ViewTags implements OciView.Tags {

  @Override
  public Future<List<OciView.RepositoryTag>> after(StoreTx tx, String repository, String tag, int limit) {
    return PgRegistryStore.connection(tx).preparedQuery("SELECT r.name AS repository, t.name AS tag, t.updated_at,"
            + " m.digest, m.media_type, m.content, m.subject, m.artifact_type, m.annotations"
            + " FROM oci_tag t JOIN oci_repository r ON r.id = t.repository_id"
            + " JOIN oci_manifest m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest"
            + " WHERE (r.name, t.name) > ($1, $2)"
            // App Registry packages are packages in the view (CnrView), never images
            + " AND NOT EXISTS (SELECT 1 FROM cnr_package p WHERE p.repository_id = r.id)"
            + " ORDER BY r.name, t.name LIMIT $3")
        .execute(Tuple.of(repository, tag, limit))
        .map(rs -> {
          List<OciView.RepositoryTag> out = new ArrayList<>(rs.size());
          for (Row row : rs) {
            out.add(new OciView.RepositoryTag(RepositoryName.parse(row.getString("repository")), new ImageVersion(
                row.getString("tag"), row.getString("digest"), row.getString("media_type"),
                row.getBuffer("content").getBytes(), row.getString("artifact_type"), row.getString("subject"),
                annotations(row.getJsonObject("annotations")), row.getOffsetDateTime("updated_at").toInstant())));
          }
          return out;
        });
  }

  private static Map<String, String> annotations(JsonObject a) {
    Map<String, String> out = new LinkedHashMap<>();
    if (a != null) {
      a.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }
}
