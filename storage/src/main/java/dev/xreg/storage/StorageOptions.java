package dev.xreg.storage;

import dev.xreg.core.format.ValidationLimits;
import dev.xreg.storage.blob.BlobStoreOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/** Where and how xreg keeps its data. Fluent, with a JSON round trip like Vert.x options. */
public class StorageOptions {
  public static final String DEFAULT_ADDRESS = "xreg.storage";
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final int DEFAULT_POOL_SIZE = 16;
  public static final int DEFAULT_MAX_PAGE_SIZE = 1000;
  public static final int DEFAULT_MAX_INLINE_ENTITIES = 10_000;
  public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_MAX_SNAPSHOTS = 4;
  public static final String DEFAULT_REGISTRY_ID = "xreg";
  public static final int DEFAULT_SNAPSHOT_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_VALIDATION_THREADS = 2;
  public static final long DEFAULT_VALIDATION_TIMEOUT_MS = ValidationLimits.DEFAULT_TIMEOUT.toMillis();
  public static final int DEFAULT_GC_INTERVAL_SECONDS = 3600;
  public static final int DEFAULT_GC_GRACE_SECONDS = 3600;
  public static final int DEFAULT_UPLOAD_TTL_SECONDS = 86_400;
  public static final int DEFAULT_IMPORT_TIMEOUT_SECONDS = 600;
  /** How often each node tails the change feed for changes whose notice was lost (issue 15). */
  public static final long DEFAULT_FEED_POLL_MS = 1_000;

  private String dbUrl = "";
  private String dataDir = DEFAULT_DATA_DIR;
  private int poolSize = DEFAULT_POOL_SIZE;
  private String address = DEFAULT_ADDRESS;
  private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
  private int maxInlineEntities = DEFAULT_MAX_INLINE_ENTITIES;
  private int requestTimeoutSeconds = DEFAULT_REQUEST_TIMEOUT_SECONDS;
  private int importTimeoutSeconds = DEFAULT_IMPORT_TIMEOUT_SECONDS;
  /** Null until set: the blob store then follows the data directory ({@code <dataDir>/blobs}). */
  private BlobStoreOptions blobStore;
  private int maxSnapshots = DEFAULT_MAX_SNAPSHOTS;
  /** Plain reads take the registry row from memory (issue 15); off with the read cache ({@code XREG_CACHE_MAX_BYTES=0}). */
  private boolean registryRowCached = true;
  /** Committed writes are announced to other nodes by NOTIFY (after the commit); off: only the feed tail tells them. */
  private boolean changeNoticesSent = true;
  private long feedPollMs = DEFAULT_FEED_POLL_MS;
  private String registryId = DEFAULT_REGISTRY_ID;
  private int snapshotTimeoutSeconds = DEFAULT_SNAPSHOT_TIMEOUT_SECONDS;
  private int validationThreads = DEFAULT_VALIDATION_THREADS;
  private long validationTimeoutMs = DEFAULT_VALIDATION_TIMEOUT_MS;
  private long validationMaxDocumentBytes = ValidationLimits.DEFAULT_MAX_DOCUMENT_BYTES;
  private int validationMaxDepth = ValidationLimits.DEFAULT_MAX_DEPTH;
  private int validationMaxDefinitions = ValidationLimits.DEFAULT_MAX_DEFINITIONS;
  private int gcIntervalSeconds = DEFAULT_GC_INTERVAL_SECONDS;
  private int gcGraceSeconds = DEFAULT_GC_GRACE_SECONDS;
  private int uploadTtlSeconds = DEFAULT_UPLOAD_TTL_SECONDS;

  public StorageOptions() {
  }

  public StorageOptions(StorageOptions other) {
    this(other.toJson());
  }

