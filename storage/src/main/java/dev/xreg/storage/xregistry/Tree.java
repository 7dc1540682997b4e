package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntityScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.flag.Inline;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.render.View;
import dev.xreg.core.write.EntityWrite;
import dev.xreg.core.write.GroupConstraints;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.core.write.Shapes;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.ResourceRows;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.StoreTx;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Reads and writes of the entity tree within one request's transaction. */
final class Tree {
  private static final String VERSIONS = "versions";

  private final RequestContext ctx;

  Tree(RequestContext ctx) {
    this.ctx = ctx;
  }

  Future<StoredEntity> find(String xid) {
    return ctx.tx.find(xid);
  }

  Future<View> registryView() {
    return registryView(ctx.rendering.inline(), ctx.filter);
  }

  /**
   * The Registry with its counts and, as far as {@code in} asks, its Groups and below, narrowed
   * to what the filter {@code at} the Registry selects (CORE-FIL-006/011).
   */
  Future<View> registryView(Inline in, Subfilter at) {
    EntityScope here = EntityScope.registry(ctx.registry.model());
    return ctx.tx.counts(null).compose(all -> at.counts(ctx.tx, null, here, all)).compose(counts -> inlined(
        ctx.registry.model().groups().values(), GroupType::plural, in,
        g -> {
          ctx.inlineBudget.charge(counts.getOrDefault(g.plural(), 0L), "/" + g.plural());
          return at.below(here, g.plural()).children(ctx.tx, null, g.plural(), here.child(g.plural()));
        },
        (g, e) -> at.below(here, g.plural()).at(ctx.tx, e, here.child(g.plural()))
            .compose(sub -> groupView(g, e, in.child(g.plural()), sub)))
        .map(groups -> new View.RegistryView(ctx.registry, counts, groups, at.urls(here))));
  }

  Future<View> groupView(GroupType g, StoredEntity stored) {
    return groupView(g, stored, ctx.rendering.inline(), ctx.filter);
  }

  /** A Group with its counts and, as far as {@code in} asks, its Resources, narrowed by the filter {@code at} it. */
  Future<View> groupView(GroupType g, StoredEntity stored, Inline in, Subfilter at) {
    EntityScope here = new EntityScope(EntityScope.Kind.GROUP, g, null);
    return ctx.tx.counts(stored.rowId()).compose(all -> at.counts(ctx.tx, stored.rowId(), here, all))
        .compose(c -> inlined(g.resources().values(), ResourceType::plural, in,
            r -> {
              ctx.inlineBudget.charge(c.getOrDefault(r.plural(), 0L), stored.entity().xid() + "/" + r.plural());
              return at.below(here, r.plural()).children(ctx.tx, stored.rowId(), r.plural(), here.child(r.plural()));
            },
            (r, meta) -> at.below(here, r.plural()).at(ctx.tx, meta, here.child(r.plural()))
                .compose(sub -> resourceView(r, meta, in.child(r.plural()), sub)))
        .map(rs -> new View.GroupView(g, stored.entity().xid(), stored.entity(), c, rs, at.urls(here))));
  }

  /** For each type that {@code in} inlines: its children, each turned into a view. */
  private <T> Future<Map<String, List<View>>> inlined(java.util.Collection<T> types, Function<T, String> plural,
      Inline in, Function<T, Future<List<StoredEntity>>> children, BiFunction<T, StoredEntity, Future<View>> view) {
    Map<String, List<View>> out = new LinkedHashMap<>();
    return Futures.sequence(types, type -> {
      if (!in.has(plural.apply(type)) || ctx.scope.shallow()) {
        // shallow reads leave inlined collections to the streaming writer
        return Future.succeededFuture();
      }
      return children.apply(type).compose(list -> Futures.sequence(list, e -> view.apply(type, e)))
          .map(views -> out.put(plural.apply(type), views));
    }).map(v -> out);
  }

  Future<View> resourceView(ResourceType r, StoredEntity meta) {
    return resourceView(r, meta, ctx.rendering.inline(), ctx.filter);
  }

