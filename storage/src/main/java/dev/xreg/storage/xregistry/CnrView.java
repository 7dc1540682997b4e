package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.write.DocumentInput;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The xRegistry view of App Registry packages (built-in model {@code cnr}, docs/cnr.md
 * "xRegistry view"): package {@code ns/pkg} is the Resource {@code /namespaces/ns/packages/pkg},
 * each release a Version whose document is the release's OCI image index, the highest release
 * (semver) the default Version, and the channels a map on the Resource's meta.
 *
 * <p>The App Registry store calls {@link #changed} at the end of each of its write transactions
 * with the package as its tables now hold it; the view compares it with the Resource and writes
 * only what moved (new or re-pushed releases, deleted ones, channels, the default), so an
 * unchanged release keeps its epoch. Nothing is written when the model has no
 * {@code namespaces/packages}.
 */
public final class CnrView extends ContentView {
  static final String RESOURCES = "packages";
  static final String CHANNELS = "channels";

  /** A source of every package the App Registry tables hold, read on the transaction's own connection. */
  public interface Packages {
    /** Up to {@code limit} packages whose name is after {@code name} in byte order; "" starts. */
    Future<List<PackageVersions>> after(StoreTx tx, String name, int limit);
  }

  /** No App Registry tables to read from: model changes add an empty view (tests, engines without CNR). */
  public static final Packages NO_PACKAGES = (tx, name, limit) -> Future.succeededFuture(List.of());

  private final Packages packages;

  public CnrView(StorageOptions options, Packages packages) {
    super(options, RESOURCES);
    this.packages = packages;
  }

  /**
   * The package {@code name} changed; {@code now} reads it as the transaction left it (no
   * releases: it is gone), only when the model has the view. A release whose name differs from
   * another's only by case ({@code 1.0.0-RC1} next to {@code 1.0.0-rc1}) fails as invalid:
   * xRegistry IDs are unique ignoring case.
   */
  public Future<Void> changed(StoreTx tx, RepositoryName name, Supplier<Future<PackageVersions>> now) {
    String xid = resourceXid(name.namespaceId(), name.imageId());
    return inView(tx, xid, false, (ctx, tree) -> now.get().compose(pkg -> sync(ctx, tree, xid, pkg)));
  }

  @Override
  Future<Void> backfill(RequestContext request) {
    // the model request moves the Registry's epoch itself: touching it here would fail its own update
    return inView(request.tx, "/" + GROUPS, true, (ctx, tree) -> page(ctx, tree, ""));
  }

  private Future<Void> page(RequestContext ctx, Tree tree, String after) {
    return packages.after(ctx.tx, after, PAGE).compose(rows -> {
      Future<Void> f = Future.succeededFuture();
      for (PackageVersions pkg : rows) {
        String xid = resourceXid(pkg.name().namespaceId(), pkg.name().imageId());
        f = f.compose(v -> sync(ctx, tree, xid, pkg));
      }
      return rows.size() < PAGE ? f : f.compose(v -> page(ctx, tree, rows.get(rows.size() - 1).name().value()));
    });
  }

  private Future<Void> sync(RequestContext ctx, Tree tree, String xid, PackageVersions pkg) {
    return tree.findResource(xid).compose(meta -> {
      if (meta == null && pkg.releases().isEmpty()) {
        return Future.succeededFuture();
      }
      Future<List<StoredEntity>> shown = meta == null ? Future.succeededFuture(List.of())
          : ctx.tx.children(meta.rowId(), VERSIONS);
      return shown.compose(versions -> {
        Changes changes = Changes.of(pkg, meta, versions);
        if (changes.none()) {
          return Future.succeededFuture();
        }
        return tree.writeResource(group(ctx), pkg.name().namespaceId(), resourceType(ctx.registry.model()),
            pkg.name().imageId(), Method.PATCH, w -> changes.apply(w, ctx)).mapEmpty();
      });
    });
  }

  /** What differs between the package and its Resource. */
  private record Changes(PackageVersions pkg, List<ReleaseVersion> written, List<String> deleted, boolean meta,
      boolean defaultMoved) {

    static Changes of(PackageVersions pkg, StoredEntity meta, List<StoredEntity> versions) {
      Map<String, String> shownDigests = new HashMap<>();
      versions.forEach(v -> shownDigests.put(v.entity().id(), v.entity().text("digest")));
      List<ReleaseVersion> written = new ArrayList<>();
      Map<String, String> byLowerCase = new HashMap<>();
      for (ReleaseVersion r : pkg.releases()) {
        String other = byLowerCase.put(r.release().toLowerCase(Locale.ROOT), r.release());
        if (other != null) {
          throw caseClash(pkg, r.release(), other);
        }
        if (!r.digest().equals(shownDigests.get(r.release()))) {
          written.add(r);
        }
      }
      List<String> deleted = versions.stream().map(v -> v.entity().id())
          .filter(id -> pkg.releases().stream().noneMatch(r -> r.release().equals(id))).toList();
      JsonNode channels = meta == null ? null : meta.entity().attributes().get(CHANNELS);
      boolean metaMoved = !channels(pkg).equals(channels == null || channels.isNull() ? Json.object() : channels);
      String defaultShown = meta == null ? null : meta.entity().text("defaultversionid");
      boolean defaultMoved = pkg.defaultRelease() != null && !pkg.defaultRelease().equals(defaultShown);
      return new Changes(pkg, written, deleted, metaMoved, defaultMoved);
    }

    boolean none() {
      return written.isEmpty() && deleted.isEmpty() && !meta && !defaultMoved;
    }

    ResourceWrite apply(ResourceWrite w, RequestContext ctx) {
      written.forEach(r -> w.version(r.release(), Json.object(), document(r, ctx)));
      deleted.forEach(w::deleteVersion); // the last one gone deletes the package (A9)
      if (pkg.releases().isEmpty()) {
        return w;
      }
      if (meta) {
        ObjectNode body = Json.object();
        ObjectNode channels = channels(pkg);
        if (channels.isEmpty()) {
          body.putNull(CHANNELS);
        } else {
          body.set(CHANNELS, channels);
        }
        w.meta(body);
      }
      // the highest release by the App Registry's semver order, whatever core's own order says
      return w.setDefaultVersion(pkg.defaultRelease());
    }
  }

  private static ObjectNode channels(PackageVersions pkg) {
    ObjectNode out = Json.object();
    pkg.channels().forEach(out::put);
    return out;
  }

  /** The index as a document-mode write: the bytes, the media type, the attributes as headers would give them. */
  private static DocumentInput document(ReleaseVersion r, RequestContext ctx) {
    ObjectNode a = Json.object();
    a.put("digest", r.digest());
    a.put("size", (long) r.index().length);
    a.put("mediatype", r.mediaType());
    ObjectNode types = a.putObject("mediatypes");
    for (ReleaseVersion.Content c : r.content()) {
      ObjectNode t = types.putObject(c.mediaType());
      t.put("digest", c.digest());
      t.put("size", c.size());
      t.put("blobdigest", c.blobDigest());
      t.put("manifestdigest", c.manifestDigest());
      if (c.metadata() != null) {
        t.set("metadata", Json.parseTrusted(c.metadata()));
      }
    }
    a.put("createdat", Timestamps.format(r.createdAt() == null ? ctx.now : r.createdAt()));
    return new DocumentInput(r.index(), r.mediaType(), a);
  }

  private static EngineFailure caseClash(PackageVersions pkg, String release, String existing) {
    return new EngineFailure(FailureKind.INVALID, pkg.name().value(), "release '" + release + "' differs only in"
        + " case from the release '" + existing + "' of " + pkg.name() + ": the xRegistry view (model cnr) shows"
        + " releases as Version IDs, which are unique ignoring case; choose another release name", null);
  }
}
