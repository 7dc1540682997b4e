package dev.xreg.storage.cnr;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.feed.Change;
import dev.xreg.storage.pg.PgOutbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * The App Registry changes as events (docs/events.md "App Registry events"), written to the
 * change feed in the change's own transaction. Subjects: {@code <package>:<release>} for
 * releases, {@code <package>/channels/<channel>} for channels (as in the API's paths).
 */
final class CnrEvents {
  static final String PREFIX = "io.xreg.cnr.";

  private CnrEvents() {
  }

  static Future<Void> releasePushed(SqlConnection conn, RepositoryName name, String release, String mediaType,
      String digest) {
    return PgOutbox.append(conn, Change.CREATED, PREFIX + "release.pushed", name.value() + ":" + release,
        release(name, release, mediaType).put("digest", digest));
  }

  static Future<Void> releaseDeleted(SqlConnection conn, RepositoryName name, String release, String mediaType) {
    return PgOutbox.append(conn, Change.DELETED, PREFIX + "release.deleted", name.value() + ":" + release,
        release(name, release, mediaType));
  }

  /** The channel gained ({@code added}) or lost ({@code removed}) {@code release}. */
  static Future<Void> channelMoved(SqlConnection conn, RepositoryName name, String channel, String release,
      boolean added) {
    return PgOutbox.append(conn, Change.UPDATED, PREFIX + "channel.moved", name.value() + "/channels/" + channel,
        new JsonObject().put("package", name.value()).put("channel", channel)
            .put(added ? "added" : "removed", release));
  }

  static Future<Void> channelDeleted(SqlConnection conn, RepositoryName name, String channel) {
    return PgOutbox.append(conn, Change.DELETED, PREFIX + "channel.deleted", name.value() + "/channels/" + channel,
        new JsonObject().put("package", name.value()).put("channel", channel));
  }

  private static JsonObject release(RepositoryName name, String release, String mediaType) {
    return new JsonObject().put("package", name.value()).put("release", release).put("mediatype", mediaType);
  }
}
