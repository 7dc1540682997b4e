package dev.xreg.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path below {@code /v2} split into what it addresses. Repository names contain {@code '/'},
 * so the endpoint is recognised by its suffix and the name is everything before it, as
 * docker-registry does; the uploads suffix is tried before the blob one, so
 * {@code <name>/blobs/uploads/} is never read as a blob named {@code uploads}.
 *
 * @param name      the raw repository name (validated by the handler: NAME_INVALID is JSON)
 * @param reference the tag, digest or upload ID; null where the endpoint has none
 */
record OciPath(Endpoint endpoint, String name, String reference) {
  /** Longer paths are not looked at: no name is longer than 255 characters (OCI-002). */
  static final int MAX_LENGTH = 1024;

  enum Endpoint { BASE, CATALOG, TAGS, MANIFEST, UPLOADS, UPLOAD, BLOB, REFERRERS, UNKNOWN }

  private static final Pattern TAGS = Pattern.compile("/(.+)/tags/list/?");
  private static final Pattern MANIFEST = Pattern.compile("/(.+)/manifests/([^/]+)");
  private static final Pattern UPLOADS = Pattern.compile("/(.+)/blobs/uploads/?");
  private static final Pattern UPLOAD = Pattern.compile("/(.+)/blobs/uploads/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/(.+)/blobs/([^/]+)");
  private static final Pattern REFERRERS = Pattern.compile("/(.+)/referrers/([^/]+)");

  static OciPath parse(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return new OciPath(Endpoint.BASE, null, null);
    }
    if (path.length() > MAX_LENGTH) {
      return new OciPath(Endpoint.UNKNOWN, null, null);
    }
    if (path.equals("/_catalog") || path.equals("/_catalog/")) {
      return new OciPath(Endpoint.CATALOG, null, null);
    }
    OciPath manifest = manifest(path);
    if (manifest != null) {
      return manifest;
    }
    Matcher m;
    if ((m = TAGS.matcher(path)).matches()) {
      return new OciPath(Endpoint.TAGS, m.group(1), null);
    }
    if ((m = MANIFEST.matcher(path)).matches()) {
      return new OciPath(Endpoint.MANIFEST, m.group(1), m.group(2));
    }
    if ((m = UPLOADS.matcher(path)).matches()) {
      return new OciPath(Endpoint.UPLOADS, m.group(1), null);
    }
    if ((m = UPLOAD.matcher(path)).matches()) {
      return new OciPath(Endpoint.UPLOAD, m.group(1), m.group(2));
    }
    if ((m = BLOB.matcher(path)).matches()) {
      return new OciPath(Endpoint.BLOB, m.group(1), m.group(2));
    }
    if ((m = REFERRERS.matcher(path)).matches()) {
      return new OciPath(Endpoint.REFERRERS, m.group(1), m.group(2));
    }
    return new OciPath(Endpoint.UNKNOWN, null, null);
  }

  private static final String MANIFESTS = "/manifests/";

  /**
   * {@link #MANIFEST}'s match without the regular expression, for the path every pull takes
   * (issue 15, O3: the patterns tried in turn were a third of a cached manifest GET's CPU).
   * The reference has no {@code '/'}, so it is the last segment and {@code /manifests/} must
   * stand right before it; the name is the rest and not empty. No path ending so is also a
   * {@link #TAGS} match (its last segments are {@code tags/list}). Null when it does not
   * match, or when the name holds a line terminator (which {@code .} does not match, while
   * {@code [^/]} does): the expressions decide those.
   */
  private static OciPath manifest(String path) {
    int slash = path.lastIndexOf('/');
    int nameEnd = slash + 1 - MANIFESTS.length();
    if (slash == path.length() - 1 || nameEnd < 2 || path.charAt(0) != '/'
        || !path.startsWith(MANIFESTS, nameEnd)) {
      return null;
    }
    String name = path.substring(1, nameEnd);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return null;
      }
    }
    return new OciPath(Endpoint.MANIFEST, name, path.substring(slash + 1));
  }
}
