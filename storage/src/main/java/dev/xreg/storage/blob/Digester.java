package dev.xreg.storage.blob;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes bytes as they pass, counting them, so a digest and size come out of one pass over a
 * stream (OCI-034: digests are always recomputed over the bytes received). Not thread-safe:
 * feed it from one context. Hashing is CPU work: feed it in small chunks, or on a worker.
 */
public final class Digester {
  private final DigestAlgorithm algorithm;
  private final MessageDigest hash;
  private long size;
  private Digest result;

  private Digester(DigestAlgorithm algorithm) {
    this.algorithm = algorithm;
    this.hash = algorithm.newMessageDigest();
  }

  public static Digester of(DigestAlgorithm algorithm) {
    return new Digester(algorithm);
  }

  public Digester update(Buffer bytes) {
    return update(bytes.getBytes());
  }

  public Digester update(byte[] bytes) {
    requireOpen();
    hash.update(bytes);
    size += bytes.length;
    return this;
  }

  /** Hashes the buffer's remaining bytes, leaving its position at its limit. */
  public Digester update(ByteBuffer bytes) {
    requireOpen();
    size += bytes.remaining();
    hash.update(bytes);
    return this;
  }

  /** How many bytes were hashed so far. */
  public long size() {
    return size;
  }

  /** The digest of everything hashed. Ends the digester: it takes no more bytes afterwards. */
  public Digest digest() {
    if (result == null) {
      result = new Digest(algorithm, HexFormat.of().formatHex(hash.digest()));
    }
    return result;
  }

  private void requireOpen() {
    if (result != null) {
      throw new IllegalStateException("the digest was already taken");
    }
  }
}
