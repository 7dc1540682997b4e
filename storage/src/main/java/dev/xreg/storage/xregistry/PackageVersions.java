package dev.xreg.storage.xregistry;

import dev.xreg.storage.content.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An App Registry package as the xRegistry view shows it (model {@code cnr}): the Resource
 * {@code /namespaces/<ns>/packages/<pkg>} with one Version per release.
 *
 * @param name the package, also its OCI repository name
 * @param releases every release; none when the package is gone
 * @param channels channel name -> its current release
 * @param defaultRelease the highest release in semver order (the App Registry's own, semver4j),
 *     the default Version; null when there is no release
 */
public record PackageVersions(RepositoryName name, List<ReleaseVersion> releases, Map<String, String> channels,
    String defaultRelease) {

  public PackageVersions {
    releases = List.copyOf(releases);
    channels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(channels));
  }

  /** The package without releases: its Resource goes. */
  public static PackageVersions gone(RepositoryName name) {
    return new PackageVersions(name, List.of(), Map.of(), null);
  }
}
