package dev.xreg.storage.cnr;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;

/**
 * Which release a show, pull or delete names (CNR-008): an exact release, {@code default} (the
 * highest, pre-releases included, as appr's {@code semantic_version} ordering had it), or a
 * range such as {@code >=1.0.0,<2.0.0} (the highest release in it). Ranges follow node-semver
 * through semver4j: a pre-release is in a range only when a comparator names a pre-release of
 * the same MAJOR.MINOR.PATCH. Python's {@code ==} and the comma (AND) are accepted.
 */
public sealed interface ReleaseSelector {
  /**
   * One comparator: an optional operator and a version that may be partial or use wildcards.
   * Checked before semver4j parses the range, because semver4j reads any word it does not know
   * ({@code latest}) as "every version".
   */
  Pattern COMPARATOR = Pattern.compile("(?:<=|>=|==|<|>|=|~|\\^)?\\s*v?(?:\\d+|[xX*])(?:\\.(?:\\d+|[xX*])){0,2}"
      + "(?:-[0-9A-Za-z.-]+)?");
  Pattern RANGE = Pattern.compile(COMPARATOR.pattern() + "(?:\\s*(?:,|\\s|\\|\\|)\\s*" + COMPARATOR.pattern() + ")*");

  /** The release this selector picks among {@code releases}, if any. */
  Optional<String> select(Collection<String> releases);

  /** @throws Release.InvalidRelease when {@code text} is neither a release, {@code default} nor a range */
  static ReleaseSelector parse(String text) {
    if ("default".equals(text)) {
      return new Highest();
    }
    if (text != null && Release.isValid(text)) {
      return new Exact(text);
    }
    if (text == null || text.length() > 256 || !RANGE.matcher(text.trim()).matches()) {
      throw new Release.InvalidRelease("'" + text + "' is neither a semantic version, 'default' nor a semver range");
    }
    RangesList range = RangesListFactory.create(text.trim().replace("==", "=").replace(",", " "));
    return new InRange(range);
  }

  /** The highest release ({@code default}). */
  record Highest() implements ReleaseSelector {
    @Override
    public Optional<String> select(Collection<String> releases) {
      return releases.stream().filter(Release::isValid).map(Release::parse).max(Release::compareTo).map(Release::name);
    }
  }

  /** Exactly this release. */
  record Exact(String release) implements ReleaseSelector {
    @Override
    public Optional<String> select(Collection<String> releases) {
      return releases.contains(release) ? Optional.of(release) : Optional.empty();
    }
  }

  /** The highest release in the range. */
  record InRange(RangesList range) implements ReleaseSelector {
    @Override
    public Optional<String> select(Collection<String> releases) {
      return releases.stream().filter(Release::isValid).map(Release::parse)
          .filter(r -> range.isSatisfiedBy(r.semver())).max(Release::compareTo).map(Release::name);
    }
  }
}