  public StorageOptions(JsonObject json) {
    this.dbUrl = json.getString("dbUrl", dbUrl);
    this.dataDir = json.getString("dataDir", dataDir);
    this.poolSize = json.getInteger("poolSize", poolSize);
    this.address = json.getString("address", address);
    setMaxPageSize(json.getInteger("maxPageSize", maxPageSize));
    setMaxInlineEntities(json.getInteger("maxInlineEntities", maxInlineEntities));
    setRequestTimeoutSeconds(json.getInteger("requestTimeoutSeconds", requestTimeoutSeconds));
    setImportTimeoutSeconds(json.getInteger("importTimeoutSeconds", importTimeoutSeconds));
    setMaxSnapshots(json.getInteger("maxSnapshots", maxSnapshots));
    setRegistryId(json.getString("registryId", registryId));
    setSnapshotTimeoutSeconds(json.getInteger("snapshotTimeoutSeconds", snapshotTimeoutSeconds));
    setValidationThreads(json.getInteger("validationThreads", validationThreads));
    setValidationTimeoutMs(json.getLong("validationTimeoutMs", validationTimeoutMs));
    setValidationMaxDocumentBytes(json.getLong("validationMaxDocumentBytes", validationMaxDocumentBytes));
    setValidationMaxDepth(json.getInteger("validationMaxDepth", validationMaxDepth));
    setValidationMaxDefinitions(json.getInteger("validationMaxDefinitions", validationMaxDefinitions));
    setGcIntervalSeconds(json.getInteger("gcIntervalSeconds", gcIntervalSeconds));
    setGcGraceSeconds(json.getInteger("gcGraceSeconds", gcGraceSeconds));
    setUploadTtlSeconds(json.getInteger("uploadTtlSeconds", uploadTtlSeconds));
    this.registryRowCached = json.getBoolean("registryRowCached", registryRowCached);
    this.changeNoticesSent = json.getBoolean("changeNoticesSent", changeNoticesSent);
    setFeedPollMs(json.getLong("feedPollMs", feedPollMs));
    JsonObject blobs = json.getJsonObject("blobStore");
    this.blobStore = blobs == null ? null : new BlobStoreOptions(blobs);
  }

  public JsonObject toJson() {
    return new JsonObject().put("dbUrl", dbUrl).put("dataDir", dataDir).put("poolSize", poolSize)
        .put("address", address).put("maxPageSize", maxPageSize).put("maxInlineEntities", maxInlineEntities)
        .put("requestTimeoutSeconds", requestTimeoutSeconds).put("importTimeoutSeconds", importTimeoutSeconds).put("maxSnapshots", maxSnapshots)
        .put("registryId", registryId)
        .put("snapshotTimeoutSeconds", snapshotTimeoutSeconds).put("validationThreads", validationThreads)
        .put("validationTimeoutMs", validationTimeoutMs).put("validationMaxDocumentBytes", validationMaxDocumentBytes)
        .put("validationMaxDepth", validationMaxDepth).put("validationMaxDefinitions", validationMaxDefinitions)
        .put("gcIntervalSeconds", gcIntervalSeconds).put("gcGraceSeconds", gcGraceSeconds)
        .put("uploadTtlSeconds", uploadTtlSeconds).put("registryRowCached", registryRowCached)
        .put("changeNoticesSent", changeNoticesSent).put("feedPollMs", feedPollMs)
        // null (not absent) while unset: the blob store then keeps following dataDir in the copy
        .put("blobStore", blobStore == null ? null : blobStore.toJson());
  }

  /** Whether plain reads take the registry row from memory (see {@code pg.RegistryRowCache}). */
  public boolean isRegistryRowCached() {
    return registryRowCached;
  }

  public StorageOptions setRegistryRowCached(boolean registryRowCached) {
    this.registryRowCached = registryRowCached;
    return this;
  }

  /** Whether committed writes are announced to other nodes ({@code XREG_CACHE_NOTICES}). */
  public boolean isChangeNoticesSent() {
    return changeNoticesSent;
  }

  public StorageOptions setChangeNoticesSent(boolean changeNoticesSent) {
    this.changeNoticesSent = changeNoticesSent;
    return this;
  }

