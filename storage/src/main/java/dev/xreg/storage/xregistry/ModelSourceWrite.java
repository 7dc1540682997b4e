package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntityPredicate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.AttributeSet;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.Compliance;
import dev.xreg.core.write.Shape;
import dev.xreg.core.write.Shapes;
import dev.xreg.storage.EntityLevel;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces the model (PUT /modelsource, or modelsource inside a Registry write). The existing
 * entities must comply with the new model (model.md "Creating or Updating the Registry Model",
 * CORE-MOD-007): otherwise the request fails with the spec's error naming the first offending
 * entity, and nothing changes (the transaction rolls back).
 *
 * <p>Rules over one aspect are single SQL queries that stop at the first hit ({@code hasdocument},
 * sticky defaults under {@code maxversions:1}, too many Versions). Changed attribute definitions
 * are checked by streaming only the levels whose definitions changed, {@value #PAGE} entities per
 * query in row order; a model change on a level with millions of entities therefore reads them
 * all inside one transaction (see README, "Changing the model").
 */
final class ModelSourceWrite {
  private static final int PAGE = 500;
  private final RequestContext ctx;

  ModelSourceWrite(RequestContext ctx) {
    this.ctx = ctx;
  }

  Future<Model> replace(JsonNode source) {
    Model next = Model.parse(source);
    Model current = ctx.registry.model();
    // The content views (models oci and cnr) are derived from their APIs' tables: each goes with
    // its model, and comes back filled once the model is set again (docs/oci.md, docs/cnr.md
    // "xRegistry view").
    List<ContentView> views = List.of(ctx.ociView, ctx.cnrView);
    List<ContentView> added = views.stream().filter(v -> v.shows(next) && !v.shows(current)).toList();
    Future<Void> viewDropped = Futures.sequence(views.stream().filter(v -> v.shows(current) && !v.shows(next))
        .toList(), v -> v.drop(ctx, next)).mapEmpty();
    return viewDropped.compose(d -> ctx.tx.counts(null)).compose(groupCounts -> {
      List<String> lost = new ArrayList<>();
      for (Map.Entry<String, Long> e : groupCounts.entrySet()) {
        if (e.getValue() > 0 && next.group(e.getKey()).isEmpty()) {
          lost.add(e.getKey());
        }
      }
      if (!lost.isEmpty()) {
        throw noncompliant("the Registry holds Groups of type " + lost + " that the new model does not define");
      }
      return Futures.sequence(current.groups().values(), g -> checkResourceTypes(g, next.group(g.plural())));
    }).compose(v -> checkAttributes(current, next)).compose(v -> {
      RegistryState r = ctx.registry;
      RegistryState updated = new RegistryState(r.registryid(), ctx.nextRegistryEpoch(), r.createdat(), ctx.now,
          r.attributes(), next, r.capabilities());
      return ctx.tx.updateRegistry(updated, r.epoch()).map(x -> {
        ctx.registry = updated;
        ctx.registryWritten = true;
        return next;
      });
    }).compose(m -> Futures.sequence(added, v -> v.backfill(ctx)).map(m));
  }

  /** Resource types removed from a Group type must have no Resources left; kept ones are checked aspect by aspect. */
  private Future<Void> checkResourceTypes(GroupType g, Optional<GroupType> next) {
    List<String> removed = new ArrayList<>();
    List<ResourceType[]> kept = new ArrayList<>();
    for (ResourceType r : g.resources().values()) {
      Optional<ResourceType> after = next.flatMap(n -> n.resource(r.plural()));
      if (after.isEmpty()) {
        removed.add(r.plural());
      } else {
        kept.add(new ResourceType[] {r, after.get()});
      }
    }
    Future<Void> removedChecked = removed.isEmpty() ? Future.succeededFuture()
        : ctx.tx.children(null, g.plural()).compose(groups -> Futures.sequence(groups,
            grp -> ctx.tx.counts(grp.rowId()).map(c -> {
              for (String r : removed) {
                if (c.getOrDefault(r, 0L) > 0) {
                  throw noncompliant(grp.entity().xid() + " holds " + r + " that the new model does not define");
                }
              }
              return null;
            }))).mapEmpty();
    return removedChecked.compose(v -> Futures.sequence(kept, pair -> checkAspects(g, pair[0], pair[1])))
        .mapEmpty();
  }

  private Future<Void> checkAspects(GroupType g, ResourceType before, ResourceType after) {
    String where = "groups." + g.plural() + ".resources." + after.plural();
    Future<Void> f = Future.succeededFuture();
    if (before.hasDocument() && !after.hasDocument()) {
      // CORE-MOD-014: a Version with a document (bytes, or a <RESOURCE>url to an external one)
      EntityPredicate hasDocument = new EntityPredicate.HasDocument(before.documentUrlAttribute());
      f = f.compose(v -> first(EntityLevel.versionsOf(g.plural(), after.plural()), hasDocument).map(hit -> {
        if (hit != null) {
          throw XRegistryException.of(ErrorType.HASDOCUMENT_VIOLATION, hit.entity().xid()).arg("plural", after.plural())
              .detail("the new model sets \"" + where + ".hasdocument\" to false, but this Version has a document")
              .build();
        }
        return null;
      }));
    }
    if (after.maxVersions() == 1 && before.maxVersions() != 1) {
      // CORE-MOD-015
      EntityPredicate sticky = new EntityPredicate.StickyDefault();
      f = f.compose(v -> first(EntityLevel.resourcesOf(g.plural(), after.plural()), sticky).map(hit -> {
        if (hit != null) {
          throw XRegistryException.of(ErrorType.SETDEFAULTVERSIONSTICKY_FALSE, resourceXid(hit))
              .detail("the new model sets \"" + where + ".maxversions\" to 1, but this Resource's"
                  + " defaultversionsticky is true")
              .build();
        }
        return null;
      }));
    }
    if (after.maxVersions() > 0 && (before.maxVersions() == 0 || after.maxVersions() < before.maxVersions())) {
      // docs/spec-decisions.md M3: existing Versions are not pruned by a model change
      EntityPredicate tooMany = new EntityPredicate.MoreVersionsThan(after.maxVersions());
      f = f.compose(v -> first(EntityLevel.resourcesOf(g.plural(), after.plural()), tooMany).map(hit -> {
        if (hit != null) {
          throw noncompliant(resourceXid(hit) + " has more Versions than the new \"" + where + ".maxversions\" ("
              + after.maxVersions() + ") allows");
        }
        return null;
      }));
    }
    return f;
  }

  /** A Resource's row is its meta, {@code <resource xid>/meta}. */
  private static String resourceXid(StoredEntity meta) {
    String xid = meta.entity().xid();
    return xid.substring(0, xid.length() - "/meta".length());
  }

  private Future<StoredEntity> first(EntityLevel level, EntityPredicate predicate) {
    return ctx.tx.scan(level, 0L, 1, predicate).map(hits -> hits.isEmpty() ? null : hits.get(0));
  }

  /**
   * CORE-MOD-007: every level whose attribute definitions changed is checked entity by entity
   * against the new definitions; unchanged levels are skipped.
   */
  private Future<Void> checkAttributes(Model current, Model next) {
    Future<Void> f = Future.succeededFuture();
    if (changed(current.registryAttributes(), next.registryAttributes())) {
      f = f.map(v -> {
        comply(ctx.registry.attributes(), Shapes.registry(next), "/");
        return null;
      });
    }
    for (GroupType g : next.groups().values()) {
      Optional<GroupType> before = current.group(g.plural());
      if (before.isEmpty()) {
        continue; // a new Group type has no entities yet
      }
      if (changed(before.get().attributes(), g.attributes())) {
        f = f.compose(v -> stream(EntityLevel.groupsOf(g.plural()), Shapes.group(g), 0L));
      }
      for (ResourceType r : g.resources().values()) {
        Optional<ResourceType> rBefore = before.get().resource(r.plural());
        if (rBefore.isEmpty()) {
          continue;
        }
        if (changed(rBefore.get().versionAttributes(), r.versionAttributes())
            || rBefore.get().hasDocument() != r.hasDocument()) {
          f = f.compose(v -> stream(EntityLevel.versionsOf(g.plural(), r.plural()), Shapes.version(r), 0L));
        }
        if (changed(rBefore.get().metaAttributes(), r.metaAttributes())) {
          f = f.compose(v -> stream(EntityLevel.resourcesOf(g.plural(), r.plural()), Shapes.meta(r), 0L));
        }
      }
    }
    return f;
  }

  private static boolean changed(AttributeSet before, AttributeSet after) {
    return !before.definitions().equals(after.definitions());
  }

  /** Checks the level page by page (keyset on the row ID), stopping at the first entity that breaks a rule. */
  private Future<Void> stream(EntityLevel level, Shape shape, long after) {
    return ctx.tx.scan(level, after, PAGE, null).compose(page -> {
      for (StoredEntity e : page) {
        comply(e.entity().attributes(), shape, e.entity().xid());
      }
      return page.size() < PAGE ? Future.succeededFuture()
          : stream(level, shape, page.get(page.size() - 1).rowId());
    });
  }

  private static void comply(ObjectNode attrs, Shape shape, String xid) {
    try {
      Compliance.check(attrs, shape, xid);
    } catch (XRegistryException e) {
      throw noncompliant(xid + " would not comply with the new model: "
          + (e.detail() != null ? e.detail() : e.title()));
    }
  }

  private static XRegistryException noncompliant(String detail) {
    return XRegistryException.of(ErrorType.MODEL_COMPLIANCE_ERROR, "/model").detail(detail).build();
  }
}
