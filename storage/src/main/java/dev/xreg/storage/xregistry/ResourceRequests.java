package dev.xreg.storage.xregistry;

import dev.xreg.core.command.AllowedOperations;
import dev.xreg.core.command.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.command.Reply;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.render.View;
import dev.xreg.core.write.DocumentInput;
import dev.xreg.core.write.EntityWrite;
import dev.xreg.core.write.HeaderAttributes;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.ResourceRows;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Requests on a Resource, its meta, its versions collection and one Version. */
final class ResourceRequests {
  private final RequestContext ctx;
  private final Tree tree;

  ResourceRequests(RequestContext ctx, Tree tree) {
    this.ctx = ctx;
    this.tree = tree;
  }

  Future<Reply> handle(EntityPath t, Operation op) {
    return switch (t.level()) {
      case RESOURCE -> resource(t, op);
      case META -> meta(t, op);
      case VERSIONS -> versions(t, op);
      case VERSION -> version(t, op);
      default -> throw new IllegalArgumentException(t.level().name());
    };
  }

  private Future<Reply> resource(EntityPath t, Operation op) {
    String xid = t.xid();
    ResourceType r = t.resource();
    switch (op) {
      case READ:
        return existingRows(xid, null).compose(rows -> tree.resourceView(r, rows))
            .map(v -> new Reply.Single(v, false, null, t.isDocument(), ctx.rendering));
      case REPLACE: {
        DocumentInput doc = t.isDocument() ? document(r, xid) : null;
        ObjectNode body = doc == null ? Bodies.json(ctx, xid) : Json.object();
        return write(t, Method.PUT, w -> w.resource(body, doc)).compose(w -> resourceReply(t, w));
      }
      case UPDATE: {
        requireDetails(t, xid);
        ObjectNode body = Bodies.json(ctx, xid);
        return write(t, Method.PATCH, w -> w.resource(body, null)).compose(w -> resourceReply(t, w));
      }
      case ADD: {
        // CORE-RES-012: one Version; without a versionid the server assigns one.
        DocumentInput doc = t.isDocument() ? document(r, xid) : null;
        ObjectNode body = doc == null ? Bodies.json(ctx, xid) : Json.object();
        JsonNode vid = doc == null ? body.get("versionid") : doc.headerAttributes().get("versionid");
        String versionId = vid == null || vid.isNull() ? null : vid.asText();
        return write(t, Method.PUT, w -> w.version(versionId, versionBody(body, r), doc)).map(w -> {
          ResourceState after = w.outcome().after();
          String id = versionId != null ? versionId : w.outcome().createdVersions().get(0);
          boolean created = w.outcome().createdVersions().contains(id);
          Entity v = after.versions().get(id);
          return new Reply.Single(new View.VersionView(r, xid, v, id.equals(after.defaultVersionId())), created,
              created ? v.xid() : null, t.isDocument(), ctx.rendering);
        });
      }
      case DELETE:
        return existing(xid).compose(meta -> {
          new ReadonlyResources(ctx).skip(meta.entity(), xid, false);
          ViewWrites.checkDelete(ctx, t.group(), t.resource(), xid);
          EntityWrite.checkEpoch(Bodies.epochFlag(ctx), meta.entity().epoch(), xid);
          ctx.groupsWithChangedChildren.put(meta.parentId(), t.groupPath().xid());
          return ctx.tx.delete(meta.rowId(), meta.entity().xid()).map(v -> (Reply) new Reply.Deleted());
        });
      default:
        throw AllowedOperations.notSupported(op, xid, AllowedOperations.of(t));
    }
  }

  private Future<Reply> meta(EntityPath t, Operation op) {
    String resourceXid = t.resourcePath().xid();
    ResourceType r = t.resource();
    switch (op) {
      case READ:
        return existing(resourceXid).compose(m -> metaReply(r, m));
      case REPLACE:
      case UPDATE: {
        ObjectNode body = Bodies.json(ctx, t.xid());
        Method m = op == Operation.REPLACE ? Method.PUT : Method.PATCH;
        return existing(resourceXid).compose(x -> write(t, m, w -> w.meta(body)))
            .compose(w -> existing(resourceXid)).compose(stored -> metaReply(r, stored));
      }
      default:
        // CORE-META-003: meta cannot be deleted on its own.
        throw AllowedOperations.notSupported(op, t.xid(), AllowedOperations.of(t));
    }
  }