  /**
   * {@code XREG_CACHE_FEED_POLL_MS}: how often the node reads what other nodes committed from the
   * change feed, for notices that were lost; the worst-case staleness of a cached answer after
   * another node's write.
   */
  public long getFeedPollMs() {
    return feedPollMs;
  }

  public StorageOptions setFeedPollMs(long feedPollMs) {
    if (feedPollMs < 10 || feedPollMs > 3_600_000) {
      throw new IllegalArgumentException("feedPollMs (XREG_CACHE_FEED_POLL_MS) must be between 10 and 3600000, got "
          + feedPollMs);
    }
    this.feedPollMs = feedPollMs;
    return this;
  }

  /** A PostgreSQL URL ({@code postgresql://user:pw@host:5432/db}); empty means the embedded database. */
  public String getDbUrl() {
    return dbUrl;
  }

  public StorageOptions setDbUrl(String dbUrl) {
    this.dbUrl = dbUrl == null ? "" : dbUrl;
    return this;
  }

  public boolean isEmbedded() {
    return dbUrl.isBlank();
  }

  /** The embedded database's home; its cluster lives in {@code <dataDir>/pg}. */
  public String getDataDir() {
    return dataDir;
  }

  public StorageOptions setDataDir(String dataDir) {
    this.dataDir = dataDir;
    return this;
  }

  public int getPoolSize() {
    return poolSize;
  }

  public StorageOptions setPoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /**
   * The most entities one collection response holds: a larger {@code ?limit} is clamped to
   * it, and a collection GET without {@code ?limit} is paginated at it (pagination PAGE-014).
   * 0 means no maximum: without {@code ?limit} a collection GET answers the whole collection,
   * streamed in chunks.
   */
  public int getMaxPageSize() {
    return maxPageSize;
  }

  public StorageOptions setMaxPageSize(int maxPageSize) {
    if (maxPageSize < 0) {
      throw new IllegalArgumentException("maxPageSize must be 0 (no server pages) or more, got " + maxPageSize);
    }
    this.maxPageSize = maxPageSize;
    return this;
  }

  /**
   * The most entities {@code ?inline} may add to one response (CORE-INL-006): beyond it the
   * request fails with {@code too_large} and the client reads those collections page by page.
   * {@code GET /export} is not bounded by it.
   */
  public int getMaxInlineEntities() {
    return maxInlineEntities;
  }

  public StorageOptions setMaxInlineEntities(int maxInlineEntities) {
    if (maxInlineEntities < 1) {
      throw new IllegalArgumentException("maxInlineEntities must be at least 1, got " + maxInlineEntities);
    }
    this.maxInlineEntities = maxInlineEntities;
    return this;
  }

  /**
   * The longest a write may run: past it the request is rolled back and answered 503, so
   * a client that got an error can rely on nothing having changed. The HTTP side waits
   * longer than this for storage's answer, so it never gives up on a write that may commit.
   */
  public int getRequestTimeoutSeconds() {
    return requestTimeoutSeconds;
  }

  public StorageOptions setRequestTimeoutSeconds(int requestTimeoutSeconds) {
    if (requestTimeoutSeconds < 1) {
      throw new IllegalArgumentException("requestTimeoutSeconds must be at least 1, got " + requestTimeoutSeconds);
    }
    this.requestTimeoutSeconds = requestTimeoutSeconds;
    return this;
  }

  /**
   * The longest an import ({@code PUT /} or {@code POST /} of a whole document, streamed from a
   * spooled body) may run before it is rolled back: a million-Resource document takes minutes,
   * far longer than an ordinary request should (XREG_IMPORT_TIMEOUT_SECONDS).
   */
  public int getImportTimeoutSeconds() {
    return importTimeoutSeconds;
  }

  public StorageOptions setImportTimeoutSeconds(int importTimeoutSeconds) {
    if (importTimeoutSeconds < 1) {
      throw new IllegalArgumentException("importTimeoutSeconds must be at least 1, got " + importTimeoutSeconds);
    }
    this.importTimeoutSeconds = importTimeoutSeconds;
    return this;
  }

