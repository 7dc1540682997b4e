package dev.xreg.storage.content;

/**
 * The {@code <reference>} of {@code /v2/<name>/manifests/<reference>} (OCI-003): a tag or a digest,
 * and nothing else. The two cannot be confused: a tag never contains {@code ':'} and a digest
 * always does.
 *
 * <p>A digest is checked against the grammar only (OCI-034); whether its algorithm is supported
 * for hashing is for the caller to decide where it has to compute one (a push by digest).
 */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

  static Reference parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new ReferenceInvalid("the reference is empty");
    }
    if (reference.indexOf(':') >= 0) {
      if (!DigestGrammar.isValid(reference)) {
        throw new ReferenceInvalid("invalid digest '" + ContentInvalid.shorten(reference) + "'");
      }
      return new ByDigest(reference);
    }
    return new ByTag(Tag.parse(reference));
  }

  /** The reference as it appears in a path. */
  String value();

  record ByTag(Tag tag) implements Reference {
    @Override
    public String value() {
      return tag.value();
    }
  }

  /** A digest in canonical {@code alg:encoded} form. */
  record ByDigest(String digest) implements Reference {
    public ByDigest {
      if (!DigestGrammar.isValid(digest)) {
        throw new ReferenceInvalid("invalid digest '" + (digest == null ? "" : ContentInvalid.shorten(digest)) + "'");
      }
    }

    @Override
    public String value() {
      return digest;
    }
  }
}
