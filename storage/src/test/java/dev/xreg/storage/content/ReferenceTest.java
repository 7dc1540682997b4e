package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
  static final String SHA256 = "sha256:" + "a".repeat(64);
  static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);

  @ParameterizedTest
  @ValueSource(strings = {"latest", "v1.2.3", "_private", "1", "A-b_c.D", "sha256-abc"})
  void oci003_validTags(String tag) {
    assertThat(Tag.parse(tag).value()).isEqualTo(tag);
    assertThat(Reference.parse(tag)).isEqualTo(new Reference.ByTag(new Tag(tag)));
  }

  @Test
  void oci003_tagOf128CharactersIsTheLongest() {
    assertThat(Tag.isValid("t".repeat(128))).isTrue();
    assertThat(Tag.isValid("t".repeat(129))).isFalse();
    assertThatThrownBy(() -> Tag.parse("t".repeat(129))).isInstanceOf(ReferenceInvalid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".hidden", "-dash", "a/b", "a+b", "tag with space", "ünïcode", "a@b"})
  void oci003_invalidTagsAreReferenceInvalid(String tag) {
    assertThat(Tag.isValid(tag)).isFalse();
    assertThatThrownBy(() -> Reference.parse(tag)).isInstanceOf(ReferenceInvalid.class);
  }

  @Test
  void oci003_tagsAreCaseSensitive() {
    assertThat(Tag.parse("Latest")).isNotEqualTo(Tag.parse("latest"));
  }

  @Test
  void oci003_aReferenceWithAColonIsADigest() {
    assertThat(Reference.parse(SHA256)).isEqualTo(new Reference.ByDigest(SHA256));
    assertThat(Reference.parse(SHA512).value()).isEqualTo(SHA512);
  }

  @Test
  void oci034_unregisteredAlgorithmsNeedOnlyTheGenericGrammar() {
    assertThat(Reference.parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8"))
        .isInstanceOf(Reference.ByDigest.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sha256:abc",                                       // too short
      "sha256:" + "A" + "a" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // uppercase hex
      "sha256:" + "g" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",   // not hex
      "sha512:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",    // sha256 length
      ":" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "sha256:",
      "SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "sha256+:abc",
      "foo:bar!baz",
      "sha256:aaaa:bbbb"})
  void oci034_badDigestsAreReferenceInvalid(String digest) {
    assertThat(DigestGrammar.isValid(digest)).isFalse();
    assertThatThrownBy(() -> Reference.parse(digest)).isInstanceOf(ReferenceInvalid.class)
        .hasMessageContaining("invalid digest");
  }

  @Test
  void oci034_anOversizedDigestIsRefusedWithABoundedDetail() {
    String huge = "foo:" + "a".repeat(100_000);
    assertThatThrownBy(() -> Reference.parse(huge)).isInstanceOf(ReferenceInvalid.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
