package dev.xreg.storage.blob;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Where and how blobs are kept ({@code XREG_BLOB_STORE}, {@code XREG_BLOB_DIR},
 * {@code XREG_BLOB_MIN_FREE_BYTES}). Fluent, with a JSON round trip like Vert.x options.
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
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("dir", dir).put("minFreeBytes", minFreeBytes)
        .put("workerPoolSize", workerPoolSize);
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
}
