package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.List;

/**
 * Who may write a read-only Resource and what {@code ?ignore=readonly} does (spec.md
 * "readonly Attribute", "Ignore Flag"; docs/spec-decisions.md D4). Admin requests write them
 * like any other. For everyone else, a read-only Resource named in a collection map is
 * dropped from the request with {@code ?ignore=readonly}; targeted on its own it is
 * {@code bad_flag} with that flag and {@code readonly} without it.
 */
final class ReadonlyResources {
  private static final String IGNORE_VALUE = "readonly";
  /** Meta rows (the children of a Group in a Resource collection) with {@code readonly} true. */
  private static final EntityPredicate READONLY_META = new EntityPredicate.Readonly();

  private final RequestContext ctx;

  ReadonlyResources(RequestContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Whether the Resource with {@code meta} is left out of this request: true for a read-only
   * one in a collection map under {@code ?ignore=readonly}; throws where it may not be written.
   * False (write it) for normal Resources and admin requests.
   */
  boolean skip(Entity meta, String resourceXid, boolean inCollectionMap) {
    if (meta == null || !meta.attributes().path("readonly").asBoolean(false) || ctx.request.admin()) {
      return false;
    }
    if (!ctx.ignore.has(IGNORE_VALUE)) {
      throw ResourceWrite.readonlyError(resourceXid);
    }
    if (!inCollectionMap) {
      throw XRegistryException.of(ErrorType.BAD_FLAG, resourceXid).arg("flag", "ignore")
          .detail("the request targets only this read-only Resource; ignoring it would leave nothing to do")
          .build();
    }
    return true;
  }

  /**
   * Deleting a Group deletes its Resources, so a Group holding a read-only one can only be
   * deleted by an admin ({@code ?ignore=readonly} cannot take the Resource out of a Group delete).
   */
  Future<Void> checkGroupDelete(GroupType g, StoredEntity group) {
    // Resources of a content view (OCI images, App Registry packages): not even an admin may delete them here
    Future<Void> images = ViewWrites.checkGroupDelete(ctx, g, group);
    if (ctx.request.admin()) {
      return images;
    }
    return images.compose(x -> Futures.sequence(g.resources().values(), (ResourceType r) -> ctx.tx.page(new PageQuery(group.rowId(),
        r.plural(), READONLY_META, null, List.of(), 1)).map(page -> {
          if (!page.items().isEmpty()) {
            String metaXid = page.items().get(0).entity().xid();
            String resourceXid = metaXid.substring(0, metaXid.length() - "/meta".length());
            throw XRegistryException.of(ErrorType.READONLY, resourceXid)
                .detail("deleting the Group " + group.entity().xid() + " would delete this read-only Resource;"
                    + " only an admin client can do that")
                .build();
          }
          return null;
        }))).mapEmpty();
  }
}
