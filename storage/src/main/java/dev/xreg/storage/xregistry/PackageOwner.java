package dev.xreg.storage.xregistry;

/**
 * How the packages of the App Registry view ({@link CnrView}) change through {@code /cnr}, for
 * {@link ViewWrites}. Paths are below the App Registry prefix ({@code XREG_CNR_PREFIX}, {@code /cnr}
 * by default), which storage does not know; the details name them from {@code /api/v1}.
 */
final class PackageOwner implements ViewWrites.Owner {

  @Override
  public String resources() {
    return CnrView.RESOURCES;
  }

  @Override
  public String owner() {
    return "packages mirror the App Registry's content and change only through the App Registry API (/cnr)";
  }

  @Override
  public String how(ViewWrites.Change change, String xid, String versionId) {
    String pkg = api(xid);
    return switch (change) {
      case CREATE_RESOURCE, CREATE_VERSION -> "a release is pushed with POST " + pkg;
      case CHANGE_VERSION -> "a release's content is replaced by a push with force=true to POST " + pkg;
      case DELETE_VERSION -> "a release is deleted with DELETE " + pkg + "/<release>/<media_type>";
      case CHANGE_META -> "of meta only labels can be written here; channels change with POST and DELETE "
          + pkg + "/channels/<channel>[/<release>], and the default Version is the highest release";
      case DELETE_RESOURCE -> "a package goes when its last release is deleted with DELETE " + pkg
          + "/<release>/<media_type>";
      case DELETE_GROUP -> "the namespace holds App Registry packages; they go when their releases are deleted"
          + " through /cnr";
    };
  }

  /** The App Registry path of the package at the Resource xid {@code /namespaces/<ns>/packages/<pkg>[/...]}. */
  private static String api(String xid) {
    String[] parts = xid.split("/");
    String name = parts.length > 4 ? parts[2] + "/" + parts[4] : "<namespace>/<package>";
    return "/cnr/api/v1/packages/" + name;
  }
}
