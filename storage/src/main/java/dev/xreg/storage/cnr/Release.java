package dev.xreg.storage.cnr;

import java.util.Comparator;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A release name of an App Registry package: a strict semantic version (CNR-005), which is also
 * the OCI tag of the release's index. Build metadata ({@code 1.0.0+b1}) is refused as Quay did:
 * {@code +} is neither an OCI tag nor an xRegistry ID character, and semver ignores it in
 * ordering, so two releases could not be told apart.
 */
public record Release(String name, Semver semver) implements Comparable<Release> {
  /** Quay's TAG_REGEX, which is also the OCI tag grammar. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Highest first: the order of {@code releases} in package lists and channels (CNR-003, CNR-014). */
  public static final Comparator<String> DESCENDING = (a, b) -> parse(b).compareTo(parse(a));

  /** @throws InvalidRelease when {@code text} is not a strict semver without build metadata */
  public static Release parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidRelease("a release is required");
    }
    if (text.indexOf('+') >= 0) {
      throw new InvalidRelease("release '" + text + "' has build metadata ('+'), which is not accepted");
    }
    // semver4j reads "v1.0.0" as 1.0.0; a release name is the version itself, as in appr
    Semver semver = TAG.matcher(text).matches() && Character.isDigit(text.charAt(0)) ? Semver.parse(text) : null;
    if (semver == null) {
      throw new InvalidRelease("release '" + text + "' is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE])");
    }
    return new Release(text, semver);
  }

  /** Whether {@code text} is a release name. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidRelease e) {
      return false;
    }
  }

  @Override
  public int compareTo(Release other) {
    int bySemver = semver.compareTo(other.semver);
    return bySemver != 0 ? bySemver : name.compareTo(other.name);
  }

  /** A release name or selector that is not valid semver (422 {@code invalid-release}). */
  public static final class InvalidRelease extends IllegalArgumentException {
    public InvalidRelease(String message) {
      super(message);
    }
  }
}
