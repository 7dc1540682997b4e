package dev.xreg.storage.blob.s3;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * The bytes of one part as they gather, at most {@link PartWriter#PART_SIZE}. A few bytes cost a
 * small array, grown by doubling up to {@link #SMALL}; past that the array is the part's full
 * size at once, so a part is never held twice (no doubling from 4 to 8 MiB) and goes to the SDK
 * as it is, without a copy.
 */
final class PartBuffer {
  /** Below this, the array grows by doubling; beyond it, it is allocated at the part's full size. */
  static final int SMALL = 1024 * 1024;
  private static final int INITIAL = 64 * 1024;

  private byte[] bytes;
  private int length;

  /** A part that starts with the upload's tail, the bytes an earlier append left. */
  PartBuffer(Buffer tail) {
    bytes = new byte[capacityFor(Math.max(INITIAL, tail.length()))];
    tail.getBytes(0, tail.length(), bytes, 0);
    length = tail.length();
  }

  PartBuffer() {
    this(Buffer.buffer());
  }

  int length() {
    return length;
  }

  boolean isFull() {
    return length == PartWriter.PART_SIZE;
  }

  /** Copies as much of {@code chunk} from {@code from} as the part has room for; returns how many bytes it took. */
  int fill(Buffer chunk, int from) {
    int taken = Math.min(chunk.length() - from, PartWriter.PART_SIZE - length);
    if (length + taken > bytes.length) {
      byte[] grown = new byte[capacityFor(Math.max(length + taken, bytes.length * 2))];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
    chunk.getBytes(from, from + taken, bytes, length);
    length += taken;
    return taken;
  }

  /** The gathered bytes, not copied: the part must not change while the SDK sends them. */
  ByteBuffer contents() {
    return ByteBuffer.wrap(bytes, 0, length);
  }

  private static int capacityFor(int needed) {
    return needed > SMALL ? PartWriter.PART_SIZE : needed;
  }
}
