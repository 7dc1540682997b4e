package dev.xreg.storage.content;

import java.util.regex.Pattern;

/**
 * The digest grammar of the image spec (OCI-034): {@code algorithm ":" encoded}, with the stricter
 * encodings of the two registered algorithms. Only the syntax is checked here; hashing and the
 * choice of supported algorithms belong to the blob layer's {@code Digest} type, which should
 * replace this class once it exists (until then digests travel as {@code alg:hex} strings).
 */
final class DigestGrammar {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

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
    return switch (algorithm) {
      case "sha256" -> SHA256.matcher(encoded).matches();
      case "sha512" -> SHA512.matcher(encoded).matches();
      default -> true;
    };
  }
}
