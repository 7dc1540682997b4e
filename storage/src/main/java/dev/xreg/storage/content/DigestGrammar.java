package dev.xreg.storage.content;

import dev.xreg.storage.blob.DigestAlgorithm;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The digest grammar of the image spec (OCI-034): {@code algorithm ":" encoded}, with the stricter
 * encodings of the registered algorithms, which the blob layer's {@link DigestAlgorithm} owns.
 * It stays apart from {@code blob.Digest} because descriptors and references may name
 * algorithms the registry does not hash: those are valid by the generic grammar, while a
 * {@code Digest} is only ever one the store can verify.
 */
final class DigestGrammar {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");

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
    if (!ALGORITHM.matcher(algorithm).matches() || !ENCODED.matcher(encoded).matches()) {
      return false;
    }
    // Registered algorithms fix their encoding (lowercase hex of the full length); other
    // algorithms only need the generic grammar, as the image spec asks of implementations.
    Optional<DigestAlgorithm> registered = DigestAlgorithm.byId(algorithm);
    return registered.isEmpty() || registered.get().accepts(encoded);
  }
}