  /** How long the HTTP side waits for storage's answer: the request timeout plus time to commit and reply. */
  public long replyTimeoutMillis() {
    return (requestTimeoutSeconds + 30L) * 1000L;
  }

  /** As {@link #replyTimeoutMillis()} for a {@link dev.xreg.storage.engine.Command#lengthy() lengthy} command (an import). */
  public long lengthyReplyTimeoutMillis() {
    return (Math.max(requestTimeoutSeconds, importTimeoutSeconds) + 30L) * 1000L;
  }

  /** The event-bus address of the storage verticle; distinct registries in one Vert.x use distinct ones. */
  public String getAddress() {
    return address;
  }

  public StorageOptions setAddress(String address) {
    this.address = address;
    return this;
  }

  /**
   * How many streamed documents (exports, whole-tree {@code ?inline} reads) may be read at once,
   * each from one snapshot holding one database connection of its own; one more is answered 503.
   */
  /**
   * The Registry's {@code registryid}, given to the registry row when it is created (the first
   * start on an empty database). It is immutable (spec.md {@code <SINGULAR>id}): a different value
   * on a later start is logged and the stored one kept (docs/spec-decisions.md).
   */
  public String getRegistryId() {
    return registryId;
  }

  public StorageOptions setRegistryId(String registryId) {
    if (registryId == null || !dev.xreg.core.entity.Ids.valid(registryId)) {
      throw new IllegalArgumentException("registryId must be a valid xRegistry id (1-128 characters of"
          + " A-Z a-z 0-9 - . _ ~ : @, starting with a letter, digit or _), got " + registryId);
    }
    this.registryId = registryId;
    return this;
  }

  public int getMaxSnapshots() {
    return maxSnapshots;
  }

  public StorageOptions setMaxSnapshots(int maxSnapshots) {
    if (maxSnapshots < 1) {
      throw new IllegalArgumentException("maxSnapshots must be at least 1, got " + maxSnapshots);
    }
    this.maxSnapshots = maxSnapshots;
    return this;
  }

  /**
   * The longest a snapshot stays open (a streamed document takes at most this long to send);
   * a long-open transaction holds back PostgreSQL's vacuum, so it is bounded.
   */
  public int getSnapshotTimeoutSeconds() {
    return snapshotTimeoutSeconds;
  }

  public StorageOptions setSnapshotTimeoutSeconds(int snapshotTimeoutSeconds) {
    if (snapshotTimeoutSeconds < 1) {
      throw new IllegalArgumentException("snapshotTimeoutSeconds must be at least 1, got " + snapshotTimeoutSeconds);
    }
    this.snapshotTimeoutSeconds = snapshotTimeoutSeconds;
    return this;
  }

  /** Threads of the {@code xreg-validation} worker pool that runs schema validation and compatibility checks. */
  public int getValidationThreads() {
    return validationThreads;
  }

  public StorageOptions setValidationThreads(int validationThreads) {
    if (validationThreads < 1) {
      throw new IllegalArgumentException("validationThreads must be at least 1, got " + validationThreads);
    }
    this.validationThreads = validationThreads;
    return this;
  }

  /** The validation time of one write, all of its documents and pairs together (XREG_VALIDATION_TIMEOUT_MS). */
  public long getValidationTimeoutMs() {
    return validationTimeoutMs;
  }

  public StorageOptions setValidationTimeoutMs(long validationTimeoutMs) {
    if (validationTimeoutMs < 1) {
      throw new IllegalArgumentException("validationTimeoutMs must be at least 1, got " + validationTimeoutMs);
    }
    this.validationTimeoutMs = validationTimeoutMs;
    return this;
  }

  public long getValidationMaxDocumentBytes() {
    return validationMaxDocumentBytes;
  }

