package dev.xreg.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.command.Preconditions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16, RFC 9110 8.8.3: one strong validator per representation, writes checked against the entity's. */
class RepresentationTagsTest {
  private static final String ENTITY = "\"AbC-_12\"";

  @Test
  void identityJsonIsTheEntityTagAndEveryOtherRepresentationDiffers() {
    assertThat(ETags.representation(ENTITY, null, null)).isEqualTo(ENTITY);
    List<String> tags = List.of(ETags.representation(ENTITY, null, null), ETags.representation(ENTITY, null, "gzip"),
        ETags.representation(ENTITY, "yaml", null), ETags.representation(ENTITY, "yaml", "gzip"),
        ETags.representation(ENTITY, null, "deflate"));
    assertThat(tags).doesNotHaveDuplicates().allMatch(t -> t.startsWith("\"") && t.endsWith("\""));
    assertThat(ETags.representation(ENTITY, "yaml", "gzip")).isEqualTo("\"AbC-_12.yaml.gzip\"");
  }

  @Test
  void entityTagStripsOnlyTheVariantsTheServerNames() {
    assertThat(ETags.entityTag("\"AbC-_12.gzip\"")).isEqualTo(ENTITY);
    assertThat(ETags.entityTag("\"AbC-_12.yaml.gzip\"")).isEqualTo(ENTITY);
    assertThat(ETags.entityTag("\"AbC-_12.ceyaml\"")).isEqualTo(ENTITY);
    assertThat(ETags.entityTag(ENTITY)).isEqualTo(ENTITY);
    assertThat(ETags.entityTag("\"AbC-_12.brotli\"")).isEqualTo("\"AbC-_12.brotli\"");
    assertThat(ETags.entityTag("W/\"AbC-_12.gzip\"")).isEqualTo("W/\"AbC-_12\"");
  }

  @Test
  void ifMatchOnAWriteAcceptsAnyRepresentationTagOfTheCurrentStateButNoWeakOne() {
    assertThat(match(ETags.representation(ENTITY, null, "gzip")).ifMatchHolds(ENTITY)).isTrue();
    assertThat(match(ETags.representation(ENTITY, "yaml", null)).ifMatchHolds(ENTITY)).isTrue();
    assertThat(match(ENTITY).ifMatchHolds(ENTITY)).isTrue();
    assertThat(match("W/" + ENTITY).ifMatchHolds(ENTITY)).isFalse();
    assertThat(match("\"other.gzip\"").ifMatchHolds(ENTITY)).isFalse();
  }

  @Test
  void ifNoneMatchOnAReadMatchesOnlyTheSameRepresentationInEitherForm() {
    String gzip = ETags.representation(ENTITY, null, "gzip");
    assertThat(noneMatch(gzip).ifNoneMatchHoldsForRepresentation(gzip)).isFalse();
    assertThat(noneMatch("W/" + gzip).ifNoneMatchHoldsForRepresentation(gzip)).isFalse();
    assertThat(noneMatch(ENTITY).ifNoneMatchHoldsForRepresentation(gzip)).isTrue();
    assertThat(noneMatch(gzip).ifNoneMatchHoldsForRepresentation(ENTITY)).isTrue();
    assertThat(noneMatch("*").ifNoneMatchHoldsForRepresentation(gzip)).isFalse();
  }

  @Test
  void ifNoneMatchOnAWriteComparesTheEntityState() {
    assertThat(noneMatch(ETags.representation(ENTITY, null, "gzip")).ifNoneMatchHolds(ENTITY)).isFalse();
    assertThat(noneMatch("\"other\"").ifNoneMatchHolds(ENTITY)).isTrue();
  }

  private static Preconditions match(String tag) {
    return Preconditions.parse(List.of(tag), List.of());
  }

  private static Preconditions noneMatch(String tag) {
    return Preconditions.parse(List.of(), List.of(tag));
  }
}