  /**
   * A Resource as read from {@code rows} ({@link dev.xreg.storage.StoreTx#findResource}, its
   * default Version): no further statement for a plain Resource (issue 15, R1-miss); an xref,
   * inlined Versions or a filter take the general path below.
   */
  Future<View> resourceView(ResourceType r, ResourceRows rows) {
    StoredEntity meta = rows.meta();
    if (!ctx.filter.isOff() || ctx.rendering.inline().has(VERSIONS) || CrossReference.of(meta.entity()) != null) {
      return resourceView(r, meta);
    }
    return Future.succeededFuture(new View.ResourceView(r, resourceXidOf(meta), meta.entity(),
        present(rows.version()).entity(), rows.versions(), null));
  }

  /** A Resource as read, its Versions narrowed by the filter {@code at} it (CORE-FIL-006/011). */
  Future<View> resourceView(ResourceType r, StoredEntity meta, Inline in, Subfilter at) {
    if (at.isOff()) {
      return resourceView(r, meta, in);
    }
    EntityScope here = new EntityScope(EntityScope.Kind.RESOURCE, null, r);
    Subfilter versions = at.below(here, VERSIONS);
    return shown(meta).compose(s -> {
      if (s.data() == null) {
        return Future.succeededFuture(new View.ResourceView(r, s.xid(), s.meta(), null, 0, null,
            versions.parameters()));
      }
      long row = s.data().rowId();
      String dv = s.meta().text("defaultversionid");
      Future<List<Entity>> shownVersions = !in.has(VERSIONS) ? Future.succeededFuture(null)
          : versions.children(ctx.tx, row, VERSIONS, here.child(VERSIONS))
              .map(vs -> {
                ctx.inlineBudget.charge(vs.size(), s.xid() + "/" + VERSIONS);
                return vs.stream().map(v -> s.version(v.entity())).toList();
              });
      return shownVersions.compose(vs -> ctx.tx.find(s.dataXid() + "/versions/" + dv).map(Tree::present)
          .compose(def -> versions.count(ctx.tx, row, VERSIONS, here.child(VERSIONS), null)
              .map(n -> new View.ResourceView(r, s.xid(), s.meta(), s.version(def.entity()), n, vs,
                  versions.parameters()))));
    });
  }

  /** A Resource as read: meta, default Version, the count of Versions, and all Versions if inlined. */
  Future<View> resourceView(ResourceType r, StoredEntity meta, Inline in) {
    return shown(meta).compose(s -> {
      if (s.data() == null) {
        return Future.succeededFuture(new View.ResourceView(r, s.xid(), s.meta(), null, 0, null));
      }
      String dv = s.meta().text("defaultversionid");
      if (in.has(VERSIONS)) {
        return ctx.tx.children(s.data().rowId(), VERSIONS).map(vs -> {
          ctx.inlineBudget.charge(vs.size(), s.xid() + "/" + VERSIONS);
          return withVersions(r, s.xid(), s.meta(), vs.stream().map(v -> s.version(v.entity())).toList());
        });
      }
      return ctx.tx.find(s.dataXid() + "/versions/" + dv).map(Tree::present).compose(v -> ctx.tx.counts(s.data().rowId())
          .map(c -> new View.ResourceView(r, s.xid(), s.meta(), s.version(v.entity()), c.getOrDefault(VERSIONS, 0L),
              null)));
    });
  }

  /** A Resource shown with all of its {@code versions} inlined; its default Version is among them. */
  static View.ResourceView withVersions(ResourceType r, String xid, Entity meta, List<Entity> versions) {
    String dv = meta.text("defaultversionid");
    Entity def = versions.stream().filter(v -> v.id().equals(dv)).findFirst()
        .orElseThrow(() -> new ConflictException("the default Version " + dv + " of " + xid
            + " changed while it was read"));
    return new View.ResourceView(r, xid, meta, def, versions.size(), versions);
  }

