package dev.xreg.cnr;

import dev.xreg.storage.cnr.Channel;
import dev.xreg.storage.cnr.PackageMediaType;
import dev.xreg.storage.cnr.PackageRelease;
import dev.xreg.storage.cnr.PackageState;
import dev.xreg.storage.cnr.Release;
import dev.xreg.storage.cnr.ReleaseSelector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Release manifests, the App Registry's description of one (release, media type) (CNR-006..008),
 * in the shape the appr client recorded; and how a path's release and media type pick one.
 */
final class ReleaseManifests {
  /** Highest release first, then media type: the order of show's arrays. */
  static final Comparator<PackageRelease> ORDER = Comparator.comparing(PackageRelease::release, Release.DESCENDING)
      .thenComparing(PackageRelease::mediaType);

  private ReleaseManifests() {
  }

  static JsonObject json(String packageName, PackageRelease r) {
    PackageMediaType mediaType = new PackageMediaType(r.mediaType());
    return new JsonObject()
        .put("package", packageName)
        .put("release", r.release())
        .put("created_at", r.createdAt().toString())
        .put("mediaType", mediaType.manifestType())
        .put("metadata", r.metadata() == null ? null : new JsonObject(r.metadata()))
        .put("content", new JsonObject()
            .put("digest", r.contentDigest())
            .put("mediaType", mediaType.contentType())
            .put("size", r.size())
            .put("urls", new JsonArray()));
  }

  static JsonArray array(String packageName, List<PackageRelease> releases) {
    JsonArray out = new JsonArray();
    releases.stream().sorted(ORDER).forEach(r -> out.add(json(packageName, r)));
    return out;
  }

  static JsonObject channel(Channel c) {
    return new JsonObject().put("name", c.name()).put("current", c.current()).put("releases", new JsonArray(c.releases()));
  }

  /**
   * The release a path names (CNR-007/008): exact, {@code default} or a range, chosen among the
   * releases that have media type {@code wanted} (any when null).
   *
   * @throws Release.InvalidRelease for a release that is no semver, {@code default} nor range
   */
  static String release(PackageState pkg, String release, String wanted) {
    ReleaseSelector selector = ReleaseSelector.parse(release);
    Set<String> candidates = new TreeSet<>();
    for (PackageRelease r : pkg.releases()) {
      if (wanted == null || wanted.equals(r.mediaType())) {
        candidates.add(r.release());
      }
    }
    return selector.select(candidates).orElseThrow(() -> new Refused(CnrError.PACKAGE_NOT_FOUND,
        "package " + pkg.name() + " has no release " + release + (wanted == null ? "" : " of media type " + wanted)));
  }

  /**
   * The (release, media type) a path names (CNR-008..011); {@code mediaType} is a name or
   * {@code -}, which needs the chosen release to have exactly one.
   */
  static PackageRelease one(PackageState pkg, String release, String mediaType) {
    String wanted = "-".equals(mediaType) ? null : PackageNames.mediaType(mediaType).name();
    String chosen = release(pkg, release, wanted);
    List<PackageRelease> of = pkg.releases().stream().filter(r -> r.release().equals(chosen)
        && (wanted == null || wanted.equals(r.mediaType()))).toList();
    if (of.size() > 1) {
      throw new Refused("release " + chosen + " of " + pkg.name() + " has several media types ("
          + String.join(", ", of.stream().map(PackageRelease::mediaType).sorted().toList()) + "); name one instead of '-'");
    }
    return of.get(0);
  }
}