  private Future<Reply> versions(EntityPath t, Operation op) {
    String resourceXid = t.resourcePath().xid();
    ResourceType r = t.resource();
    switch (op) {
      case ADD:
      case UPDATE: {
        Map<String, ObjectNode> entries = Bodies.map(Bodies.json(ctx, t.xid()), t.xid());
        Method m = op == Operation.UPDATE ? Method.PATCH : Method.PUT;
        return tree.findResource(resourceXid).compose(existing -> {
          if (existing == null && entries.isEmpty()) {
            throw XRegistryException.of(ErrorType.MISSING_VERSIONS, t.xid()).build();
          }
          return write(t, m, w -> w.versions(entries));
        }).map(w -> {
          ResourceState after = w.outcome().after();
          List<View> items = new ArrayList<>();
          for (String id : entries.keySet()) {
            items.add(new View.VersionView(r, resourceXid, after.versions().get(id),
                id.equals(after.defaultVersionId())));
          }
          return new Reply.Collection(items, ctx.rendering);
        });
      }
      case DELETE: {
        Map<String, ObjectNode> listed = ctx.request.hasBody()
            ? Bodies.map(Bodies.parse(ctx, t.xid()), t.xid()) : null;
        return existing(resourceXid).compose(x -> write(t, Method.PUT, w -> w.deleteVersions(listed)))
            .map(v -> (Reply) new Reply.Deleted());
      }
      default:
        throw AllowedOperations.notSupported(op, t.xid(), AllowedOperations.of(t));
    }
  }

  private Future<Reply> version(EntityPath t, Operation op) {
    String resourceXid = t.resourcePath().xid();
    ResourceType r = t.resource();
    String vid = t.versionId();
    switch (op) {
      case READ:
        return existingRows(resourceXid, vid).compose(rows -> tree.shown(rows.meta()).compose(s -> {
          rejectDocViewOfXrefVersions(ctx, s);
          // the Resource's own Version came with its meta row; an xref's is its target's
          Future<StoredEntity> stored = s.data() == null ? Future.succeededFuture(null)
              : s.data() == rows.meta() ? Future.succeededFuture(rows.version())
              : ctx.tx.find(s.dataXid() + "/versions/" + vid);
          return stored.map(v -> {
            StoredEntity found = RequestExecutor.notFound(v, t.xid());
            return new Reply.Single(new View.VersionView(r, resourceXid, s.version(found.entity()),
                vid.equals(s.meta().text("defaultversionid"))), false, null, t.isDocument(), ctx.rendering);
          });
        }));
      case REPLACE:
      case UPDATE: {
        Method m = op == Operation.REPLACE ? Method.PUT : Method.PATCH;
        if (m == Method.PATCH) {
          requireDetails(t, t.xid());
        }
        DocumentInput doc = t.isDocument() ? document(r, t.xid()) : null;
        ObjectNode body = doc == null ? Bodies.json(ctx, t.xid()) : Json.object();
        return write(t, m, w -> doc != null ? w.version(vid, body, doc) : w.versions(Map.of(vid, body))).map(w -> {
          ResourceState after = w.outcome().after();
          boolean created = w.outcome().createdVersions().contains(vid);
          return new Reply.Single(new View.VersionView(r, resourceXid, after.versions().get(vid),
              vid.equals(after.defaultVersionId())), created, created ? t.xid() : null, t.isDocument(),
              ctx.rendering);
        });
      }
      case DELETE:
        return existing(resourceXid).compose(x -> ctx.tx.find(t.xid())).compose(v -> {
          StoredEntity found = RequestExecutor.notFound(v, t.xid());
          EntityWrite.checkEpoch(Bodies.epochFlag(ctx), found.entity().epoch(), t.xid());
          return write(t, Method.PUT, w -> w.deleteVersion(vid));
        }).map(w -> (Reply) new Reply.Deleted());
      default:
        throw AllowedOperations.notSupported(op, t.xid(), AllowedOperations.of(t));
    }
  }

