package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.core.command.AllowedOperations;
import dev.xreg.core.command.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.command.Reply;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.render.View;
import dev.xreg.core.write.EntityWrite;
import dev.xreg.core.write.Method;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Writes on the Group and Resource collections: upsert a map, bulk delete (GETs are {@link CollectionPages}). */
final class Collections {
  private final RequestContext ctx;
  private final Tree tree;

  Collections(RequestContext ctx, Tree tree) {
    this.ctx = ctx;
    this.tree = tree;
  }

  Future<Reply> groups(EntityPath target, Operation op) {
    String xid = target.xid();
    switch (op) {
      case ADD:
      case UPDATE:
        Map<String, ObjectNode> entries = Bodies.map(Bodies.json(ctx, xid), xid);
        Method m = op == Operation.UPDATE ? Method.PATCH : Method.PUT;
        return Futures.sequence(entries.entrySet(), e -> tree.writeGroup(target.group(), e.getKey(), e.getValue(), m)
            .compose(g -> tree.groupView(target.group(), g)))
            .map(items -> new Reply.Collection(items, ctx.rendering));
      case DELETE:
        ReadonlyResources readonly = new ReadonlyResources(ctx);
        return bulkDelete(null, target.group().plural(), xid, target.group().idAttribute(), false,
            groups -> Futures.sequence(groups, g -> readonly.checkGroupDelete(target.group(), g)).map(groups));
      default:
        throw AllowedOperations.notSupported(op, xid, AllowedOperations.of(target));
    }
  }

  Future<Reply> resources(EntityPath target, Operation op) {
    String xid = target.xid();
    ResourceType r = target.resource();
    String groupXid = target.groupPath().xid();
    switch (op) {
      case ADD:
      case UPDATE:
        Map<String, ObjectNode> entries = Bodies.map(Bodies.json(ctx, xid), xid);
        Method m = op == Operation.UPDATE ? Method.PATCH : Method.PUT;
        return Futures.sequence(entries.entrySet(), e -> tree.writeResourceInMap(target.group(), target.groupId(), r,
                e.getKey(), m, w -> w.resource(e.getValue(), null))
            .compose(w -> w == null ? Future.<View>succeededFuture(null) : tree.writtenView(w)))
            // read-only Resources left out by ?ignore=readonly are not in the answer either (D4)
            .map(items -> new Reply.Collection(items.stream().filter(Objects::nonNull).toList(), ctx.rendering));
      case DELETE:
        return tree.find(groupXid).compose(g -> {
          StoredEntity group = RequestExecutor.notFound(g, groupXid);
          ctx.groupsWithChangedChildren.put(group.rowId(), groupXid);
          ReadonlyResources readonly = new ReadonlyResources(ctx);
          return bulkDelete(group.rowId(), r.plural(), xid, r.idAttribute(), true, metas -> {
            metas.forEach(meta -> ViewWrites.checkDelete(ctx, target.group(), r, xid + "/" + meta.entity().id()));
            return Future.succeededFuture(
                metas.stream().filter(meta -> !readonly.skip(meta.entity(), xid + "/" + meta.entity().id(), true))
                    .toList());
          });
        });
      default:
        throw AllowedOperations.notSupported(op, xid, AllowedOperations.of(target));
    }
  }

  /**
   * CORE-DEL-002..005: no body deletes every entity of the collection; a map body deletes
   * the listed ones (unknown IDs skipped), each with its epoch check. Resources carry
   * their epoch in {@code meta} ({@code misplaced_epoch} otherwise). {@code readonly} checks
   * the victims against read-only Resources and returns those to delete (D4).
   */
  private Future<Reply> bulkDelete(Long parentId, String collection, String collectionXid, String idAttribute,
      boolean resources, Function<List<StoredEntity>, Future<List<StoredEntity>>> readonly) {
    Future<List<StoredEntity>> victims;
    if (!ctx.request.hasBody()) {
      victims = ctx.tx.children(parentId, collection);
    } else {
      Map<String, ObjectNode> listed = Bodies.map(Bodies.parse(ctx, collectionXid), collectionXid);
      List<String> xids = new ArrayList<>();
      listed.keySet().forEach(id -> xids.add(collectionXid + "/" + id + (resources ? "/meta" : "")));
      victims = Futures.sequence(xids, tree::find).map(found -> {
        List<StoredEntity> out = new ArrayList<>();
        for (StoredEntity e : found) {
          if (e == null) {
            continue;
          }
          ObjectNode entry = listed.get(e.entity().id());
          checkDeleteEntry(entry, e, collectionXid, idAttribute, resources);
          out.add(e);
        }
        return out;
      });
    }
    return victims.compose(readonly).compose(list -> {
      if (parentId == null && !list.isEmpty()) {
        ctx.registryChildrenChanged = true;
      }
      return Futures.sequence(list, e -> ctx.tx.delete(e.rowId(), e.entity().xid()));
    }).map(v -> new Reply.Deleted());
  }

  private static void checkDeleteEntry(ObjectNode entry, StoredEntity e, String collectionXid, String idAttribute,
      boolean resource) {
    String entityXid = collectionXid + "/" + e.entity().id();
    JsonNode id = entry.get(idAttribute);
    if (id != null && !id.isNull() && !id.asText().equals(e.entity().id())) {
      throw XRegistryException.of(ErrorType.MISMATCHED_ID, entityXid)
          .arg("singular", idAttribute.substring(0, idAttribute.length() - 2))
          .arg("invalid_id", id.asText()).arg("expected_id", e.entity().id()).build();
    }
    if (resource) {
      JsonNode metaEpoch = entry.path("meta").get("epoch");
      if (metaEpoch == null && entry.has("epoch")) {
        throw XRegistryException.of(ErrorType.MISPLACED_EPOCH, entityXid).build();
      }
      EntityWrite.checkEpoch(metaEpoch, e.entity().epoch(), entityXid);
    } else {
      EntityWrite.checkEpoch(entry.get("epoch"), e.entity().epoch(), entityXid);
    }
  }
}
