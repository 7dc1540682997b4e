package dev.xreg.cnr;

import dev.xreg.storage.cnr.PackageMediaType;
import dev.xreg.storage.content.NameInvalid;
import dev.xreg.storage.content.RepositoryName;
import java.util.regex.Pattern;

/**
 * The names an App Registry path carries, checked before anything is read: a package is exactly
 * {@code namespace/name}, each a lowercase OCI path component (the package is also the OCI
 * repository of that name); a channel follows Quay's TAG_REGEX.
 */
final class PackageNames {
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private PackageNames() {
  }

  static RepositoryName repository(String namespace, String name) {
    try {
      return RepositoryName.parse(namespace + "/" + name);
    } catch (NameInvalid e) {
      throw new Refused("invalid package name '" + namespace + "/" + name + "': the namespace and the name must "
          + "each be lowercase letters and digits, joined by '.', '_', '__' or dashes");
    }
  }

  static String channel(String channel) {
    if (channel == null || !CHANNEL.matcher(channel).matches()) {
      throw new Refused("invalid channel name '" + channel + "': letters, digits, '_', '.' and '-', "
          + "starting with a letter, digit or '_', at most 128 characters");
    }
    return channel;
  }

  static PackageMediaType mediaType(String text) {
    try {
      return PackageMediaType.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }
}
