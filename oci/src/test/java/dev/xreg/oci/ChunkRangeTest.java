package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** OCI-011: the chunk Content-Range forms clients send. */
class ChunkRangeTest {

  @Test
  void oci011_inclusiveRangeInTheSpecFormAndTheDockerForms() {
    assertThat(ChunkRange.parse("0-999")).isEqualTo(new ChunkRange(0, 999));
    assertThat(ChunkRange.parse("bytes 1000-1999")).isEqualTo(new ChunkRange(1000, 1999));
    assertThat(ChunkRange.parse("bytes=5-9/*").length()).isEqualTo(5);
    assertThat(ChunkRange.parse(null)).isNull();
  }

  @Test
  void oci011_malformedRangesAreRefused() {
    assertThatThrownBy(() -> ChunkRange.parse("9-5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkRange.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkRange.parse("-5")).isInstanceOf(IllegalArgumentException.class);
  }
}
