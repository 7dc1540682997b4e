package dev.xreg.storage.xregistry;

import dev.xreg.storage.content.RepositoryName;

/** How the images of the OCI view ({@link OciView}) change through {@code /v2/}, for {@link ViewWrites}. */
final class ImageOwner implements ViewWrites.Owner {

  @Override
  public String resources() {
    return OciView.RESOURCES;
  }

  @Override
  public String owner() {
    return "images mirror the OCI registry's content and change only through the OCI API (/v2/)";
  }

  @Override
  public String how(ViewWrites.Change change, String xid, String versionId) {
    return switch (change) {
      case CREATE_RESOURCE -> "an image is created by pushing a manifest to " + oci(xid, "manifests/<tag>");
      case CREATE_VERSION -> "a tag is created by pushing a manifest to " + oci(xid, "manifests/<tag>");
      case CHANGE_VERSION -> "a tag is moved by pushing a manifest to " + oci(xid, "manifests/" + versionId);
      case DELETE_VERSION -> "a tag is deleted with DELETE " + oci(xid, "manifests/<tag>")
          + ", a manifest and its tags with DELETE " + oci(xid, "manifests/<digest>");
      case CHANGE_META -> "of meta only labels can be written here; the default Version follows the tags";
      case DELETE_RESOURCE -> "an image goes when its last tag is deleted with DELETE " + oci(xid, "manifests/<tag>");
      case DELETE_GROUP -> "the namespace holds images of the OCI registry; they go when their tags are deleted"
          + " through /v2/";
    };
  }

  /** The OCI path of the image at the Resource xid {@code /namespaces/<ns>/images/<id>[/...]}. */
  private static String oci(String xid, String tail) {
    String[] parts = xid.split("/");
    String name = parts.length > 4 ? RepositoryName.fromXRegistry(parts[2], parts[4]).map(RepositoryName::value)
        .orElse("<name>") : "<name>";
    return "/v2/" + name + "/" + tail;
  }
}
