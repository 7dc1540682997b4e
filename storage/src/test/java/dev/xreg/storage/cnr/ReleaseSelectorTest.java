package dev.xreg.storage.cnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CNR-005 release names and CNR-008 release selectors: semver order, pre-releases, ranges. */
class ReleaseSelectorTest {
  private static final List<String> RELEASES = List.of("1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "2.0.0-alpha", "0.9.0");

  @Test
  void cnr005_releasesAreStrictSemverWithoutBuildMetadata() {
    assertThat(Release.parse("1.0.0-rc.1").name()).isEqualTo("1.0.0-rc.1");
    for (String bad : new String[] {"1.0", "v1.0.0", "01.0.0", "1.0.0+build.1", "latest", "", "1.0.0 ", "1.0.0/x"}) {
      assertThatThrownBy(() -> Release.parse(bad)).as(bad).isInstanceOf(Release.InvalidRelease.class);
    }
  }

  @Test
  void cnr003_releasesSortBySemverHighestFirst() {
    List<String> sorted = new ArrayList<>(RELEASES);
    sorted.sort(Release.DESCENDING);
    assertThat(sorted).containsExactly("2.0.0-rc.1", "2.0.0-alpha", "1.10.0", "1.2.0", "1.0.0", "0.9.0");
  }

  @Test
  void cnr008_defaultIsTheHighestIncludingPreReleases() {
    assertThat(ReleaseSelector.parse("default").select(RELEASES)).hasValue("2.0.0-rc.1");
    assertThat(ReleaseSelector.parse("default").select(List.of())).isEmpty();
  }

  @Test
  void cnr008_anExactReleaseMatchesOnlyItself() {
    assertThat(ReleaseSelector.parse("1.2.0").select(RELEASES)).hasValue("1.2.0");
    assertThat(ReleaseSelector.parse("1.3.0").select(RELEASES)).isEmpty();
  }

  @Test
  void cnr008_rangesPickTheHighestReleaseInside() {
    assertThat(ReleaseSelector.parse(">=1.0.0,<2.0.0").select(RELEASES)).hasValue("1.10.0");
    assertThat(ReleaseSelector.parse(">=1.0.0 <1.5.0").select(RELEASES)).hasValue("1.2.0");
    assertThat(ReleaseSelector.parse("==1.0.0").select(RELEASES)).hasValue("1.0.0");
    assertThat(ReleaseSelector.parse("^1.0.0").select(RELEASES)).hasValue("1.10.0");
    assertThat(ReleaseSelector.parse("~1.2").select(RELEASES)).hasValue("1.2.0");
    assertThat(ReleaseSelector.parse("<1.0.0 || >=1.9.0 <2.0.0").select(RELEASES)).hasValue("1.10.0");
    assertThat(ReleaseSelector.parse(">=3.0.0").select(RELEASES)).isEmpty();
    // a pre-release is in a range only when the range names one of the same version
    assertThat(ReleaseSelector.parse(">=1.0.0").select(RELEASES)).hasValue("1.10.0");
    assertThat(ReleaseSelector.parse(">=2.0.0-alpha").select(RELEASES)).hasValue("2.0.0-rc.1");
  }

  @Test
  void cnr008_wordsThatAreNotRangesAreInvalidReleases() {
    // semver4j alone would read these as "any version"
    for (String bad : new String[] {"latest", "stable", "newest", ">=abc", "1.0.0;drop", ""}) {
      assertThatThrownBy(() -> ReleaseSelector.parse(bad)).as(bad).isInstanceOf(Release.InvalidRelease.class);
    }
  }
}
