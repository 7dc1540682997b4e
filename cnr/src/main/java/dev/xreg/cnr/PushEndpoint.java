package dev.xreg.cnr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.cnr.PackageArtifact;
import dev.xreg.storage.cnr.PackageMediaType;
import dev.xreg.storage.cnr.PushRelease;
import dev.xreg.storage.cnr.Release;
import dev.xreg.storage.cnr.ReleaseLayout;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * CNR-005, {@code POST /api/v1/packages/{ns}/{pkg}}: a JSON body with the release, its media
 * type and the package as base64 of a tar.gz. Everything is checked before anything is stored:
 * the fields, the release's semver (422 {@code invalid-release}), and that the blob is a tar
 * inside gzip (400 {@code invalid-usage}). Then the tar.gz and its config go to the blob store
 * and one engine transaction makes them a release (409 {@code package-exists} without force).
 */
final class PushEndpoint {
  private final CnrEngine engine;

  PushEndpoint(CnrEngine engine) {
    this.engine = engine;
  }

  void push(RoutingContext ctx, RepositoryName name) {
    boolean force = "true".equalsIgnoreCase(ctx.queryParams().get("force"));
    Buffer body = ctx.body().buffer();
    engine.compute(() -> prepare(name, body == null ? new byte[0] : body.getBytes()))
        .compose(push -> engine.store(push.artifact().layerDigest(), push.tarGz())
            .compose(v -> engine.store(push.artifact().configDigest(), push.artifact().config()))
            .compose(v -> engine.send(new PushRelease(name, push.artifact(), force)))
            .map(push))
        .onSuccess(push -> {
          engine.meter().pushed("cnr", "package", push.tarGz().length);
          PackageEndpoints.json(ctx, new JsonObject().put("status", "ok").encode());
        })
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  private record Prepared(byte[] tarGz, PackageArtifact artifact) {
  }

  /** Reads and checks the body, and lays the release out; CPU work on the worker pool. */
  private static Prepared prepare(RepositoryName name, byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      throw new Refused("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Refused("the body must be a JSON object with release, media_type and blob");
    }
    String releaseText = text(root, "release");
    Release release = Release.parse(releaseText);
    PackageMediaType mediaType = PackageNames.mediaType(text(root, "media_type"));
    JsonNode metadata = root.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw new Refused("metadata must be a JSON object");
    }
    byte[] tarGz;
    try {
      tarGz = Base64.getDecoder().decode(text(root, "blob").replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new Refused("blob is not base64: " + e.getMessage());
    }
    PackageArchive archive = PackageArchive.read(tarGz);
    Digest layer = ReleaseLayout.sha256(tarGz);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
    PackageArtifact artifact = ReleaseLayout.artifact(name.value(), release.name(), mediaType, layer, tarGz.length,
        archive.contentDigest(), archive.chartYaml(), metadata == null || metadata.isNull() ? null : metadata, now);
    return new Prepared(tarGz, artifact);
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || v.isNull()) {
      throw new Refused("the body has no " + field);
    }
    if (!v.isTextual()) {
      throw new Refused(field + " must be a string");
    }
    return v.textValue();
  }
}
