package dev.xreg.xregistry.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metric route labels: low cardinality, no IDs. */
class RouteTemplatesTest {
  @Test
  void registryTreePathsBecomeTemplates() {
    assertThat(RouteTemplates.of("/")).isEqualTo("/");
    assertThat(RouteTemplates.of("/dirs")).isEqualTo("/{groups}");
    assertThat(RouteTemplates.of("/dirs/d1")).isEqualTo("/{groups}/{gid}");
    assertThat(RouteTemplates.of("/dirs/d1/files/f1$details")).isEqualTo("/{groups}/{gid}/{resources}/{rid}$details");
    assertThat(RouteTemplates.of("/dirs/d1/files/f1/meta")).isEqualTo("/{groups}/{gid}/{resources}/{rid}/meta");
    assertThat(RouteTemplates.of("/dirs/d1/files/f1/versions/2"))
        .isEqualTo("/{groups}/{gid}/{resources}/{rid}/versions/{vid}");
  }

  @Test
  void fixedEndpointsKeepTheirName() {
    assertThat(RouteTemplates.of("/model")).isEqualTo("/model");
    assertThat(RouteTemplates.of("/modelsource")).isEqualTo("/modelsource");
    assertThat(RouteTemplates.of("/capabilities")).isEqualTo("/capabilities");
  }

  @Test
  void operationalEndpointsAreNotMistakenForGroupCollections() {
    assertThat(RouteTemplates.of("/metrics")).isEqualTo("/metrics");
    assertThat(RouteTemplates.of("/health")).isEqualTo("/health");
    assertThat(RouteTemplates.of("/ready")).isEqualTo("/ready");
  }

  @Test
  void unknownShapesCollapseIntoOneLabel() {
    assertThat(RouteTemplates.of("/dirs/d1/files/f1/other")).isEqualTo("/{other}");
    assertThat(RouteTemplates.of("/a/b/c/d/versions/v/x")).isEqualTo("/{other}");
  }

  @Test
  void repeatedAndTrailingSlashesCountAsOne() {
    assertThat(RouteTemplates.of("//dirs//d1/")).isEqualTo("/{groups}/{gid}");
    assertThat(RouteTemplates.of("///")).isEqualTo("/");
    assertThat(RouteTemplates.of("/dirs/d1/files//f1/versions/2/")).isEqualTo("/{groups}/{gid}/{resources}/{rid}/versions/{vid}");
  }

  @Test
  void aliasesKeepTheirLabelAtAnyDepth() {
    assertThat(RouteTemplates.of("/-/abc")).isEqualTo("/-/{shortself}");
    assertThat(RouteTemplates.of("/-/a/b/c/d/e/f/g")).isEqualTo("/-/{shortself}");
  }
}
