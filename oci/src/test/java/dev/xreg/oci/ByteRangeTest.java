package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** OCI-006: the ranges the conformance suite sends, against a 1000-byte blob. */
class ByteRangeTest {

  @Test
  void oci006_closedRangeIsClampedToTheEnd() {
    assertThat(ByteRange.parse("bytes=500-1499", 1000)).contains(new ByteRange(500, 500));
    assertThat(ByteRange.parse("bytes=0-0", 1000)).contains(new ByteRange(0, 1));
  }

  @Test
  void oci006_openAndSuffixRanges() {
    assertThat(ByteRange.parse("bytes=500-", 1000)).contains(new ByteRange(500, 500));
    assertThat(ByteRange.parse("bytes=-500", 1000)).contains(new ByteRange(500, 500));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 1000));
  }

  @Test
  void oci006_invalidOrUnsupportedRangesAreIgnored() {
    assertThat(ByteRange.parse("bytes=500-0", 1000)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
    assertThat(ByteRange.parse("bytes=+1-2", 1000)).isEmpty();
    assertThat(ByteRange.parse(null, 1000)).isEmpty();
  }

  @Test
  void oci006_rangesPastTheEndAreUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=2000-5000", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