  public StorageOptions setValidationMaxDocumentBytes(long validationMaxDocumentBytes) {
    if (validationMaxDocumentBytes < 1) {
      throw new IllegalArgumentException("validationMaxDocumentBytes must be at least 1, got "
          + validationMaxDocumentBytes);
    }
    this.validationMaxDocumentBytes = validationMaxDocumentBytes;
    return this;
  }

  public int getValidationMaxDepth() {
    return validationMaxDepth;
  }

  public StorageOptions setValidationMaxDepth(int validationMaxDepth) {
    if (validationMaxDepth < 1) {
      throw new IllegalArgumentException("validationMaxDepth must be at least 1, got " + validationMaxDepth);
    }
    this.validationMaxDepth = validationMaxDepth;
    return this;
  }

  public int getValidationMaxDefinitions() {
    return validationMaxDefinitions;
  }

  public StorageOptions setValidationMaxDefinitions(int validationMaxDefinitions) {
    if (validationMaxDefinitions < 1) {
      throw new IllegalArgumentException("validationMaxDefinitions must be at least 1, got "
          + validationMaxDefinitions);
    }
    this.validationMaxDefinitions = validationMaxDefinitions;
    return this;
  }

  /** The validation limits these options set, not started (core's {@link ValidationLimits}). */
  public ValidationLimits validationLimits() {
    return ValidationLimits.of(validationMaxDocumentBytes, validationMaxDepth, validationMaxDefinitions,
        Duration.ofMillis(validationTimeoutMs));
  }

  /**
   * How often the OCI garbage collector runs ({@code XREG_GC_INTERVAL_SECONDS}); 0 turns it off.
   * With several nodes on one database each schedules it, and only one runs at a time.
   */
  public int getGcIntervalSeconds() {
    return gcIntervalSeconds;
  }

  public StorageOptions setGcIntervalSeconds(int gcIntervalSeconds) {
    if (gcIntervalSeconds < 0) {
      throw new IllegalArgumentException("gcIntervalSeconds must be 0 (off) or more, got " + gcIntervalSeconds);
    }
    this.gcIntervalSeconds = gcIntervalSeconds;
    return this;
  }

  /**
   * How long unreferenced content survives ({@code XREG_GC_GRACE_SECONDS}): a blob link no
   * manifest references, or a blob no repository links, younger than this is kept, so a blob
   * pushed for a manifest that is not pushed yet is not collected under the client's feet.
   */
  public int getGcGraceSeconds() {
    return gcGraceSeconds;
  }

  public StorageOptions setGcGraceSeconds(int gcGraceSeconds) {
    if (gcGraceSeconds < 0) {
      throw new IllegalArgumentException("gcGraceSeconds must be 0 or more, got " + gcGraceSeconds);
    }
    this.gcGraceSeconds = gcGraceSeconds;
    return this;
  }

  /** How long an upload session may stay idle before the collector cancels it ({@code XREG_UPLOAD_TTL_SECONDS}). */
  public int getUploadTtlSeconds() {
    return uploadTtlSeconds;
  }

  public StorageOptions setUploadTtlSeconds(int uploadTtlSeconds) {
    if (uploadTtlSeconds < 1) {
      throw new IllegalArgumentException("uploadTtlSeconds must be at least 1, got " + uploadTtlSeconds);
    }
    this.uploadTtlSeconds = uploadTtlSeconds;
    return this;
  }

  /**
   * Where blobs are kept ({@code XREG_BLOB_STORE}, {@code XREG_BLOB_DIR},
   * {@code XREG_BLOB_MIN_FREE_BYTES}): the options set, or by default a disk store in
   * {@code <dataDir>/blobs}. A copy: change it through {@link #setBlobStore}.
   */
  public BlobStoreOptions getBlobStore() {
    return blobStore != null ? new BlobStoreOptions(blobStore)
        : new BlobStoreOptions().setDir(Path.of(dataDir).resolve("blobs").toString());
  }

  public StorageOptions setBlobStore(BlobStoreOptions blobStore) {
    this.blobStore = blobStore == null ? null : new BlobStoreOptions(blobStore);
    return this;
  }
}
