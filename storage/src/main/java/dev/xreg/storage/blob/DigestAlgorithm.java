package dev.xreg.storage.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The digest algorithms the store verifies (OCI-034): sha256, the default, and sha512. */
public enum DigestAlgorithm {
  SHA256("sha256", "SHA-256", 64),
  SHA512("sha512", "SHA-512", 128);

  private final String id;
  private final String jcaName;
  private final int hexLength;
  private final Pattern encoded;

  DigestAlgorithm(String id, String jcaName, int hexLength) {
    this.id = id;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
    // image-spec registers both with lower-case hex only
    this.encoded = Pattern.compile("[a-f0-9]{" + hexLength + "}");
  }

  /** The name used in digests ({@code sha256}). */
  public String id() {
    return id;
  }

  /** How many hex digits its digests have. */
  public int hexLength() {
    return hexLength;
  }

  public static Optional<DigestAlgorithm> byId(String id) {
    for (DigestAlgorithm a : values()) {
      if (a.id.equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code encodedPart} is a well-formed encoded part of this algorithm (lower-case hex, full length). */
  public boolean accepts(String encodedPart) {
    return encoded.matcher(encodedPart).matches();
  }

  MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      // every Java runtime must provide SHA-256 and SHA-512
      throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
    }
  }
}
