package dev.xreg.storage.blob;

import dev.xreg.storage.blob.BlobException.Kind;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:encoded} (OCI-034), of a supported algorithm with a
 * well-formed encoded part: holding one means it was validated. Ordered as its text, which is
 * the order in which the blob store lists blobs.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    if (!algorithm.accepts(hex)) {
      throw new BlobException(Kind.INVALID_DIGEST,
          "a " + algorithm.id() + " digest is " + algorithm.hexLength() + " lower-case hex digits: " + hex);
    }
  }

  /**
   * Parses {@code algorithm:encoded}.
   *
   * @throws BlobException {@link Kind#INVALID_DIGEST} when the text breaks the grammar or the
   *     encoded part does not fit its algorithm, {@link Kind#UNSUPPORTED_DIGEST} for a
   *     well-formed digest of an algorithm other than sha256 and sha512
   */
  public static Digest parse(String text) {
    if (text == null) {
      throw new BlobException(Kind.INVALID_DIGEST, "no digest");
    }
    int colon = text.indexOf(':');
    if (colon < 0 || !ALGORITHM.matcher(text.substring(0, colon)).matches()
        || !ENCODED.matcher(text.substring(colon + 1)).matches()) {
      throw new BlobException(Kind.INVALID_DIGEST, "not a digest (algorithm:encoded): " + text);
    }
    String algorithm = text.substring(0, colon);
    DigestAlgorithm known = DigestAlgorithm.byId(algorithm).orElseThrow(
        () -> new BlobException(Kind.UNSUPPORTED_DIGEST, "unsupported digest algorithm: " + algorithm));
    return new Digest(known, text.substring(colon + 1));
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return algorithm.id() + ":" + hex;
  }
}
