package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.Preconditions;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.storage.EntityLevel;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.engine.Deadline;
import dev.xreg.storage.engine.Futures;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;

/**
 * What the xRegistry views of another API's content share (OCI images, {@link OciView}; App
 * Registry packages, {@link CnrView}): one Resource type in the Group type {@code namespaces},
 * written by the owning API's store inside its own transaction through {@link Tree} like any
 * xRegistry request, filled when a model change adds it and removed when one drops it.
 *
 * <p>The view writes nothing when the registry's model lacks its Resource type, so it costs
 * nothing unless the model is on.
 */
public abstract class ContentView {
  static final String GROUPS = "namespaces";
  static final String VERSIONS = "versions";
  static final int PAGE = 500;

  private final Duration timeout;
  private final String resources;

  ContentView(StorageOptions options, String resources) {
    this.timeout = Duration.ofSeconds(options.getRequestTimeoutSeconds());
    this.resources = resources;
  }

  /** Whether {@code model} has this view's Resource type, that is whether the owning API's writes show. */
  public final boolean shows(Model model) {
    return resourceType(model) != null;
  }

  /** Fills the view after a model change that added it, in the model change's transaction. */
  abstract Future<Void> backfill(RequestContext request);

  /** The Resource type of the view's Resources ({@code images}, {@code packages}). */
  final String resources() {
    return resources;
  }

  final ResourceType resourceType(Model model) {
    return model.group(GROUPS).flatMap(g -> g.resource(resources)).orElse(null);
  }

  static GroupType group(RequestContext ctx) {
    return ctx.registry.model().group(GROUPS).orElseThrow();
  }

  /** The Resource of an OCI repository name's parts: {@code /namespaces/<ns>/<resources>/<id>}. */
  final String resourceXid(String namespaceId, String resourceId) {
    return "/" + GROUPS + "/" + namespaceId + "/" + resources + "/" + resourceId;
  }

  /**
   * Removes the view after a model change that dropped it: every Resource of its type, and,
   * when the new model has no {@code namespaces} either, every namespace left empty (one that
   * still holds another model's Resources stays, and the model change then fails as for any
   * Group the new model lacks).
   */
  final Future<Void> drop(RequestContext ctx, Model next) {
    return dropResources(ctx, 0L).compose(v -> next.group(GROUPS).isPresent() ? Future.<Void>succeededFuture()
        : ctx.tx.children(null, GROUPS).compose(groups -> Futures.sequence(groups,
            g -> ctx.tx.counts(g.rowId()).compose(c -> c.values().stream().allMatch(n -> n == 0)
                ? ctx.tx.delete(g.rowId(), g.entity().xid()).map(x -> {
                  ctx.registryChildrenChanged = true;
                  return null;
                })
                : Future.<Void>succeededFuture()))).mapEmpty());
  }

  private Future<Void> dropResources(RequestContext ctx, long afterRow) {
    return ctx.tx.scan(EntityLevel.resourcesOf(GROUPS, resources), afterRow, PAGE, null).compose(metas -> Futures
        .sequence(metas, (StoredEntity meta) -> {
          ctx.groupsWithChangedChildren.put(meta.parentId(), meta.entity().xid().substring(0,
              meta.entity().xid().indexOf("/" + resources + "/")));
          return ctx.tx.delete(meta.rowId(), meta.entity().xid());
        })
        .compose(v -> metas.size() < PAGE ? Future.<Void>succeededFuture()
            : dropResources(ctx, metas.get(metas.size() - 1).rowId())));
  }

  /**
   * Runs {@code work} as a request of the owning API's store, then the end-of-request checks and
   * parent bumps; nothing when the model lacks the view.
   *
   * @param registryMovedByCaller the caller (a model change) moves the Registry's epoch itself
   */
  final Future<Void> inView(StoreTx tx, String subject, boolean registryMovedByCaller, ViewWork work) {
    return tx.registry().compose(registry -> {
      if (!shows(registry.model())) {
        return Future.succeededFuture();
      }
      RequestContext ctx = writerContext(tx, registry, subject);
      ctx.registryWritten = registryMovedByCaller;
      return work.run(ctx, new Tree(ctx)).compose(v -> ctx.xrefTargets.run(ctx))
          .compose(v -> new RequestExecutor.ParentBumps(ctx).apply());
    });
  }

  private RequestContext writerContext(StoreTx tx, RegistryState registry, String subject) {
    // admin: the view's own writes are never refused as read-only
    RegistryRequest request = new RegistryRequest(Target.ENTITY, Operation.REPLACE, subject, Map.of(), new byte[0],
        null, Map.of(), Preconditions.NONE, true);
    RequestContext ctx = new RequestContext(tx, request, registry, Timestamps.now(), ReadScope.WHOLE,
        new Deadline(timeout, subject));
    ctx.viewWriter = true;
    return ctx;
  }

  @FunctionalInterface
  interface ViewWork {
    Future<Void> run(RequestContext ctx, Tree tree);
  }
}
