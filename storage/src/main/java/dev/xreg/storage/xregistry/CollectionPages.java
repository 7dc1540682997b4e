package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntitySort;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.core.command.Reply;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.render.View;
import dev.xreg.storage.Page;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET on a collection ({@code /<GROUPS>}, {@code /<GROUPS>/<gid>/<RESOURCES>},
 * {@code .../versions}) as pages (xRegistry pagination, PAGE-001..016): {@code ?limit=N}
 * (clamped to the server's maximum page size; without it the server still stops at that
 * maximum, PAGE-014), keyset cursors in {@code ?cursor}, ID order (PAGE-016). A maximum of 0
 * means no server pages: without {@code ?limit} the whole collection is the answer, which a
 * shallow read returns as its first chunk plus the cursor to continue from.
 *
 * <p>Reads per page, whatever the page size: the page (one range scan of
 * {@code entity_children}), then for Groups their Resource counts, for Resources their default
 * Versions and Version counts (each one batched query over the page's rows), and the total
 * count only when the set spans more than one page.
 */
final class CollectionPages {
  static final String LIMIT = "limit";
  static final String CURSOR = "cursor";
  private static final String VERSIONS = "versions";

  private final RequestContext ctx;
  private final Tree tree;
  private final PageCursors cursors;
  private final int maxPageSize;

  CollectionPages(RequestContext ctx, Tree tree, PageCursors cursors, int maxPageSize) {
    this.ctx = ctx;
    this.tree = tree;
    this.cursors = cursors;
    this.maxPageSize = maxPageSize;
  }

  Future<Reply> get(EntityPath target) {
    return switch (target.level()) {
      case GROUPS -> groups(target);
      case RESOURCES -> resources(target);
      case VERSIONS -> versions(target);
      default -> throw new IllegalArgumentException(target.level().name());
    };
  }

  private Future<Reply> groups(EntityPath target) {
    GroupType g = target.group();
    Subfilter members = Subfilter.of(QueryFlags.filter(ctx));
    EntityScope scope = EntityScope.of(target);
    Subfilter below = members.belowEveryMember(scope);
    if ((!ctx.rendering.inline().isEmpty() && !ctx.scope.shallow()) || below == null) {
      // Inlined children, and counts narrowed by a filter, are loaded per Group (bounded by the page size);
      // a shallow read leaves inlined collections to the streaming writer.
      return read(target, null, g.plural(), items -> Futures.sequence(items, e -> members.at(ctx.tx, e, scope)
          .compose(sub -> tree.groupView(g, e, ctx.rendering.inline(), sub))));
    }
    return read(target, null, g.plural(), items -> ctx.tx.countsOf(rowIds(items)).map(counts -> {
      List<View> out = new ArrayList<>(items.size());
      for (StoredEntity e : items) {
        out.add(new View.GroupView(g, e.entity().xid(), e.entity(), counts.getOrDefault(e.rowId(), Map.of()), null,
            below.urls(scope)));
      }
      return out;
    }));
  }

  private Future<Reply> resources(EntityPath target) {
    ResourceType r = target.resource();
    String groupXid = target.groupPath().xid();
    return tree.find(groupXid).compose(g -> {
      StoredEntity group = RequestExecutor.notFound(g, groupXid);
      Subfilter members = Subfilter.of(QueryFlags.filter(ctx));
      EntityScope scope = EntityScope.of(target);
      Subfilter below = members.belowEveryMember(scope);
      boolean withVersions = ctx.rendering.inline().has(VERSIONS);
      if (below == null || (withVersions && QueryFlags.filter(ctx) != null)) {
        // a filter narrows what each Resource shows: read per Resource (bounded by the page size)
        return read(target, group.rowId(), r.plural(), metas -> Futures.sequence(metas,
            m -> members.at(ctx.tx, m, scope).compose(sub -> tree.resourceView(r, m, ctx.rendering.inline(), sub))));
      }
      return read(target, group.rowId(), r.plural(), metas -> {
        if (metas.stream().anyMatch(m -> CrossReference.of(m.entity()) != null)) {
          // xref sources show their targets' data (CORE-XREF-002): read per Resource, bounded by the page size
          return Futures.sequence(metas, m -> tree.resourceView(r, m, ctx.rendering.inline(), below));
        }
        return batchedViews(r, metas, withVersions, below.below(scope, VERSIONS).parameters());
      });
    });
  }

  /**
   * The page's Resources in two queries: with {@code withVersions} all their Versions (no
   * filter applies to them then), else their default Versions and the Version counts;
   * {@code versionsSubfilter} for each versionsurl.
   */
  private Future<List<View>> batchedViews(ResourceType r, List<StoredEntity> metas, boolean withVersions,
      List<String> versionsSubfilter) {
    if (withVersions) {
      return ctx.tx.childrenOf(rowIds(metas), VERSIONS).map(byMeta -> {
        List<View> out = new ArrayList<>(metas.size());
        for (StoredEntity m : metas) {
          out.add(Tree.withVersions(r, resourceXid(m), m.entity(),
              byMeta.getOrDefault(m.rowId(), List.of()).stream().map(StoredEntity::entity).toList()));
        }
        return out;
      });
    }
    List<String> defaults = new ArrayList<>(metas.size());
    for (StoredEntity m : metas) {
      defaults.add(resourceXid(m) + "/versions/" + m.entity().text("defaultversionid"));
    }
    return ctx.tx.findAll(defaults).compose(dvs -> ctx.tx.countsOf(rowIds(metas)).map(counts -> {
      List<View> out = new ArrayList<>(metas.size());
      for (int i = 0; i < metas.size(); i++) {
        StoredEntity m = metas.get(i);
        StoredEntity dv = dvs.get(defaults.get(i));
        if (dv == null) {
          // deleted (or the default moved) between the page's read and this one: read again in a snapshot
          throw new dev.xreg.storage.ConflictException("the default Version " + defaults.get(i)
              + " changed while it was read");
        }
        long versions = counts.getOrDefault(m.rowId(), Map.of()).getOrDefault(VERSIONS, 0L);
        out.add(new View.ResourceView(r, resourceXid(m), m.entity(), dv.entity(), versions, null, versionsSubfilter));
      }
      return out;
    }));
  }

  private Future<Reply> versions(EntityPath target) {
    ResourceType r = target.resource();
    String resourceXid = target.resourcePath().xid();
    return tree.findResource(resourceXid).compose(found -> {
      if (found == null) {
        throw XRegistryException.of(ErrorType.NOT_FOUND, resourceXid).build();
      }
      return tree.shown(found).compose(s -> {
        ResourceRequests.rejectDocViewOfXrefVersions(ctx, s);
        String dv = s.meta().text("defaultversionid");
        // an xref source shows its target's Versions; a dangling one its own set, which is empty
        StoredEntity data = s.data() == null ? found : s.data();
        return read(target, data.rowId(), VERSIONS, vs -> {
          List<View> out = new ArrayList<>(vs.size());
          for (StoredEntity v : vs) {
            Entity e = s.data() == null ? v.entity() : s.version(v.entity());
            out.add(new View.VersionView(r, resourceXid, e, e.id().equals(dv)));
          }
          return Future.succeededFuture(out);
        });
      });
    });
  }

  /** Reads one page of {@code parentId}'s {@code collection} and renders it with {@code views}. */
  private Future<Reply> read(EntityPath target, Long parentId, String collection,
      Function<List<StoredEntity>, Future<List<View>>> views) {
    String collectionXid = target.xid();
    Integer requested = limit(collectionXid);
    String token = ctx.request.flag(CURSOR);
    // maxPageSize 0: no server pages; a request without ?limit gets the whole collection
    // (streamed chunk by chunk when the HTTP side asked for a shallow read)
    boolean whole = maxPageSize == 0 && requested == null && token == null;
    int limit;
    if (requested != null) {
      limit = maxPageSize == 0 ? requested : Math.min(requested, maxPageSize);
    } else if (!whole) {
      limit = maxPageSize;
    } else {
      limit = ctx.scope.shallow() ? ReadScope.CHUNK_SIZE : Integer.MAX_VALUE;
    }
    limit = Math.min(limit, Integer.MAX_VALUE - 1); // the query reads limit+1 rows
    String scope = scope(collectionXid);
    List<Object> after = token == null ? List.of() : cursors.decode(scope, token, collectionXid);
    EntityScope rows = EntityScope.of(target);
    PageQuery q = new PageQuery(parentId, collection,
        EntityPredicate.of(QueryFlags.filter(ctx), rows),
        EntitySort.of(QueryFlags.sort(ctx, true), rows), after, limit);
    return ctx.tx.page(q).compose(page -> views.apply(page.items()).compose(items -> {
      boolean paginated = !whole && (requested != null || token != null || page.more());
      String next = page.more() ? cursors.encode(scope, page.lastPosition()) : null;
      // a chunk of a streamed collection needs no total: the client sees one unpaginated response
      Future<Long> count = paginated && ctx.scope != ReadScope.CHUNK ? ctx.tx.count(q)
          : Future.succeededFuture((long) items.size());
      return count.map(n -> (Reply) new Reply.Page(items, ctx.rendering, next, n, paginated));
    }));
  }

  /**
   * What a cursor is bound to: the collection and every flag that shapes the set or its
   * order. Filter and sort are included now so that a cursor cannot be replayed against a
   * different query once those flags select and order in SQL.
   */
  private String scope(String collectionXid) {
    return collectionXid + "\n" + ctx.request.query().getOrDefault("filter", List.of()) + "\n"
        + ctx.request.query().getOrDefault("sort", List.of());
  }

  /** PAGE-001/002: {@code limit} is an unsigned integer above 0; values above the maximum are clamped. */
  private Integer limit(String subject) {
    String v = ctx.request.flag(LIMIT);
    if (v == null) {
      return null;
    }
    try {
      if (!v.matches("[0-9]{1,25}")) {
        throw new NumberFormatException();
      }
      BigInteger n = new BigInteger(v);
      if (n.signum() <= 0) {
        throw new NumberFormatException();
      }
      return n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    } catch (NumberFormatException e) {
      throw XRegistryException.of(ErrorType.BAD_REQUEST, subject)
          .errorDetail("the limit flag must be an integer greater than 0, got \"" + v + "\"").build();
    }
  }

  private static List<Long> rowIds(List<StoredEntity> items) {
    List<Long> ids = new ArrayList<>(items.size());
    items.forEach(e -> ids.add(e.rowId()));
    return ids;
  }

  private static String resourceXid(StoredEntity meta) {
    String xid = meta.entity().xid();
    return xid.substring(0, xid.length() - "/meta".length());
  }
}
