package dev.xreg.storage.blob;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** Reads a stream without keeping it: its digest, its size, its largest chunk; keeps the bytes only when asked. */
public final class DigestingSink implements WriteStream<Buffer> {
  private final Digester digester;
  private final Buffer kept;
  private int largestChunk;
  private long chunks;

  private DigestingSink(DigestAlgorithm algorithm, boolean keep) {
    this.digester = Digester.of(algorithm);
    this.kept = keep ? Buffer.buffer() : null;
  }

  public static DigestingSink hashing(DigestAlgorithm algorithm) {
    return new DigestingSink(algorithm, false);
  }

  public static DigestingSink keeping() {
    return new DigestingSink(DigestAlgorithm.SHA256, true);
  }

  public Digest digest() {
    return digester.digest();
  }

  public long size() {
    return digester.size();
  }

  public Buffer bytes() {
    return kept;
  }

  public int largestChunk() {
    return largestChunk;
  }

  public long chunks() {
    return chunks;
  }

  @Override
  public Future<Void> write(Buffer data) {
    digester.update(data);
    if (kept != null) {
      kept.appendBuffer(data);
    }
    largestChunk = Math.max(largestChunk, data.length());
    chunks++;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public DigestingSink exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public DigestingSink setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public DigestingSink drainHandler(Handler<Void> handler) {
    return this;
  }
}
