package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.Target;
import dev.xreg.core.command.Preconditions;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.flag.Inline;
import dev.xreg.core.render.ETags;
import dev.xreg.core.render.View;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.Map;

/**
 * {@code If-Match} / {@code If-None-Match} on writes (PUT, PATCH, POST, DELETE), checked inside
 * the write's transaction before anything is written: the targeted entity's row (for a
 * Resource, Version or meta: the Resource's meta row, which every write to the Resource locks
 * too) is read {@code FOR UPDATE}, its current ETag computed, and the request fails with 412
 * {@code precondition_failed} when a condition does not hold. Holding the row lock until
 * commit means no other writer, on this node or another, can change the entity between the
 * check and the write. GET and HEAD are evaluated by the HTTP layer on the reply.
 *
 * <p>Collections have no ETag: {@code If-Match: *} holds for them, any listed tag does not;
 * {@code If-None-Match: *} fails, listed tags hold.
 */
final class ConditionalWrites {
  private final RequestContext ctx;
  private final Tree tree;

  ConditionalWrites(RequestContext ctx, Tree tree) {
    this.ctx = ctx;
    this.tree = tree;
  }

  Future<Void> check(String path) {
    Preconditions p = ctx.request.preconditions();
    if (p.isEmpty() || ctx.request.operation() == Operation.READ || ctx.request.target() != Target.ENTITY) {
      return Future.succeededFuture();
    }
    EntityPath target = EntityPath.parse(path, ctx.registry.model());
    return currentTag(target, existenceOnly(p)).map(tag -> {
      if (!p.ifMatchHolds(tag)) {
        throw failed(target.xid(), "If-Match " + p.ifMatch() + " does not match: " + describe(tag));
      }
      if (!p.ifNoneMatchHolds(tag)) {
        throw failed(target.xid(), "If-None-Match " + p.ifNoneMatch() + " matches: " + describe(tag));
      }
      return null;
    });
  }

  /**
   * Only {@code *} is listed: the outcome depends on whether the entity exists, not on its tag,
   * so the tag is not computed (for a Resource that saves reading its default Version and
   * counts; bench W2 sends {@code If-Match: *}). The row is still read and locked.
   */
  private static boolean existenceOnly(Preconditions p) {
    return p.ifMatch().stream().allMatch(Preconditions.ANY::equals)
        && p.ifNoneMatch().stream().allMatch(Preconditions.ANY::equals);
  }

  /**
   * The ETag of the targeted entity as it is now, its row locked; null if it does not exist.
   * With {@code existenceOnly}, any non-null value stands for "it exists".
   */
  private Future<String> currentTag(EntityPath t, boolean existenceOnly) {
    switch (t.level()) {
      case REGISTRY:
        return Future.succeededFuture(ETags.of(new View.RegistryView(ctx.registry, Map.of(), null)));
      case GROUP:
        return ctx.tx.findForUpdate(t.xid()).map(g -> g == null ? null
            : ETags.of(new View.GroupView(t.group(), t.xid(), g.entity(), Map.of(), null)));
      case RESOURCE:
      case META:
      case VERSION: {
        String resourceXid = t.resourcePath().xid();
        String groupXid = "/" + t.group().plural() + "/" + t.groupId();
        return RequestContext.ResourceRows.read(ctx.tx, groupXid, resourceXid).compose(rows -> {
          // the meta locked until commit and neither yet written: the write that follows need not read them again
          ctx.readAhead = rows;
          StoredEntity meta = rows.meta();
          if (meta == null) {
            return Future.succeededFuture(null);
          }
          if (existenceOnly && t.level() != EntityPath.Level.VERSION) {
            return Future.succeededFuture(EXISTS);
          }
          return switch (t.level()) {
            // meta and Resource tags are those of what a GET shows, which for an xref source is its target's data
            case META -> tree.shown(meta).map(s -> ETags.of(new View.MetaView(t.resource(), resourceXid, s.meta())));
            case VERSION -> ctx.tx.find(t.xid()).map(v -> v == null ? null : ETags.of(new View.VersionView(
                t.resource(), resourceXid, v.entity(), t.versionId().equals(meta.entity().text("defaultversionid")))));
            default -> resourceTag(t, meta);
          };
        });
      }
      default:
        // a collection: it exists, and has no entity-tag
        return Future.succeededFuture(COLLECTION);
    }
  }

  private Future<String> resourceTag(EntityPath t, StoredEntity meta) {
    return tree.resourceView(t.resource(), meta, Inline.NONE).map(ETags::of);
  }

  /** Stands for the tag of an entity that exists, when only its existence was asked ({@code *}). */
  private static final String EXISTS = "\u0000exists";

  /** Stands for a collection's (non-existent) tag: never equal to a tag a client holds. */
  private static final String COLLECTION = "\u0000collection";

  private static String describe(String tag) {
    if (tag == null) {
      return "the entity does not exist";
    }
    if (EXISTS.equals(tag)) {
      return "the entity exists";
    }
    return COLLECTION.equals(tag) ? "a collection has no ETag" : "the current ETag is " + tag;
  }

  private static XRegistryException failed(String subject, String detail) {
    return XRegistryException.of(ErrorType.PRECONDITION_FAILED, subject).errorDetail(detail).build();
  }
}
