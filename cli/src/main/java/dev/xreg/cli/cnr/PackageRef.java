package dev.xreg.cli.cnr;

import dev.xreg.cli.CliFailure;

/**
 * A package as the user names it: {@code ns/pkg}, optionally {@code ns/pkg@release} (a
 * release, {@code default} or a range) or {@code ns/pkg:channel} (the channel's current
 * release), as appr spelled them. The server checks the name's characters; this only splits.
 */
public record PackageRef(String namespace, String name, String release, String channel) {

  public static PackageRef parse(String text) {
    String rest = text;
    String release = null;
    String channel = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      release = rest.substring(at + 1);
      rest = rest.substring(0, at);
    } else {
      int colon = rest.indexOf(':', Math.max(0, rest.indexOf('/')));
      if (colon >= 0) {
        channel = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
    }
    String[] parts = rest.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()
        || (release != null && release.isEmpty()) || (channel != null && channel.isEmpty())) {
      throw CliFailure.usage("a package is NAMESPACE/NAME[@RELEASE|:CHANNEL], e.g. acme/mychart@1.0.0, not '" + text + "'");
    }
    return new PackageRef(parts[0], parts[1], release, channel);
  }

  /** {@code ns/pkg}. */
  public String path() {
    return namespace + "/" + name;
  }

  /** The same package with {@code release} when given (an option overrides the {@code @release}). */
  public PackageRef withRelease(String override) {
    if (override == null) {
      return this;
    }
    if (channel != null) {
      throw CliFailure.usage("give a release or a channel, not both: " + path() + ":" + channel + " and --release " + override);
    }
    return new PackageRef(namespace, name, override, null);
  }
}
