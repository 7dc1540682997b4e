package dev.xreg.storage.blob;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Where and how blobs are kept ({@code XREG_BLOB_STORE}, {@code XREG_BLOB_DIR},
 * {@code XREG_BLOB_MIN_FREE_BYTES}, and for the S3 store {@code XREG_S3_ENDPOINT},
 * {@code XREG_S3_BUCKET}, {@code XREG_S3_REGION}, {@code XREG_S3_PREFIX},
 * {@code XREG_S3_ACCESS_KEY}, {@code XREG_S3_SECRET_KEY}, {@code XREG_S3_UPLOAD_MEMORY_BYTES}). Fluent, with a JSON round trip like
 * Vert.x options. The S3 settings are plain strings, empty when unset; the S3 driver (module
 * {@code blob-s3}) interprets them.
 */
public class BlobStoreOptions {
  public static final String TYPE_DISK = "disk";
  public static final String TYPE_S3 = "s3";
  public static final String DEFAULT_DIR = "./data/blobs";
  /** Keeps some room on the disk for the database and the logs when they share it. */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_WORKER_POOL_SIZE = 4;

  private String type = TYPE_DISK;
  private String dir = DEFAULT_DIR;
  private long minFreeBytes = DEFAULT_MIN_FREE_BYTES;
  private int workerPoolSize = DEFAULT_WORKER_POOL_SIZE;
  private String s3Endpoint = "";
  private String s3Bucket = "";
  private String s3Region = "";
  private String s3Prefix = "";
  private String s3AccessKey = "";
  private String s3SecretKey = "";
  private long s3UploadMemoryBytes;

  public BlobStoreOptions() {
  }

  public BlobStoreOptions(BlobStoreOptions other) {
    this(other.toJson());
  }

  public BlobStoreOptions(JsonObject json) {
    setType(json.getString("type", type));
    setDir(json.getString("dir", dir));
    setMinFreeBytes(json.getLong("minFreeBytes", minFreeBytes));
    setWorkerPoolSize(json.getInteger("workerPoolSize", workerPoolSize));
    setS3Endpoint(json.getString("s3Endpoint", s3Endpoint));
    setS3Bucket(json.getString("s3Bucket", s3Bucket));
    setS3Region(json.getString("s3Region", s3Region));
    setS3Prefix(json.getString("s3Prefix", s3Prefix));
    setS3AccessKey(json.getString("s3AccessKey", s3AccessKey));
    setS3SecretKey(json.getString("s3SecretKey", s3SecretKey));
    setS3UploadMemoryBytes(json.getLong("s3UploadMemoryBytes", s3UploadMemoryBytes));
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("dir", dir).put("minFreeBytes", minFreeBytes)
        .put("workerPoolSize", workerPoolSize).put("s3Endpoint", s3Endpoint).put("s3Bucket", s3Bucket)
        .put("s3Region", s3Region).put("s3Prefix", s3Prefix).put("s3AccessKey", s3AccessKey)
        .put("s3SecretKey", s3SecretKey).put("s3UploadMemoryBytes", s3UploadMemoryBytes);
  }

  /** {@value #TYPE_DISK} (the default) or {@value #TYPE_S3}. */
  public String getType() {
    return type;
  }

  public BlobStoreOptions setType(String type) {
    if (!TYPE_DISK.equals(type) && !TYPE_S3.equals(type)) {
      throw new IllegalArgumentException("blob store type must be " + TYPE_DISK + " or " + TYPE_S3 + ", got " + type);
    }
    this.type = type;
    return this;
  }

  /** The disk store's root: blobs and uploads live under it, on one file system. */
  public String getDir() {
    return dir;
  }

  public BlobStoreOptions setDir(String dir) {
    Objects.requireNonNull(dir, "dir");
    if (dir.isBlank()) {
      throw new IllegalArgumentException("blob dir must not be empty");
    }
    this.dir = dir;
    return this;
  }

  /** Uploads are refused while fewer bytes than this are free; 0 turns the check off. */
  public long getMinFreeBytes() {
    return minFreeBytes;
  }

