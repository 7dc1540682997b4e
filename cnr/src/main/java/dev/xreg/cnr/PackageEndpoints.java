package dev.xreg.cnr;

import dev.xreg.storage.cnr.DeleteRelease;
import dev.xreg.storage.cnr.GetPackage;
import dev.xreg.storage.cnr.ListPackages;
import dev.xreg.storage.cnr.PackageMediaType;
import dev.xreg.storage.cnr.PackageRelease;
import dev.xreg.storage.cnr.PackageState;
import dev.xreg.storage.cnr.PackageSummary;
import dev.xreg.storage.cnr.Release;
import dev.xreg.storage.cnr.ReleaseLayout;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The package reads and the release delete: list and search (CNR-003/004), show (CNR-006..008),
 * pull (CNR-010/011), blobs by content digest (CNR-012/013) and delete (CNR-009).
 */
final class PackageEndpoints {
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
  static final String GZIP = "application/x-gzip";

  private final CnrEngine engine;

  PackageEndpoints(CnrEngine engine) {
    this.engine = engine;
  }

  /** CNR-003: packages with releases, highest release first, optionally filtered. */
  void list(RoutingContext ctx) {
    String namespace = emptyToNull(ctx.queryParams().get("namespace"));
    String query = emptyToNull(ctx.queryParams().get("query"));
    String mediaTypeParam = emptyToNull(ctx.queryParams().get("media_type"));
    String mediaType = mediaTypeParam == null ? null : PackageNames.mediaType(mediaTypeParam).name();
    engine.send(new ListPackages(namespace, query)).onSuccess(packages -> {
      JsonArray out = new JsonArray();
      for (PackageSummary p : readable(ctx, packages)) {
        List<String> releases = new ArrayList<>(new TreeSet<>(p.entries().stream()
            .filter(e -> mediaType == null || mediaType.equals(e.mediaType()))
            .map(PackageSummary.Entry::release).toList()));
        if (releases.isEmpty()) {
          continue;
        }
        releases.sort(Release.DESCENDING);
        String latest = releases.get(0);
        // the media types of the default release, as appr lists them
        List<String> manifests = p.entries().stream().filter(e -> e.release().equals(latest))
            .map(PackageSummary.Entry::mediaType).distinct().sorted().toList();
        out.add(new JsonObject().put("name", p.name()).put("releases", new JsonArray(releases))
            .put("default", latest).put("manifests", new JsonArray(manifests))
            .put("visibility", p.visibility()).put("created_at", p.createdAt().toString()));
      }
      json(ctx, out.encode());
    }).onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** The packages whose namespace the caller may read (issue 19): lists never name the others. */
  private static List<PackageSummary> readable(RoutingContext ctx, List<PackageSummary> packages) {
    dev.xreg.api.Caller caller = dev.xreg.api.Caller.of(ctx);
    return packages.stream().filter(p -> caller.may(dev.xreg.api.Access.namespace(
        p.name().substring(0, Math.max(0, p.name().indexOf('/'))), dev.xreg.api.Access.Action.READ))).toList();
  }

  /** CNR-004: the names of packages whose name contains {@code q}. */
  void search(RoutingContext ctx) {
    engine.send(new ListPackages(null, emptyToNull(ctx.queryParams().get("q"))))
        .onSuccess(packages -> json(ctx, new JsonArray(readable(ctx, packages).stream().map(PackageSummary::name)
            .toList()).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-006 (release null) and CNR-007: release manifests, optionally of one media type. */
  void show(RoutingContext ctx, RepositoryName name, String release) {
    String mediaTypeParam = emptyToNull(ctx.queryParams().get("media_type"));
    String mediaType = mediaTypeParam == null ? null : PackageNames.mediaType(mediaTypeParam).name();
    // selecting throws for a bad or unknown release: inside map, so it fails the future and is answered
    engine.packageState(name).map(pkg -> {
      String chosen = release == null ? null : ReleaseManifests.release(pkg, release, mediaType);
      List<PackageRelease> shown = pkg.releases().stream()
          .filter(r -> chosen == null || r.release().equals(chosen))
          .filter(r -> mediaType == null || mediaType.equals(r.mediaType())).toList();
      return ReleaseManifests.array(pkg.name(), shown).encode();
    }).onSuccess(body -> json(ctx, body)).onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-008: one release manifest, with the channels whose current release it is. */
  void showOne(RoutingContext ctx, RepositoryName name, String release, String mediaType) {
    engine.packageState(name).map(pkg -> {
      PackageRelease r = ReleaseManifests.one(pkg, release, mediaType);
      return ReleaseManifests.json(pkg.name(), r).put("channels", new JsonArray(pkg.channels().stream()
          .filter(c -> c.current().equals(r.release())).map(c -> c.name()).toList())).encode();
    }).onSuccess(body -> json(ctx, body)).onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-010/011: the release's tar.gz, raw or as JSON with the bytes in base64. */
  void pull(RoutingContext ctx, RepositoryName name, String release, String mediaType, boolean asJson) {
    engine.packageState(name).compose(pkg -> {
      PackageRelease r = ReleaseManifests.one(pkg, release, mediaType);
      String fileName = ReleaseLayout.fileName(pkg.name(), r.release());
      if (asJson) {
        return engine.readAll(r.blobDigest()).map(bytes -> {
          engine.meter().pulled("cnr", "package", bytes.length());
          json(ctx, new JsonObject().put("package", pkg.name()).put("release", r.release())
              .put("media_type", r.mediaType()).put("filename", fileName)
              .put("blob", Base64.getEncoder().encodeToString(bytes.getBytes())).encode());
          return null;
        });
      }
      return send(ctx, name, r, fileName);
    }).onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-012/013: a package blob by the sha256 of its uncompressed tar (the tar.gz's own digest is not an address). */
  void blob(RoutingContext ctx, RepositoryName name, String hex, boolean asJson) {
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new Refused(CnrError.RESOURCE_NOT_FOUND, "not a sha256 digest (64 lowercase hex digits): " + hex);
    }
    engine.packageState(name).compose(pkg -> {
      PackageRelease r = pkg.releases().stream().filter(x -> x.contentDigest().equals(hex)).findFirst()
          .orElseThrow(() -> new Refused(CnrError.RESOURCE_NOT_FOUND, "package " + pkg.name() + " has no blob " + hex));
      String fileName = pkg.name().replace('/', '_') + "_" + hex.substring(0, 8) + ".tar.gz";
      if (asJson) {
        return engine.readAll(r.blobDigest()).map(bytes -> {
          engine.meter().pulled("cnr", "package", bytes.length());
          json(ctx, new JsonObject().put("package", pkg.name()).put("release", hex).put("filename", fileName)
              .put("blob", Base64.getEncoder().encodeToString(bytes.getBytes())).encode());
          return null;
        });
      }
      return send(ctx, name, r, fileName);
    }).onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /** CNR-009: deletes one (release, media type). */
  void delete(RoutingContext ctx, RepositoryName name, String release, String mediaType) {
    engine.send(new GetPackage(name)).compose(pkg -> {
      PackageRelease r = ReleaseManifests.one(pkg, release, mediaType);
      return engine.send(new DeleteRelease(name, r.release(), new PackageMediaType(r.mediaType()))).map(r.release());
    }).onSuccess(deleted -> json(ctx, new JsonObject().put("status", "deleted").put("package", name.value())
        .put("release", deleted).encode()))
        .onFailure(e -> CnrFailures.respond(ctx, e));
  }

  /**
   * The tar.gz as appr sent it: {@code application/x-gzip} with the bare file name as the whole
   * {@code Content-Disposition} (a quirk clients may rely on), from the file when the store keeps one.
   */
  private Future<Void> send(RoutingContext ctx, RepositoryName name, PackageRelease release, String fileName) {
    return engine.smallBlob(name, release.blobDigest(), release.size()).compose(bytes -> bytes == null
        ? send(ctx, release.blobDigest(), fileName)
        : ctx.response().putHeader("Content-Type", GZIP).putHeader("Content-Disposition", fileName)
            .end(bytes).onSuccess(v -> engine.meter().pulled("cnr", "package", bytes.length())));
  }

  private Future<Void> send(RoutingContext ctx, String blobDigest, String fileName) {
    return engine.read(blobDigest).compose(read -> {
      engine.meter().pulled("cnr", "package", read.length());
      HttpServerResponse response = ctx.response().putHeader("Content-Type", GZIP)
          .putHeader("Content-Disposition", fileName);
      if (read.file().isPresent()) {
        return response.sendFile(read.file().get().toString(), read.offset(), read.length());
      }
      response.putHeader("Content-Length", Long.toString(read.length()));
      return read.open().compose(stream -> stream.pipeTo(response));
    });
  }

  static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
