package dev.xreg.storage.oci;

import dev.xreg.storage.StoreTx;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.pg.PgRegistryStore;

/**
 * How a write of OCI or App Registry content says which repository it changed, so that the
 * node caches of content answers ({@link ContentCache}) drop that repository's entries: as a
 * name among the transaction's changes, {@code /-/oci/<repository>}, which this node's caches
 * hear before the write is answered and other nodes hear in the transaction's notice (issue 15).
 * The {@code /-/} prefix is no xRegistry entity's path (Group types cannot start with {@code -}),
 * and it starts with {@code /} as every name in a notice must.
 */
public final class RepositoryChanges {
  static final String PREFIX = "/-/oci/";

  private RepositoryChanges() {
  }

  /** The change name of {@code repository}. */
  public static String xid(RepositoryName repository) {
    return PREFIX + repository.value();
  }

  /** The repository {@code xid} names, or null when it names something else (an xRegistry entity). */
  static String repository(String xid) {
    return xid.startsWith(PREFIX) ? xid.substring(PREFIX.length()) : null;
  }

  /**
   * Records that {@code tx} changed {@code repository}: a moved or deleted tag, a deleted
   * manifest, a package's releases or channels. Nothing without a transaction of the entity
   * store ({@code tx} null: a store built without it, in tests, has no caches to tell).
   */
  public static void record(StoreTx tx, RepositoryName repository) {
    if (tx != null) {
      PgRegistryStore.changed(tx, xid(repository));
    }
  }

  /** {@link #record}, then {@code result}: for a step at the end of a write's chain. */
  public static <T> T recorded(StoreTx tx, RepositoryName repository, T result) {
    record(tx, repository);
    return result;
  }
}
