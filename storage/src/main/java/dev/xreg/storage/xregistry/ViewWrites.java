package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which xRegistry writes the Resources of a content view accept (docs/oci.md and docs/cnr.md,
 * "xRegistry view"). Another API owns them: OCI images change only through {@code /v2/}, App
 * Registry packages only through {@code /cnr}, and those writes mirror into the view
 * ({@link OciView}, {@link CnrView}). Through the xRegistry API a client may change only the
 * Versions' {@code labels} and {@code description} and meta's {@code labels}; every other write,
 * admin or not, is refused with {@code readonly}, its detail naming the owning API's request that
 * does it. Admins get no exception because the owning API's tables would no longer match the view.
 */
final class ViewWrites {
  private static final Set<String> VERSION_WRITABLE = Set.of("labels", "description");
  private static final Set<String> META_WRITABLE = Set.of("labels");
  private static final List<Owner> OWNERS = List.of(new ImageOwner(), new PackageOwner());

  /** A change a client tried that only the owning API makes. */
  enum Change {
    CREATE_RESOURCE, CREATE_VERSION, CHANGE_VERSION, DELETE_VERSION, CHANGE_META, DELETE_RESOURCE, DELETE_GROUP
  }

  /** One view's Resource type and how its owning API makes each change, for the refusal's detail. */
  interface Owner {
    /** The view's Resource type in {@code namespaces}. */
    String resources();

    /** The detail's opening: what the Resources mirror and which API changes them. */
    String owner();

    /** How {@code change} is made through the owning API, for the Resource {@code resourceXid}. */
    String how(Change change, String resourceXid, String versionId);
  }

  private ViewWrites() {
  }

  private static Owner owner(GroupType g, ResourceType r) {
    if (!ContentView.GROUPS.equals(g.plural())) {
      return null;
    }
    return OWNERS.stream().filter(o -> o.resources().equals(r.plural())).findFirst().orElse(null);
  }

  /** Refuses a client's write of a view's Resource that did more than change labels or descriptions. */
  static void check(RequestContext ctx, GroupType g, ResourceType r, ResourceState before,
      ResourceWrite.Outcome outcome, String xid) {
    Owner owner = owner(g, r);
    if (ctx.viewWriter || owner == null) {
      return;
    }
    ResourceState after = outcome.after();
    if (before == null) {
      throw refused(owner, xid, Change.CREATE_RESOURCE, xid, null);
    }
    if (after == null || !outcome.deletedVersions().isEmpty()) {
      throw refused(owner, xid, Change.DELETE_VERSION, xid, null);
    }
    if (!outcome.createdVersions().isEmpty()) {
      throw refused(owner, xid, Change.CREATE_VERSION, xid, null);
    }
    if (!sameExcept(before.meta().attributes(), after.meta().attributes(), META_WRITABLE)) {
      throw refused(owner, xid, Change.CHANGE_META, xid, null);
    }
    for (Map.Entry<String, Entity> e : after.versions().entrySet()) {
      Entity was = before.versions().get(e.getKey());
      Entity now = e.getValue();
      if (!Arrays.equals(was.document(), now.document()) || !was.createdat().equals(now.createdat())
          || !sameExcept(was.attributes(), now.attributes(), VERSION_WRITABLE)) {
        throw refused(owner, now.xid(), Change.CHANGE_VERSION, xid, e.getKey());
      }
    }
  }

  /** Refuses a client's delete of a view's Resource (DELETE on it or in a bulk delete of its collection). */
  static void checkDelete(RequestContext ctx, GroupType g, ResourceType r, String xid) {
    Owner owner = owner(g, r);
    if (!ctx.viewWriter && owner != null) {
      throw refused(owner, xid, Change.DELETE_RESOURCE, xid, null);
    }
  }

  /** Refuses a client's delete of a namespace that still holds a view's Resources (it would delete them). */
  static Future<Void> checkGroupDelete(RequestContext ctx, GroupType g, StoredEntity group) {
    if (ctx.viewWriter || !ContentView.GROUPS.equals(g.plural())) {
      return Future.succeededFuture();
    }
    List<Owner> present = OWNERS.stream().filter(o -> g.resource(o.resources()).isPresent()).toList();
    if (present.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.tx.counts(group.rowId()).map(c -> {
      for (Owner o : present) {
        if (c.getOrDefault(o.resources(), 0L) > 0) {
          throw refused(o, group.entity().xid(), Change.DELETE_GROUP, group.entity().xid(), null);
        }
      }
      return null;
    });
  }

  private static boolean sameExcept(ObjectNode before, ObjectNode after, Set<String> writable) {
    ObjectNode b = before.deepCopy();
    ObjectNode a = after.deepCopy();
    b.remove(writable);
    a.remove(writable);
    return a.equals(b);
  }

  private static XRegistryException refused(Owner owner, String subject, Change change, String resourceXid,
      String versionId) {
    return XRegistryException.of(ErrorType.READONLY, subject)
        .detail(owner.owner() + ": " + owner.how(change, resourceXid, versionId)
            + "; through the xRegistry API only labels and description can be written")
        .build();
  }
}
