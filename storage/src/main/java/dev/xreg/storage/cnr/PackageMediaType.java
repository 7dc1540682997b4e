package dev.xreg.storage.cnr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package media type by its short name ({@code helm}, {@code kpm}, {@code docker-compose}), and
 * the two full types appr derives from it (checklist section 5, "Media-type naming"): the release
 * manifest's and the tar.gz content's. For {@code helm} the OCI child manifest uses the Helm OCI
 * types instead, so Helm-aware OCI clients can read CNR-pushed charts (section 6).
 */
public record PackageMediaType(String name) {
  private static final Pattern SHORT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern MANIFEST = Pattern.compile("application/vnd\\.appr\\.package-manifest\\.(.+)\\.v0\\.json");
  private static final Pattern CONTENT = Pattern.compile("application/vnd\\.appr\\.package\\.(.+)\\.v0\\.tar\\+gzip");

  public static final String HELM = "helm";
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  public static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  /**
   * A short name, or either full type, as a client names it in a path or a push.
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public static PackageMediaType parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a media type is required");
    }
    String name = text;
    for (Pattern full : new Pattern[] {MANIFEST, CONTENT}) {
      Matcher m = full.matcher(text);
      if (m.matches()) {
        name = m.group(1);
      }
    }
    if (!SHORT.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a package media type (a short name such as helm, "
          + "kpm or docker-compose, or application/vnd.appr.package-manifest.<name>.v0.json)");
    }
    return new PackageMediaType(name);
  }

  /** {@code application/vnd.appr.package-manifest.<name>.v0.json}, the {@code mediaType} of a release manifest. */
  public String manifestType() {
    return "application/vnd.appr.package-manifest." + name + ".v0.json";
  }

  /** {@code application/vnd.appr.package.<name>.v0.tar+gzip}, the {@code content.mediaType}. */
  public String contentType() {
    return "application/vnd.appr.package." + name + ".v0.tar+gzip";
  }

  public boolean isHelm() {
    return HELM.equals(name);
  }

  /** The OCI layer type of the tar.gz. */
  public String layerType() {
    return isHelm() ? HELM_CHART : contentType();
  }
}
