package dev.xreg.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.storage.blob.BlobException.Kind;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest grammar and validation (OCI-034) and the streaming digester. */
class DigestTest {
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String ABC_SHA512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
      + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

  @Test
  void sha256AndSha512DigestsParseAndPrintAsTheyCame() {
    Digest sha256 = Digest.parse("sha256:" + ABC_SHA256);
    assertThat(sha256.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
    assertThat(sha256.hex()).isEqualTo(ABC_SHA256);
    assertThat(sha256).hasToString("sha256:" + ABC_SHA256).isEqualTo(Digest.parse(sha256.toString()));
    assertThat(Digest.parse("sha512:" + ABC_SHA512).algorithm()).isEqualTo(DigestAlgorithm.SHA512);
  }

  @ParameterizedTest(name = "OCI-034 refuses {0}")
  @ValueSource(strings = {"", "sha256", "sha256:", ":" + ABC_SHA256, "SHA256:" + ABC_SHA256, "sha256:" + ABC_SHA256 + "/",
      "sha256:" + ABC_SHA256 + "0", "sha256:" + "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
      "sha256:abc", "sha512:" + ABC_SHA256, "sha256:../../etc/passwd", "sha+:abc", "sha256 :" + ABC_SHA256})
  void malformedDigestsAreInvalid(String text) {
    assertThatThrownBy(() -> Digest.parse(text)).isInstanceOfSatisfying(BlobException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_DIGEST));
  }

  @ParameterizedTest(name = "OCI-034 grammar accepts {0} but the store does not hash it")
  @ValueSource(strings = {"sha384:abc", "blake3:" + ABC_SHA256, "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
      "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"})
  void wellFormedDigestsOfOtherAlgorithmsAreUnsupported(String text) {
    assertThatThrownBy(() -> Digest.parse(text)).isInstanceOfSatisfying(BlobException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_DIGEST));
  }

  @Test
  void nullIsNotADigest() {
    assertThatThrownBy(() -> Digest.parse(null)).isInstanceOfSatisfying(BlobException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_DIGEST));
  }

  @Test
  void digestsOrderAsTheirText() {
    Digest a = Digest.parse("sha256:" + "0".repeat(64));
    Digest b = Digest.parse("sha256:" + "f".repeat(64));
    Digest c = Digest.parse("sha512:" + "0".repeat(128));
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
  }

  @Test
  void theDigesterHashesBytesAsTheyPassWhateverTheirChunks() {
    Digester whole = Digester.of(DigestAlgorithm.SHA256).update("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(whole.digest()).hasToString("sha256:" + ABC_SHA256);
    assertThat(whole.size()).isEqualTo(3);

    Digester chunks = Digester.of(DigestAlgorithm.SHA512).update(Buffer.buffer("a"))
        .update(ByteBuffer.wrap("bc".getBytes(StandardCharsets.US_ASCII)));
    assertThat(chunks.digest()).hasToString("sha512:" + ABC_SHA512);
    assertThat(chunks.size()).isEqualTo(3);
  }

  @Test
  void aDigesterTakesNoBytesAfterItsDigest() {
    Digester digester = Digester.of(DigestAlgorithm.SHA256);
    Digest empty = digester.digest();
    assertThat(empty).hasToString("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(digester.digest()).isEqualTo(empty);
    assertThatThrownBy(() -> digester.update(Buffer.buffer("x"))).isInstanceOf(IllegalStateException.class);
  }
}
