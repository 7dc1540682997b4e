package dev.xreg.storage.blob.s3;

/**
 * The bucket answered that an object (or a multipart upload) does not exist. The store turns it
 * into the {@link dev.xreg.storage.blob.BlobException.Kind} that fits the call: an unknown blob
 * or an unknown upload.
 */
final class ObjectMissing extends RuntimeException {
  ObjectMissing(String key, Throwable cause) {
    super("no object " + key, cause, false, false);
  }
}
