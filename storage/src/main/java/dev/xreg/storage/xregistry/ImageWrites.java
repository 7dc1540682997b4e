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
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Which xRegistry writes the images of the OCI view accept (docs/oci.md "xRegistry view"). The
 * OCI API owns them: an image, its tags and manifests change only by pushes and deletes under
 * {@code /v2/}, which mirror into the view ({@link OciView}). Through the xRegistry API a client
 * may change only the Versions' {@code labels} and {@code description} and meta's {@code labels}
 * (a Version's labels survive tag moves); every other write, admin or not, is refused with
 * {@code readonly} naming the OCI request that does it. Admins get no exception because the OCI
 * tables would no longer match the view.
 */
final class ImageWrites {
  private static final Set<String> VERSION_WRITABLE = Set.of("labels", "description");
  private static final Set<String> META_WRITABLE = Set.of("labels");

  private ImageWrites() {
  }

  /** Refuses a client's write of an image that did more than change labels or descriptions. */
  static void check(RequestContext ctx, GroupType g, ResourceType r, ResourceState before,
      ResourceWrite.Outcome outcome, String xid) {
    if (ctx.ociWriter || !OciView.isImages(g, r)) {
      return;
    }
    ResourceState after = outcome.after();
    if (before == null) {
      throw refused(xid, "an image is created by pushing a manifest to " + oci(xid, "manifests/<tag>"));
    }
    if (after == null || !outcome.deletedVersions().isEmpty()) {
      throw refused(xid, "a tag is deleted with DELETE " + oci(xid, "manifests/<tag>")
          + ", a manifest and its tags with DELETE " + oci(xid, "manifests/<digest>"));
    }
    if (!outcome.createdVersions().isEmpty()) {
      throw refused(xid, "a tag is created by pushing a manifest to " + oci(xid, "manifests/<tag>"));
    }
    if (!sameExcept(before.meta().attributes(), after.meta().attributes(), META_WRITABLE)) {
      throw refused(xid, "of meta only labels can be written here; the default Version follows the tags");
    }
    for (Map.Entry<String, Entity> e : after.versions().entrySet()) {
      Entity was = before.versions().get(e.getKey());
      Entity now = e.getValue();
      if (!Arrays.equals(was.document(), now.document()) || !was.createdat().equals(now.createdat())
          || !sameExcept(was.attributes(), now.attributes(), VERSION_WRITABLE)) {
        throw refused(now.xid(), "a tag is moved by pushing a manifest to " + oci(xid, "manifests/" + e.getKey()));
      }
    }
  }

  /** Refuses a client's delete of an image (DELETE on it or in a bulk delete of its collection). */
  static void checkDelete(RequestContext ctx, GroupType g, ResourceType r, String xid) {
    if (!ctx.ociWriter && OciView.isImages(g, r)) {
      throw refused(xid, "an image goes when its last tag is deleted with DELETE " + oci(xid, "manifests/<tag>"));
    }
  }

  /** Refuses a client's delete of a namespace that still holds images (it would delete them). */
  static Future<Void> checkGroupDelete(RequestContext ctx, GroupType g, StoredEntity group) {
    if (ctx.ociWriter || !OciView.GROUPS.equals(g.plural()) || g.resource(OciView.RESOURCES).isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.tx.counts(group.rowId()).map(c -> {
      if (c.getOrDefault(OciView.RESOURCES, 0L) > 0) {
        throw refused(group.entity().xid(), "the namespace holds images of the OCI registry; they go when their"
            + " tags are deleted through /v2/");
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

  /** The OCI path of the image at the Resource xid {@code /namespaces/<ns>/images/<id>[/...]}. */
  private static String oci(String xid, String tail) {
    String[] parts = xid.split("/");
    String name = parts.length > 4 ? RepositoryName.fromXRegistry(parts[2], parts[4]).map(RepositoryName::value)
        .orElse("<name>") : "<name>";
    return "/v2/" + name + "/" + tail;
  }

  private static XRegistryException refused(String subject, String how) {
    return XRegistryException.of(ErrorType.READONLY, subject)
        .detail("images mirror the OCI registry's content and change only through the OCI API (/v2/): " + how
            + "; through the xRegistry API only labels and description can be written")
        .build();
  }
}