  public BlobStoreOptions setMinFreeBytes(long minFreeBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must be 0 or more, got " + minFreeBytes);
    }
    this.minFreeBytes = minFreeBytes;
    return this;
  }

  /** Threads of the store's own worker pool, which hashes, fsyncs and moves files off the event loops. */
  public int getWorkerPoolSize() {
    return workerPoolSize;
  }

  public BlobStoreOptions setWorkerPoolSize(int workerPoolSize) {
    if (workerPoolSize < 1) {
      throw new IllegalArgumentException("workerPoolSize must be at least 1, got " + workerPoolSize);
    }
    this.workerPoolSize = workerPoolSize;
    return this;
  }

  /**
   * The S3-compatible server's URL ({@code http://127.0.0.1:9000}); empty: AWS S3 itself. A
   * custom endpoint is always addressed path-style ({@code endpoint/bucket/key}), which
   * S3-compatible servers expect.
   */
  public String getS3Endpoint() {
    return s3Endpoint;
  }

  public BlobStoreOptions setS3Endpoint(String s3Endpoint) {
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    if (!s3Endpoint.isEmpty() && !s3Endpoint.startsWith("http://") && !s3Endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("the S3 endpoint is an http:// or https:// URL, got " + s3Endpoint);
    }
    this.s3Endpoint = s3Endpoint;
    return this;
  }

  /** The bucket holding blobs and uploads; it must exist (the store does not create it). */
  public String getS3Bucket() {
    return s3Bucket;
  }

  public BlobStoreOptions setS3Bucket(String s3Bucket) {
    this.s3Bucket = Objects.requireNonNull(s3Bucket, "s3Bucket");
    return this;
  }

  /** The bucket's region; empty: the SDK's region chain for AWS, {@code us-east-1} for a custom endpoint. */
  public String getS3Region() {
    return s3Region;
  }

  public BlobStoreOptions setS3Region(String s3Region) {
    this.s3Region = Objects.requireNonNull(s3Region, "s3Region");
    return this;
  }

  /** A key prefix, so that one bucket can hold several registries; {@code /} is added when missing. */
  public String getS3Prefix() {
    return s3Prefix;
  }

  public BlobStoreOptions setS3Prefix(String s3Prefix) {
    Objects.requireNonNull(s3Prefix, "s3Prefix");
    if (s3Prefix.startsWith("/")) {
      throw new IllegalArgumentException("the S3 prefix is relative to the bucket (no leading /), got " + s3Prefix);
    }
    this.s3Prefix = s3Prefix;
    return this;
  }

  /** With {@link #getS3SecretKey()}: static credentials; both empty: the SDK's default provider chain. */
  public String getS3AccessKey() {
    return s3AccessKey;
  }

  public BlobStoreOptions setS3AccessKey(String s3AccessKey) {
    this.s3AccessKey = Objects.requireNonNull(s3AccessKey, "s3AccessKey");
    return this;
  }

  public String getS3SecretKey() {
    return s3SecretKey;
  }

  public BlobStoreOptions setS3SecretKey(String s3SecretKey) {
    this.s3SecretKey = Objects.requireNonNull(s3SecretKey, "s3SecretKey");
    return this;
  }

  /**
   * The heap the S3 store's uploads in progress may hold for their multipart parts, all
   * together, in whole 8 MiB parts (at least one); an upload that finds it spent waits, its
   * request paused, until a part is stored. 0 (the default): a quarter of the maximum heap.
   */
  public long getS3UploadMemoryBytes() {
    return s3UploadMemoryBytes;
  }

  public BlobStoreOptions setS3UploadMemoryBytes(long s3UploadMemoryBytes) {
    if (s3UploadMemoryBytes < 0) {
      throw new IllegalArgumentException("s3UploadMemoryBytes must be 0 (a quarter of the heap) or more, got "
          + s3UploadMemoryBytes);
    }
    this.s3UploadMemoryBytes = s3UploadMemoryBytes;
    return this;
  }
}
