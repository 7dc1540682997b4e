package dev.xreg.storage.blob.s3;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobException.Kind;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where everything lives in the bucket, under the configured prefix:
 *
 * <pre>
 *   &lt;prefix&gt;blobs/&lt;algorithm&gt;/&lt;first two hex digits&gt;/&lt;hex&gt;   committed blobs, immutable
 *   &lt;prefix&gt;uploads/&lt;upload ID&gt;/state                      an upload's state (JSON, see UploadState)
 *   &lt;prefix&gt;uploads/&lt;upload ID&gt;/tail-&lt;size&gt;                its last bytes not yet in a multipart part
 *   &lt;prefix&gt;uploads/&lt;upload ID&gt;/data                       its bytes assembled at commit, before verification
 * </pre>
 *
 * The blob layout is the disk store's, so keys sort as digests do and a listing of
 * {@code blobs/} pages in digest order. Nothing outside {@code blobs/} is ever read as a blob.
 */
final class ObjectKeys {
  /** Only IDs this store issues (random UUIDs) are turned into keys. */
  private static final Pattern UPLOAD_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String STATE = "/state";

  private final String blobs;
  private final String uploads;

  ObjectKeys(String prefix) {
    String root = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.blobs = root + "blobs/";
    this.uploads = root + "uploads/";
  }

  String blobs() {
    return blobs;
  }

  String uploads() {
    return uploads;
  }

  String blob(Digest digest) {
    // a Digest is validated hex of a known algorithm, safe in a key as it is
    return blobs + digest.algorithm().id() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex();
  }

  /** The digest a key under {@link #blobs()} stands for, or empty for anything else found there. */
  Optional<Digest> digestOf(String key) {
    if (!key.startsWith(blobs)) {
      return Optional.empty();
    }
    String[] parts = key.substring(blobs.length()).split("/", -1);
    if (parts.length != 3 || !parts[2].startsWith(parts[1]) || parts[1].length() != 2) {
      return Optional.empty();
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.byId(parts[0]);
    if (algorithm.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Digest(algorithm.get(), parts[2]));
    } catch (BlobException notHex) {
      return Optional.empty();
    }
  }

  /** Fails with {@link Kind#UNKNOWN_UPLOAD} for anything that is not an ID this store issues. */
  static void requireUploadId(String uploadId) {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      throw new BlobException(Kind.UNKNOWN_UPLOAD, "not an upload ID: " + uploadId);
    }
  }

  /** Every object of one upload starts with this. */
  String upload(String uploadId) {
    return uploads + uploadId + "/";
  }

  String state(String uploadId) {
    return uploads + uploadId + STATE;
  }

  String tail(String uploadId, long size) {
    return upload(uploadId) + "tail-" + size;
  }

  String data(String uploadId) {
    return upload(uploadId) + "data";
  }

  /** The upload whose state object this key is, or empty for any other key. */
  Optional<String> uploadIdOfState(String key) {
    if (!key.startsWith(uploads) || !key.endsWith(STATE)) {
      return Optional.empty();
    }
    String id = key.substring(uploads.length(), key.length() - STATE.length());
    return UPLOAD_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }
}
