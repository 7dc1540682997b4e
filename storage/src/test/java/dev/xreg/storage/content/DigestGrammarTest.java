package dev.xreg.storage.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** OCI-034: the digest grammar's productions, checked without regular expressions, agree with the spec's. */
class DigestGrammarTest {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");

  @Test
  void theAlgorithmProductionAgreesWithTheSpecsExpression() {
    for (String s : new String[] {"sha256", "sha512", "multihash+base58", "a.b_c-d", "", "+a", "a+", "a++b", "A", "a:b",
        "a b", "9", "a.-b", "sha256.", "x+y.z"}) {
      assertThat(DigestGrammar.isAlgorithm(s)).as("'%s'", s).isEqualTo(ALGORITHM.matcher(s).matches());
    }
  }

  @Test
  void theEncodedProductionAgreesWithTheSpecsExpression() {
    for (String s : new String[] {"abc", "ABC=", "a_b-c", "", "a:b", "a/b", "a+b", "é", " ", "0123456789abcdef"}) {
      assertThat(DigestGrammar.isEncoded(s)).as("'%s'", s).isEqualTo(ENCODED.matcher(s).matches());
    }
  }

  @Test
  void wholeDigests() {
    assertThat(DigestGrammar.isValid("sha256:" + "a".repeat(64))).isTrue();
    assertThat(DigestGrammar.isValid("sha256:" + "A".repeat(64))).as("registered: lowercase hex").isFalse();
    assertThat(DigestGrammar.isValid("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HoqXxcr")).isTrue();
    assertThat(DigestGrammar.isValid("sha256")).isFalse();
    assertThat(DigestGrammar.isValid(":abc")).isFalse();
  }
}