  /**
   * A row that the rows read before it say exists (the default Version of a Resource whose meta
   * was read). Reads run without a transaction, so a concurrent delete can remove it between
   * the two statements: that is a {@link ConflictException}, on which the read is repeated in
   * one snapshot (RequestExecutor), never a NullPointerException.
   */
  static StoredEntity present(StoredEntity row) {
    if (row == null) {
      throw new ConflictException("an entity was deleted while it was read");
    }
    return row;
  }

  /** The view of a Resource just written; an xref source is read back to show its target. */
  Future<View> writtenView(Written w) {
    ResourceState after = w.outcome().after();
    if (CrossReference.of(after.meta()) == null) {
      return Future.succeededFuture(resourceView(w.type(), w.xid(), after));
    }
    return findResource(w.xid()).compose(m -> resourceView(w.type(), m));
  }

  static View resourceView(ResourceType r, String xid, ResourceState s) {
    return new View.ResourceView(r, xid, s.meta(), s.defaultVersion(), s.versions().size(),
        List.copyOf(s.versions().values()));
  }

  /**
   * What the Resource of {@code meta} shows (CORE-XREF-002): its own meta and Versions, or for
   * an xref source its target's, rebased onto the source's IDs and URLs. A target that is
   * missing or is an xref itself (never followed further) leaves only the source's identity.
   */
  Future<Shown> shown(StoredEntity meta) {
    String xid = resourceXidOf(meta);
    String xref = CrossReference.of(meta.entity());
    if (xref == null) {
      return Future.succeededFuture(new Shown(xid, meta.entity(), meta));
    }
    return ctx.tx.find(xref + "/meta").map(target -> target == null || CrossReference.of(target.entity()) != null
        ? new Shown(xid, meta.entity(), null)
        : new Shown(xid, CrossReference.rebaseMeta(target.entity(), meta.entity()), target));
  }

  private static String resourceXidOf(StoredEntity meta) {
    String metaXid = meta.entity().xid();
    return metaXid.substring(0, metaXid.length() - "/meta".length());
  }

  /**
   * A Resource as shown: {@code xid} and {@code meta} are the Resource's own identity (with
   * the target's meta data for an xref); {@code data} is the meta row whose Versions are
   * shown, null when there are none to show.
   */
  record Shown(String xid, Entity meta, StoredEntity data) {
    String dataXid() {
      return resourceXidOf(data);
    }

    Entity version(Entity stored) {
      return data.entity().xid().equals(meta.xid()) ? stored : CrossReference.rebaseVersion(stored, xid);
    }

    boolean isXref() {
      return CrossReference.of(meta) != null;
    }
  }

  /** The meta row of the Resource at {@code resourceXid} (stored under the meta's xid), or null. */
  Future<StoredEntity> findResource(String resourceXid) {
    return ctx.tx.find(resourceXid + "/meta");
  }

  /** PUT/PATCH of one Group, then its nested Resource maps (CORE-COLL-006). */
  Future<StoredEntity> writeGroup(GroupType g, String gid, ObjectNode body, Method method) {
    ctx.checkDeadline();
    String xid = "/" + g.plural() + "/" + gid;
    return ctx.tx.findForUpdate(xid).compose(existing -> {
      Entity after = EntityWrite.apply(existing == null ? null : existing.entity(), body, method, Shapes.group(g),
          xid, gid, ctx.now);
      GroupConstraints.checkNarrowing(g, ctx.registry.model().groupConstraints(g.plural()),
          after.attributes().get("constraints"), xid);
      ctx.groupsWritten.add(xid);
      Future<StoredEntity> saved;
      if (existing == null) {
        ctx.registryChildrenChanged = true;
        saved = uniqueIgnoringCase(null, g.plural(), gid, xid)
            .compose(v -> ctx.tx.insert(null, g.plural(), after)).map(id -> new StoredEntity(id, null, after));
      } else {
        saved = ctx.tx.update(existing.rowId(), after, existing.entity().epoch())
            .map(v -> new StoredEntity(existing.rowId(), null, after));
      }
      return saved.compose(group -> {
        ctx.domainChecks.groupWritten(g, group.rowId(), existing == null ? null : existing.entity(), after);
        return Futures.sequence(g.resources().values(), r -> Futures.sequence(
              Bodies.map(body.get(r.plural()), xid + "/" + r.plural()).entrySet(),
              e -> writeResourceInMap(g, gid, r, e.getKey(), method, w -> w.resource(e.getValue(), null))))
            .compose(v -> recheckResources(g, existing, group)).map(v -> group);
      });
    });
  }

