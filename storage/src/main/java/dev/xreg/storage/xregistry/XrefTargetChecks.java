package dev.xreg.storage.xregistry;

import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.write.GroupConstraints;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CORE-XREF-007 from the target's side: the {@code enum}/{@code equals} constraints of a Group
 * hold for its xref Resources too (model.md "groups.&lt;STRING&gt;.constraints"), so a write to a
 * Resource that others xref must meet the constraints of their Groups. The source side (setting
 * an xref, changing a Group) is checked where it is written ({@link Tree}); this runs once at
 * the end of a request, inside its transaction, over every Resource the request wrote: one
 * round trip finds the xref sources of all of them (one index probe each), and only targets
 * that have sources read their Groups. A violation fails the request, which then changes nothing.
 */
final class XrefTargetChecks {
  private static final String META = "/meta";

  /** Resource xid -> its state after its last write in this request; xref sources are not targets. */
  private final Map<String, ResourceState> written = new LinkedHashMap<>();

  void resourceWritten(Tree.Written w) {
    ResourceState after = w.outcome().after();
    if (after == null || CrossReference.of(after.meta()) != null) {
      written.remove(w.xid());
    } else {
      written.put(w.xid(), after);
    }
  }

  /**
   * Runs the checks for the Resources written so far and forgets them, so an import holds only
   * one batch of them: a source written later checks its target itself (Tree), and every
   * source written earlier is in the database by now, where {@link #run} finds it.
   */
  Future<Void> flush(RequestContext ctx) {
    return run(ctx).map(v -> {
      written.clear();
      return null;
    });
  }

  Future<Void> run(RequestContext ctx) {
    if (written.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.tx.xrefSources(written.keySet()).compose(byTarget -> {
      if (byTarget.isEmpty()) {
        return Future.succeededFuture();
      }
      Set<String> groupXids = new LinkedHashSet<>();
      byTarget.values().forEach(sources -> sources.forEach(s -> groupXids.add(Source.of(s).groupXid())));
      return ctx.tx.findAll(groupXids).map(groups -> {
        byTarget.forEach((target, sources) -> check(ctx, target, sources, groups));
        return null;
      });
    });
  }

  private void check(RequestContext ctx, String targetXid, List<StoredEntity> sources,
      Map<String, StoredEntity> groups) {
    List<Entity> versions = List.copyOf(written.get(targetXid).versions().values());
    for (StoredEntity meta : sources) {
      Source s = Source.of(meta);
      StoredEntity group = groups.get(s.groupXid());
      if (group == null || ctx.registry.model().group(s.groupPlural()).isEmpty()) {
        continue; // not a Resource of the current model: nothing constrains it
      }
      GroupConstraints.of(ctx.registry.model().groupConstraints(s.groupPlural()), group.entity(), s.resourcePlural())
          .checkXrefTarget(s.xid(), targetXid, versions);
    }
  }

  /** Where an xref source sits, read from its meta row's xid: /GROUPS/gid/RESOURCES/rid/meta. */
  private record Source(String xid, String groupPlural, String groupXid, String resourcePlural) {
    static Source of(StoredEntity meta) {
      String metaXid = meta.entity().xid();
      String xid = metaXid.substring(0, metaXid.length() - META.length());
      String[] parts = xid.split("/");
      return new Source(xid, parts[1], "/" + parts[1] + "/" + parts[2], parts[3]);
    }
  }
}
