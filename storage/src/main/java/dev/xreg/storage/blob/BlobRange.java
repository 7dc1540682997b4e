package dev.xreg.storage.blob;

/**
 * What every {@link BlobRead} knows before it is opened: which blob, how large it is, and the
 * range to send. Drivers extend it with how they open the range.
 */
public abstract class BlobRange implements BlobRead {
  private final Digest digest;
  private final long blobSize;
  private final long offset;
  private final long length;

  protected BlobRange(Digest digest, long blobSize, long offset, long length) {
    this.digest = digest;
    this.blobSize = blobSize;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public long blobSize() {
    return blobSize;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long length() {
    return length;
  }
}