  /**
   * The Group of a Resource about to be written (created empty if missing, CORE-GEN-005) and the
   * Resource loaded for writing: its meta row locked, and all of its Versions. The Group and the
   * meta row come in one statement, or from the precondition check that read them already.
   */
  private Future<ToWrite> loadForUpdate(GroupType g, String gid, String resourceXid) {
    String groupXid = "/" + g.plural() + "/" + gid;
    RequestContext.ResourceRows ahead = ctx.readAhead;
    ctx.readAhead = null;
    Future<RequestContext.ResourceRows> rows = ahead != null && ahead.groupXid().equals(groupXid)
        && ahead.metaXid().equals(resourceXid + "/meta") ? Future.succeededFuture(ahead)
        : RequestContext.ResourceRows.read(ctx.tx, groupXid, resourceXid);
    return rows.compose(read -> {
      // a missing Group has no Resources: creating it leaves the meta missing
      Future<StoredEntity> group = read.group() != null ? Future.succeededFuture(read.group())
          : writeGroup(g, gid, Json.object(), Method.PUT);
      return group.compose(grp -> versionsOf(read.meta()).map(loaded -> new ToWrite(grp, loaded)));
    });
  }

  private Future<Loaded> versionsOf(StoredEntity meta) {
    if (meta == null) {
      return Future.succeededFuture(null);
    }
    return ctx.tx.children(meta.rowId(), VERSIONS).map(vs -> {
      Map<String, StoredEntity> byId = new LinkedHashMap<>();
      vs.forEach(v -> byId.put(v.entity().id(), v));
      return new Loaded(meta, byId);
    });
  }

  /**
   * Runs the Resource processing algorithm on one Resource and persists the outcome:
   * implicit Group creation, inserts, conditional updates, deletes.
   */
  Future<Written> writeResource(GroupType g, String gid, ResourceType r, String rid, Method method,
      UnaryOperator<ResourceWrite> steps) {
    return writeResource(g, gid, r, rid, method, steps, false);
  }

  /**
   * As {@link #writeResource(GroupType, String, ResourceType, String, Method, UnaryOperator)} for
   * an entry of a collection map; null when {@code ?ignore=readonly} leaves it out (D4).
   */
  Future<Written> writeResourceInMap(GroupType g, String gid, ResourceType r, String rid, Method method,
      UnaryOperator<ResourceWrite> steps) {
    return writeResource(g, gid, r, rid, method, steps, true);
  }

  private Future<Written> writeResource(GroupType g, String gid, ResourceType r, String rid, Method method,
      UnaryOperator<ResourceWrite> steps, boolean inCollectionMap) {
    ctx.checkDeadline();
    String xid = "/" + g.plural() + "/" + gid + "/" + r.plural() + "/" + rid;
    return loadForUpdate(g, gid, xid).compose(loaded -> {
      StoredEntity group = loaded.group();
      Loaded before = loaded.before();
      ResourceState state = before == null ? null : before.state();
      if (before != null && new ReadonlyResources(ctx).skip(state.meta(), xid, inCollectionMap)) {
        return Future.succeededFuture(null);
      }
      GroupConstraints constraints = constraints(g, group.entity(), r);
      return xrefTargetEpoch(state).compose(targetEpoch -> {
        ResourceWrite write = steps.apply(resourceWrite(state, r, xid, rid, method, targetEpoch, constraints));
        // Parsing and comparing schemas is CPU work of unbounded cost: off the event loop
        // (issue 13 item 1). The rest of the algorithm is cheap and stays here.
        return r.validateFormat() || r.validateCompatibility() ? ctx.validation.run(write::finish)
            : Future.succeededFuture(write.finish());
      }).compose(outcome -> {
        Written written = written(g, r, state, outcome, xid);
        return checkXrefTarget(outcome, xid, constraints)
            .compose(v -> persist(group, r, before, outcome)).map(v -> written);
      });
    });
  }

