package dev.xreg.cnr;

import dev.xreg.storage.cnr.AddChannelRelease;
import dev.xreg.storage.cnr.DeleteChannel;
import dev.xreg.storage.cnr.Release;
import dev.xreg.storage.cnr.RemoveChannelRelease;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Channels (CNR-014..018): named pointers to a current release, kept apart from OCI tags. */
final class ChannelEndpoints {
  private final CnrEngine engine;

  ChannelEndpoints(CnrEngine engine) {
    this.engine = engine;
  }

  /** CNR-014. */
  void list(RoutingContext ctx, RepositoryName name) {
    engine.packageState(name)
        .onSuccess(pkg -> PackageEndpoints.json(ctx, new JsonArray(pkg.channels().stream()
            .map(ReleaseManifests::channel).toList()).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-015. */
  void show(RoutingContext ctx, RepositoryName name, String channel) {
    String checked = PackageNames.channel(channel);
    engine.packageState(name)
        .map(pkg -> pkg.channels().stream().filter(c -> c.name().equals(checked)).findFirst()
            .orElseThrow(() -> new Refused(CnrError.CHANNEL_NOT_FOUND, "package " + name + " has no channel " + checked)))
        .onSuccess(c -> PackageEndpoints.json(ctx, ReleaseManifests.channel(c).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-016: creates the channel when needed and makes the release its current one. */
  void add(RoutingContext ctx, RepositoryName name, String channel, String release) {
    engine.send(new AddChannelRelease(name, PackageNames.channel(channel), Release.parse(release).name()))
        .onSuccess(c -> PackageEndpoints.json(ctx, new JsonObject().put("current", c.current()).put("name", c.name())
            .put("releases", new JsonArray(c.releases())).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-017: the last release leaving a channel deletes it. */
  void remove(RoutingContext ctx, RepositoryName name, String channel, String release) {
    String checked = PackageNames.channel(channel);
    String releaseName = Release.parse(release).name();
    engine.send(new RemoveChannelRelease(name, checked, releaseName))
        .onSuccess(v -> PackageEndpoints.json(ctx, new JsonObject().put("status", "deleted").put("package", name.value())
            .put("name", checked).put("release", releaseName).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-018. */
  void delete(RoutingContext ctx, RepositoryName name, String channel) {
    String checked = PackageNames.channel(channel);
    engine.send(new DeleteChannel(name, checked))
        .onSuccess(v -> PackageEndpoints.json(ctx, new JsonObject().put("channel", checked).put("package", name.value())
            .put("action", "delete").encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }
}
