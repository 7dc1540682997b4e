package dev.xreg.storage.blob;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A range of a stored blob, ready to be sent. An HTTP layer that can send a file without
 * copying it through the heap ({@code sendFile(file, offset, length)}) asks {@link #file()};
 * any other consumer, and every driver that does not keep files, uses {@link #open()}.
 */
public interface BlobRead {
  Digest digest();

  /** The whole blob's size, for {@code Content-Range: bytes a-b/size}. */
  long blobSize();

  /** Where the range starts. */
  long offset();

  /** How many bytes the range holds (clamped to the end of the blob). */
  long length();

  /** The local file holding the whole blob, when the driver keeps one; empty otherwise. */
  Optional<Path> file();

  /** Streams exactly the range's bytes. Fails with {@link BlobException.Kind#UNKNOWN_BLOB} if the blob went away. */
  Future<BlobStream> open();
}
