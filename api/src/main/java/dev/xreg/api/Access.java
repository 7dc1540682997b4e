package dev.xreg.api;

/**
 * What a request does, in the words a policy uses, as the API that owns the path says it
 * (issue 19): which kind of thing it touches, its name, and the action. The API knows its paths;
 * the server's authorization knows the policy; this record is all they share.
 *
 * @param kind what {@code name} names
 * @param name an xRegistry path below the mount ({@code /schemagroups/payments/schemas/x}), an OCI
 *     repository ({@code team/app}), a CNR namespace ({@code team}); empty for {@link Kind#SERVER}
 * @param action what the request does to it
 */
public record Access(Kind kind, String name, Action action) {

  /** The namespaces of names a policy grants roles on. */
  public enum Kind {
    /** A path of the xRegistry tree (and the other APIs below the base path). */
    REGISTRY,
    /** An OCI repository name. */
    REPOSITORY,
    /** An App Registry namespace (the part of a package name before the slash). */
    NAMESPACE,
    /**
     * No particular resource: the caller must be known (or anonymous reads allowed); what it then
     * sees is filtered by the API (the OCI version check and {@code _catalog}, CNR package lists).
     */
    SERVER
  }

  /**
   * Actions in increasing power: each role includes the ones before it (docs/security.md), so a
   * grant of {@code delete} also lets its holder write and read.
   */
  public enum Action {
    READ, WRITE, DELETE, ADMIN;

    /** Whether holding this role permits {@code wanted}. */
    public boolean includes(Action wanted) {
      return compareTo(wanted) >= 0;
    }
  }

  /** A request that only needs a known caller (or anonymous reads): listings filtered by the API. */
  public static Access server() {
    return new Access(Kind.SERVER, "", Action.READ);
  }

  public static Access registry(String path, Action action) {
    return new Access(Kind.REGISTRY, path, action);
  }

  public static Access repository(String name, Action action) {
    return new Access(Kind.REPOSITORY, name, action);
  }

  public static Access namespace(String name, Action action) {
    return new Access(Kind.NAMESPACE, name, action);
  }
}
