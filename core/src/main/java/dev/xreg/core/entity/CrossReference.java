package dev.xreg.core.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;

/**
 * Cross-referenced Resources (spec.md "Cross Referencing Resources", checklist 1.8,
 * CORE-XREF-001/002). A source Resource is stored as a meta row carrying {@code xref} and
 * no Versions; on read it shows its target's meta and Versions "rebased" onto the source's
 * own IDs and URLs, which is what the methods here compute.
 */
public final class CrossReference {
  private CrossReference() {
  }

  /** The {@code xref} of a stored meta, or null for a normal Resource. */
  public static String of(Entity meta) {
    return meta == null ? null : meta.text("xref");
  }

  /**
   * CORE-XREF-001: the value must be the xid of a Resource of the same model type, i.e.
   * {@code /<GROUPS>/<gid>/<RESOURCES>/<rid>} with the source's own Group and Resource
   * type names. Anything else is {@code malformed_xref}; a well-formed xid naming a Resource
   * that does not exist is fine (a dangling xref).
   *
   * @param sourceXid the xid of the Resource being written, e.g. {@code /dirs/d1/files/f1}
   * @param subject   the request URL (the catalogue's subject for this error)
   */
  public static String check(String xref, String sourceXid, String subject) {
    String[] target = xref.split("/", -1);
    String[] source = sourceXid.split("/", -1);
    if (!xref.startsWith("/") || target.length != 5) {
      throw malformed(xref, subject, "it must be the xid of a Resource, /<groups>/<groupid>/<resources>/<resourceid>");
    }
    for (int i : new int[] {2, 4}) {
      if (!Ids.valid(target[i])) {
        throw malformed(xref, subject, "\"" + target[i] + "\" is not a valid ID");
      }
    }
    if (!target[1].equals(source[1]) || !target[3].equals(source[3])) {
      throw malformed(xref, subject, "it must reference a Resource of the same type, /" + source[1] + "/<groupid>/"
          + source[3] + "/<resourceid>, not /" + target[1] + "/.../" + target[3]);
    }
    return xref;
  }

  /**
   * The meta a source shows for its target: the target's meta attributes, epoch and
   * timestamps under the source's ID and xid, plus the source's {@code xref}.
   */
  public static Entity rebaseMeta(Entity targetMeta, Entity sourceMeta) {
    ObjectNode a = targetMeta.attributes().deepCopy();
    a.put("xref", of(sourceMeta));
    return new Entity(sourceMeta.xid(), sourceMeta.id(), targetMeta.epoch(), targetMeta.createdat(),
        targetMeta.modifiedat(), a, null);
  }

  /** A target Version as the source shows it: same data, xid under the source Resource. */
  public static Entity rebaseVersion(Entity targetVersion, String sourceResourceXid) {
    return new Entity(sourceResourceXid + "/versions/" + targetVersion.id(), targetVersion.id(), targetVersion.epoch(),
        targetVersion.createdat(), targetVersion.modifiedat(), targetVersion.attributes(), targetVersion.document());
  }

  /**
   * Whether a meta shows a target's data. A source whose target is missing or is itself an
   * xref (never followed transitively) shows only its ID-like attributes and {@code xref};
   * such a meta has no {@code defaultversionid}, which every normal Resource has.
   */
  public static boolean showsTarget(Entity meta) {
    return meta.text("defaultversionid") != null;
  }

  private static XRegistryException malformed(String xref, String subject, String why) {
    return XRegistryException.of(ErrorType.MALFORMED_XREF, subject).arg("xref", xref).errorDetail(why).build();
  }
}
