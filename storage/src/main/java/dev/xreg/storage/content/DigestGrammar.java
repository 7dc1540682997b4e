package dev.xreg.storage.content;

import dev.xreg.storage.blob.DigestAlgorithm;
import java.util.Optional;

/**
 * The digest grammar of the image spec (OCI-034): {@code algorithm ":" encoded}, with the stricter
 * encodings of the registered algorithms, which the blob layer's {@link DigestAlgorithm} owns.
 * It stays apart from {@code blob.Digest} because descriptors and references may name
 * algorithms the registry does not hash: those are valid by the generic grammar, while a
 * {@code Digest} is only ever one the store can verify.
 */
final class DigestGrammar {

  /**
   * A bound far above any real digest (sha512 is 135 characters) so that no regular expression
   * ever runs over an attacker-sized string.
   */
  static final int MAX_LENGTH = 1024;

  private DigestGrammar() {
  }

  static boolean isValid(String digest) {
    if (digest == null || digest.length() > MAX_LENGTH) {
      return false;
    }
    int colon = digest.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String algorithm = digest.substring(0, colon);
    String encoded = digest.substring(colon + 1);
    if (!isAlgorithm(algorithm) || !isEncoded(encoded)) {
      return false;
    }
    // Registered algorithms fix their encoding (lowercase hex of the full length); other
    // algorithms only need the generic grammar, as the image spec asks of implementations.
    Optional<DigestAlgorithm> registered = DigestAlgorithm.byId(algorithm);
    return registered.isEmpty() || registered.get().accepts(encoded);
  }

  // The grammar's two productions as loops rather than regular expressions: every manifest and
  // blob request checks a digest, and the matchers were a tenth of a cached manifest GET's CPU
  // (issue 15, O3). DigestGrammarTest holds them to the expressions.

  /** {@code [a-z0-9]+([+._-][a-z0-9]+)*}: components joined by single separators. */
  static boolean isAlgorithm(String s) {
    boolean afterComponentChar = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        afterComponentChar = true;
      } else if ((c == '+' || c == '.' || c == '_' || c == '-') && afterComponentChar) {
        afterComponentChar = false;
      } else {
        return false;
      }
    }
    return afterComponentChar;
  }

  /** {@code [a-zA-Z0-9=_-]+}. */
  static boolean isEncoded(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '=' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