  private Future<Tree.Written> write(EntityPath t, Method m, UnaryOperator<ResourceWrite> steps) {
    boolean postToResource = t.level() == EntityPath.Level.RESOURCE && ctx.request.operation() == Operation.ADD;
    String defaultVersion = DefaultVersionFlag.forOneResource(ctx, postToResource);
    return tree.writeResource(t.group(), t.groupId(), t.resource(), t.resourceId(), m,
        w -> steps.apply(w).setDefaultVersion(defaultVersion));
  }

  private Future<Reply> resourceReply(EntityPath t, Tree.Written w) {
    List<String> created = w.outcome().createdVersions();
    String createdXid = created.isEmpty() ? null : w.xid() + "/versions/" + created.get(0);
    return tree.writtenView(w).map(view -> new Reply.Single(view, w.outcome().resourceCreated(), createdXid,
        t.isDocument(), ctx.rendering));
  }

  /** Meta as shown: an xref source's meta carries its target's meta attributes (CORE-XREF-002). */
  private Future<Reply> metaReply(ResourceType r, StoredEntity meta) {
    return tree.shown(meta).map(s -> new Reply.Single(new View.MetaView(r, s.xid(), s.meta()), false, null, false,
        ctx.rendering));
  }

  /**
   * CORE-XREF-006: the Versions of an xref source do not exist in document view
   * (spec.md "Doc Flag"), so {@code ?doc} on them is {@code cannot_doc_xref}.
   */
  static void rejectDocViewOfXrefVersions(RequestContext ctx, Tree.Shown s) {
    if (ctx.rendering.doc() && s.isXref()) {
      throw XRegistryException.of(ErrorType.CANNOT_DOC_XREF, s.xid())
          .detail("the Versions of an xref Resource only exist in its target " + CrossReference.of(s.meta())
              + "; read them there with ?doc, or here without it")
          .build();
    }
  }

  /** A Resource-level body reused for one Version drops the Resource's navigation attributes. */
  private static ObjectNode versionBody(ObjectNode body, ResourceType r) {
    ObjectNode copy = body.deepCopy();
    copy.remove(List.of("metaurl", "versionsurl", "versionscount", "meta", "versions", r.idAttribute()));
    return copy;
  }

  /** As {@link #existing}, with one Version (null: the default) and the count of Versions, in one statement. */
  private Future<ResourceRows> existingRows(String resourceXid, String versionId) {
    return ctx.tx.findResource(resourceXid + "/meta", versionId).map(rows -> {
      if (rows == null) {
        throw XRegistryException.of(ErrorType.NOT_FOUND, resourceXid).build();
      }
      return rows;
    });
  }

  private Future<StoredEntity> existing(String resourceXid) {
    return tree.findResource(resourceXid).map(m -> {
      if (m == null) {
        throw XRegistryException.of(ErrorType.NOT_FOUND, resourceXid).build();
      }
      return m;
    });
  }

  /** CORE-RES-011: PATCH on a document URL needs {@code $details}. */
  private static void requireDetails(EntityPath t, String xid) {
    if (t.isDocument()) {
      throw AllowedOperations.detailsRequired(t);
    }
  }

  private DocumentInput document(ResourceType r, String subject) {
    // ?ignore applies to attributes sent as xRegistry-* headers as to a body (CORE-IGN-002)
    ObjectNode headers = ctx.ignore.strip(HeaderAttributes.toAttributes(ctx.request.xregistryHeaders(), r, subject),
        ctx.target, ctx.request.operation());
    byte[] body = ctx.request.body() == null ? new byte[0] : ctx.request.body();
    return new DocumentInput(body, ctx.request.contentType(), headers);
  }
}
