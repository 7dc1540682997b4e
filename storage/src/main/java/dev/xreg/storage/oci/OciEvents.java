package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.feed.Change;
import dev.xreg.storage.pg.PgOutbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OCI Distribution changes as events (docs/events.md "OCI events"), written to the change
 * feed in the change's own transaction. Subjects name what changed the way OCI clients do:
 * {@code <repository>@<digest>} for manifests and blobs, {@code <repository>:<tag>} for tags.
 */
final class OciEvents {
  static final String PREFIX = "io.xreg.oci.";

  private OciEvents() {
  }

  /** A manifest was pushed; with {@code tag}, the tag now points at it (a second event). */
  static Future<Void> manifestPushed(io.vertx.sqlclient.SqlConnection conn, RepositoryName repository, String digest,
      String mediaType, long size, String tag) {
    JsonObject data = new JsonObject().put("repository", repository.value()).put("digest", digest)
        .put("mediaType", mediaType).put("size", size);
    if (tag != null) {
      data.put("tag", tag);
    }
    Future<Void> pushed = PgOutbox.append(conn, Change.CREATED, PREFIX + "manifest.pushed",
        repository.value() + "@" + digest, data);
    return tag == null ? pushed : pushed.compose(v -> PgOutbox.append(conn, Change.CREATED, PREFIX + "tag.pushed",
        repository.value() + ":" + tag, new JsonObject().put("repository", repository.value()).put("tag", tag)
            .put("digest", digest)));
  }

  /** A manifest was deleted, and with it {@code tags} that pointed at it. */
  static Future<Void> manifestDeleted(io.vertx.sqlclient.SqlConnection conn, RepositoryName repository,
      String digest, List<String> tags) {
    Future<Void> chain = PgOutbox.append(conn, Change.DELETED, PREFIX + "manifest.deleted",
        repository.value() + "@" + digest, new JsonObject().put("repository", repository.value()).put("digest", digest));
    for (String tag : tags) {
      chain = chain.compose(v -> tagDeleted(conn, repository, tag));
    }
    return chain;
  }

  static Future<Void> tagDeleted(io.vertx.sqlclient.SqlConnection conn, RepositoryName repository, String tag) {
    return PgOutbox.append(conn, Change.DELETED, PREFIX + "tag.deleted", repository.value() + ":" + tag,
        new JsonObject().put("repository", repository.value()).put("tag", tag));
  }

  /** A blob was deleted from the repository (its bytes go with garbage collection). */
  static Future<Void> blobDeleted(io.vertx.sqlclient.SqlConnection conn, RepositoryName repository, String digest) {
    return PgOutbox.append(conn, Change.DELETED, PREFIX + "blob.deleted", repository.value() + "@" + digest,
        new JsonObject().put("repository", repository.value()).put("digest", digest));
  }
}