  /** The Resource processing algorithm set up for one Resource of this request. */
  ResourceWrite resourceWrite(ResourceState state, ResourceType r, String xid, String rid, Method method,
      long xrefTargetEpoch, GroupConstraints constraints) {
    return ResourceWrite.on(state, r, xid, rid, method, ctx.now)
        .requestPath(ctx.request.path()).xrefTargetEpoch(xrefTargetEpoch).admin(ctx.request.admin())
        .constraints(constraints).validationLimits(ctx.validation.limits());
  }

  /** Records a Resource's outcome for the request's end-of-request checks, after the OCI view's rule. */
  Written written(GroupType g, ResourceType r, ResourceState before, ResourceWrite.Outcome outcome, String xid) {
    ViewWrites.check(ctx, g, r, before, outcome, xid);
    Written written = new Written(xid, r, outcome);
    ctx.domainChecks.resourceWritten(g, written);
    ctx.xrefTargets.resourceWritten(written);
    return written;
  }

  GroupConstraints constraints(GroupType g, Entity group, ResourceType r) {
    return GroupConstraints.of(ctx.registry.model().groupConstraints(g.plural()), group, r.plural());
  }

  /**
   * CORE-XREF-007: the Group's {@code enum}/{@code equals} constraints hold for the target of
   * a Resource that is an xref after this write (its {@code default}s do not apply there).
   */
  Future<Void> checkXrefTarget(ResourceWrite.Outcome outcome, String xid, GroupConstraints constraints) {
    String xref = outcome.after() == null ? null : CrossReference.of(outcome.after().meta());
    if (xref == null || constraints.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.tx.find(xref + "/meta").compose(target -> target == null || CrossReference.of(target.entity()) != null
        ? Future.<Void>succeededFuture()
        : ctx.tx.children(target.rowId(), VERSIONS).map(vs -> {
          constraints.check(xid, vs.stream().map(StoredEntity::entity).toList());
          return null;
        }));
  }

  /**
   * A Group write that changes its {@code constraints}, or a Group attribute an {@code equals}
   * names, re-checks every Resource already in the Group (model.md: the constraints apply to
   * all Versions of all Resources in the Group); xrefs are checked against their targets.
   */
  private Future<Void> recheckResources(GroupType g, StoredEntity before, StoredEntity after) {
    JsonNode model = ctx.registry.model().groupConstraints(g.plural());
    if (before == null || !GroupConstraints.groupSideChanged(model, before.entity(), after.entity())) {
      return Future.succeededFuture();
    }
    return Futures.sequence(g.resources().values(), r -> {
      GroupConstraints constraints = constraints(g, after.entity(), r);
      if (constraints.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      return ctx.tx.children(after.rowId(), r.plural()).compose(metas -> Futures.sequence(metas,
          meta -> shown(meta).compose(s -> s.data() == null ? Future.<Void>succeededFuture()
              : ctx.tx.children(s.data().rowId(), VERSIONS).map(vs -> {
                constraints.check(s.xid(), vs.stream().map(StoredEntity::entity).toList());
                return null;
              })))).mapEmpty();
    }).mapEmpty();
  }

  /** The meta epoch of an xref source's target, 0 if missing or not an xref (spec.md "Cross Referencing Resources"). */
  private Future<Long> xrefTargetEpoch(ResourceState state) {
    if (!ResourceWrite.isXref(state)) {
      return Future.succeededFuture(0L);
    }
    return ctx.tx.find(CrossReference.of(state.meta()) + "/meta").map(t -> t == null ? 0L : t.entity().epoch());
  }

  private Future<Void> persist(StoredEntity group, ResourceType r, Loaded before, ResourceWrite.Outcome outcome) {
    ResourceState after = outcome.after();
    if (after == null) {
      if (before == null) {
        return Future.succeededFuture();
      }
      ctx.groupsWithChangedChildren.put(group.rowId(), group.entity().xid());
      return ctx.tx.delete(before.meta().rowId(), before.meta().entity().xid());
    }
    if (before == null) {
      ctx.groupsWithChangedChildren.put(group.rowId(), group.entity().xid());
      String rid = after.meta().id();
      return uniqueIgnoringCase(group.rowId(), r.plural(), rid, group.entity().xid() + "/" + r.plural() + "/" + rid)
          .compose(v -> ctx.tx.insert(group.rowId(), r.plural(), after.meta()))
          .compose(row -> persistVersions(row, before, outcome));
    }
    // An existing meta row is written after its Versions: when the default moves to a Version
    // this request creates, the row's copies of the default's name and labels (V13) are then
    // filled by the meta row's own update, not by a second update when the Version's insert
    // trigger runs (issue 15, W2). Its change-feed row keeps its place before the Versions'
    // (events.md order: resource.updated before version.created) in a slot reserved now.
    Entity old = before.meta().entity();
    long row = before.meta().rowId();
    if (unchanged(old, after.meta())) {
      return persistVersions(row, before, outcome);
    }
    StoreTx.FeedSlot slot = ctx.tx.reserveFeedSlot();
    return persistVersions(row, before, outcome).compose(v -> ctx.tx.update(row, after.meta(), old.epoch(), slot));
  }

  /** Deletes, inserts and updates the Versions of meta row {@code row} as {@code outcome} says. */
  private Future<Void> persistVersions(long row, Loaded before, ResourceWrite.Outcome outcome) {
    ResourceState after = outcome.after();
    return Futures.sequence(outcome.deletedVersions(), vid -> {
      StoredEntity gone = before == null ? null : before.versions().get(vid);
      return gone == null ? Future.<Void>succeededFuture() : ctx.tx.delete(gone.rowId(), gone.entity().xid());
    }).compose(v -> Futures.sequence(after.versions().values(), ver -> {
      StoredEntity old = before == null ? null : before.versions().get(ver.id());
      if (old == null) {
        return ctx.tx.insert(row, VERSIONS, ver).mapEmpty();
      }
      if (unchanged(old.entity(), ver)) {
        return Future.<Void>succeededFuture();
      }
      return ctx.tx.update(old.rowId(), ver, old.entity().epoch());
    })).mapEmpty();
  }

  /**
   * CORE-ID-002: IDs are unique ignoring case among siblings. The spec names no error code
   * for a clash; we answer 400 bad_request (A19, docs/spec-decisions.md).
   */
  private Future<Void> uniqueIgnoringCase(Long parentId, String collection, String id, String xid) {
    return ctx.tx.siblingIdIgnoringCase(parentId, collection, id).map(other -> {
      if (other != null && !other.equals(id)) {
        throw caseClash(xid, id, other);
      }
      return null;
    });
  }

  /** CORE-ID-002: {@code id} (at {@code xid}) differs only in case from its sibling {@code other}. */
  static XRegistryException caseClash(String xid, String id, String other) {
    return XRegistryException.of(ErrorType.BAD_REQUEST, xid)
        .errorDetail("the ID \"" + id + "\" differs only in case from the existing \"" + other
            + "\"; IDs are unique ignoring case")
        .build();
  }

  private static boolean unchanged(Entity before, Entity after) {
    return before.epoch() == after.epoch() && before.attributes().equals(after.attributes());
  }

  /** A Resource about to be written: its Group, and the Resource as loaded (null: it does not exist yet). */
  private record ToWrite(StoredEntity group, Loaded before) {
  }

  /** A Resource as loaded for a write. */
  record Loaded(StoredEntity meta, Map<String, StoredEntity> versions) {
    ResourceState state() {
      Map<String, Entity> vs = new LinkedHashMap<>();
      versions.forEach((k, v) -> vs.put(k, v.entity()));
      return new ResourceState(meta.entity(), vs);
    }
  }

  /** The result of one Resource write. */
  record Written(String xid, ResourceType type, ResourceWrite.Outcome outcome) {
  }
}
