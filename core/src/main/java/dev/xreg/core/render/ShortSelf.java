package dev.xreg.core.render;


/**
 * {@code shortself} (spec.md "shortself Attribute", CORE-COM-003): {@code <base>/-/<code>}, where
 * {@code <code>} is the first 8 bytes of SHA-256 of the entity's xid, base64url without padding
 * (11 characters), or the xid itself when that is not longer. It depends on the xid alone, so it is immutable for the entity's lifetime,
 * the same on every node and whether or not the capability is on; storage finds the entity
 * from it with the same function in SQL ({@code xreg_shortid}, migration V3). A Resource's
 * meta is its Resource's alias plus {@code /meta}.
 */
public final class ShortSelf {
  /** The path segment that starts every alias; no Group type can be named like it. */
  public static final String PREFIX = "/-/";
  /** {@code /-/} and 11 characters of code. */
  private static final int ALIAS_LENGTH = 14;

  private ShortSelf() {
  }

  /**
   * The alias path of the entity at {@code xid}, e.g. {@code /-/q3L0u1k2X9A}; an xid no longer
   * than such an alias is its own alias (the spec wants shortself no longer than self).
   */
  public static String path(String xid) {
    return xid.length() <= ALIAS_LENGTH ? xid : PREFIX + code(xid);
  }

  /** The alias path of a Resource's meta. */
  public static String metaPath(String resourceXid) {
    return path(resourceXid) + "/meta";
  }

  static String code(String xid) {
    return Digests.sha256UrlSafe(xid, 8);
  }

}
