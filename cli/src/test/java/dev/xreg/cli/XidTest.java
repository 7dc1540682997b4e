package dev.xreg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.cli.http.Xid;
import dev.xreg.cli.http.Xid.Level;
import org.junit.jupiter.api.Test;

class XidTest {
  @Test
  void levelsFollowFromDepth() {
    assertThat(Xid.parse(null).level()).isEqualTo(Level.REGISTRY);
    assertThat(Xid.parse("/").level()).isEqualTo(Level.REGISTRY);
    assertThat(Xid.parse("dirs").level()).isEqualTo(Level.GROUPS);
    assertThat(Xid.parse("/dirs/d1/").level()).isEqualTo(Level.GROUP);
    assertThat(Xid.parse("/dirs/d1/files").level()).isEqualTo(Level.RESOURCES);
    assertThat(Xid.parse("/dirs/d1/files/f").level()).isEqualTo(Level.RESOURCE);
    assertThat(Xid.parse("/dirs/d1/files/f/meta").level()).isEqualTo(Level.META);
    assertThat(Xid.parse("/dirs/d1/files/f/versions").level()).isEqualTo(Level.VERSIONS);
    assertThat(Xid.parse("/dirs/d1/files/f/versions/1").level()).isEqualTo(Level.VERSION);
    assertThat(Xid.parse("dirs//d1").path()).isEqualTo("/dirs/d1");
  }

  @Test
  void detailsOnlyForResourcesAndVersions() {
    Xid x = Xid.parse("/dirs/d1/files/f$details");
    assertThat(x.details()).isTrue();
    assertThat(x.path()).isEqualTo("/dirs/d1/files/f$details");
    assertThat(x.withDetails(false).path()).isEqualTo("/dirs/d1/files/f");
    assertThat(Xid.parse("/dirs/d1").withDetails(true).path()).isEqualTo("/dirs/d1");
    assertThatThrownBy(() -> Xid.parse("/dirs/d1$details")).isInstanceOf(CliFailure.class);
  }

  @Test
  void malformedXidsAreUsageErrors() {
    for (String bad : new String[] {"/a/b/c/d/x", "/a/b/c/d/x/y", "/a/b/c/d/versions/v/z", "/dirs?inline=*"}) {
      assertThatThrownBy(() -> Xid.parse(bad)).as(bad).isInstanceOfSatisfying(CliFailure.class,
          f -> assertThat(f.exitCode()).isEqualTo(ExitCode.USAGE));
    }
  }
}
