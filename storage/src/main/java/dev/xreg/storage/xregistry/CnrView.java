package dev.xreg.storage.xregistry;

import dev.xreg.core.write.Method;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Future;
import java.util.List;
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
        PackageChanges changes = PackageChanges.of(pkg, meta == null ? null : meta.entity(),
            versions.stream().map(StoredEntity::entity).toList());
        if (changes.none()) {
          return Future.succeededFuture();
        }
        return tree.writeResource(group(ctx), pkg.name().namespaceId(), resourceType(ctx.registry.model()),
            pkg.name().imageId(), Method.PATCH, w -> changes.apply(w, ctx.now)).mapEmpty();
      });
    });
  }
}
