package dev.xreg.storage.blob;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The bytes of a blob range, with back-pressure. It releases what it holds (a file handle, a
 * connection) by itself when it ends or fails; a consumer that stops early (the client went
 * away) calls {@link #close()}, which is harmless after the end.
 */
public interface BlobStream extends ReadStream<Buffer> {
  Future<Void> close();
}
