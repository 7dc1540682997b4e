package dev.xreg.http;

import dev.xreg.storage.StorageOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Everything an embedded or standalone xreg needs; fluent, with a JSON round trip. */
public class XRegistryOptions {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  public static final long DEFAULT_IMPORT_MAX_BYTES = 4L * 1024 * 1024 * 1024;
  /** Seconds a connection may stay without reading or writing a byte. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  /** Seconds a client gets to send a request line and its headers (slowloris). */
  public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;
  /** Seconds a client gets to send a whole request body. */
  public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 60;
  /** Bytes the node's read cache may hold (issue 15); 0 switches it off. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 64L * 1024 * 1024;
  /** Bytes each node cache of OCI manifests and App Registry packages may hold (issue 15); 0 switches them off. */
  public static final long DEFAULT_CONTENT_CACHE_MAX_BYTES = 16L * 1024 * 1024;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
  private String basePath = "";
  private List<String> corsOrigins = new ArrayList<>();
  private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private long importMaxBytes = DEFAULT_IMPORT_MAX_BYTES;
  private String model = "";
  private String adminToken = "";
  private String publicUrl = "";
  private List<String> trustedProxies = new ArrayList<>();
  private java.util.Map<String, String> eventSettings = new java.util.TreeMap<>();
  private java.util.Map<String, String> authSettings = new java.util.TreeMap<>();
  private boolean ociEnabled = true;
  private boolean cnrEnabled = true;
  private String cnrPrefix = "/cnr";
  private boolean blobRedirect;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private int headerTimeoutSeconds = DEFAULT_HEADER_TIMEOUT_SECONDS;
  private int bodyTimeoutSeconds = DEFAULT_BODY_TIMEOUT_SECONDS;
  private StorageOptions storage = new StorageOptions();
  private TlsOptions tls = new TlsOptions();
  private LimitOptions limits = new LimitOptions();
  private long cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES;
  private long contentCacheMaxBytes = DEFAULT_CONTENT_CACHE_MAX_BYTES;

  public XRegistryOptions() {
  }

  public XRegistryOptions(XRegistryOptions other) {
    this(other.toJson());
  }

  public XRegistryOptions(JsonObject json) {
    host = json.getString("host", host);
    port = json.getInteger("port", port);
    instances = json.getInteger("instances", instances);
    setBasePath(json.getString("basePath", basePath));
    JsonArray origins = json.getJsonArray("corsOrigins");
    if (origins != null) {
      corsOrigins = new ArrayList<>();
      origins.forEach(o -> corsOrigins.add(o.toString()));
    }
    maxBodyBytes = json.getLong("maxBodyBytes", maxBodyBytes);
    importMaxBytes = json.getLong("importMaxBytes", importMaxBytes);
    model = json.getString("model", model);
    adminToken = json.getString("adminToken", adminToken);
    publicUrl = json.getString("publicUrl", publicUrl);
    JsonArray proxies = json.getJsonArray("trustedProxies");
    if (proxies != null) {
      trustedProxies = new ArrayList<>();
      proxies.forEach(o -> trustedProxies.add(o.toString()));
    }
    JsonObject events = json.getJsonObject("eventSettings");
    if (events != null) {
      eventSettings = new java.util.TreeMap<>();
      events.forEach(e -> eventSettings.put(e.getKey(), String.valueOf(e.getValue())));
    }
    JsonObject auth = json.getJsonObject("authSettings");
    if (auth != null) {
      authSettings = new java.util.TreeMap<>();
      auth.forEach(e -> authSettings.put(e.getKey(), String.valueOf(e.getValue())));
    }
    ociEnabled = json.getBoolean("ociEnabled", ociEnabled);
    cnrEnabled = json.getBoolean("cnrEnabled", cnrEnabled);
    cnrPrefix = json.getString("cnrPrefix", cnrPrefix);
    blobRedirect = json.getBoolean("blobRedirect", blobRedirect);
    setIdleTimeoutSeconds(json.getInteger("idleTimeoutSeconds", idleTimeoutSeconds));
    setHeaderTimeoutSeconds(json.getInteger("headerTimeoutSeconds", headerTimeoutSeconds));
    setBodyTimeoutSeconds(json.getInteger("bodyTimeoutSeconds", bodyTimeoutSeconds));
    JsonObject s = json.getJsonObject("storage");
    storage = s == null ? new StorageOptions() : new StorageOptions(s);
    JsonObject t = json.getJsonObject("tls");
    tls = t == null ? new TlsOptions() : new TlsOptions(t);
    JsonObject l = json.getJsonObject("limits");
    limits = l == null ? new LimitOptions() : new LimitOptions(l);
    setCacheMaxBytes(json.getLong("cacheMaxBytes", cacheMaxBytes));
    setContentCacheMaxBytes(json.getLong("contentCacheMaxBytes", contentCacheMaxBytes));
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("instances", instances)
        .put("basePath", basePath).put("corsOrigins", new JsonArray(new ArrayList<>(corsOrigins)))
        .put("maxBodyBytes", maxBodyBytes).put("model", model).put("adminToken", adminToken)
        .put("publicUrl", publicUrl).put("trustedProxies", new JsonArray(new ArrayList<>(trustedProxies)))
        .put("eventSettings", new JsonObject(new java.util.LinkedHashMap<>(eventSettings)))
        .put("authSettings", new JsonObject(new java.util.LinkedHashMap<>(authSettings)))
        .put("ociEnabled", ociEnabled).put("cnrEnabled", cnrEnabled).put("cnrPrefix", cnrPrefix)
        .put("blobRedirect", blobRedirect)
        .put("idleTimeoutSeconds", idleTimeoutSeconds).put("headerTimeoutSeconds", headerTimeoutSeconds)
        .put("bodyTimeoutSeconds", bodyTimeoutSeconds).put("storage", storage.toJson())
        .put("tls", tls.toJson()).put("limits", limits.toJson())
        .put("cacheMaxBytes", cacheMaxBytes).put("importMaxBytes", importMaxBytes)
        .put("contentCacheMaxBytes", contentCacheMaxBytes);
  }

  /**
   * {@code XREG_CONTENT_CACHE_MAX_BYTES}: the size bound of each of the node's caches of OCI
   * manifests and App Registry packages; 0 means none.
   */
  public long getContentCacheMaxBytes() {
    return contentCacheMaxBytes;
  }

  public XRegistryOptions setContentCacheMaxBytes(long contentCacheMaxBytes) {
    if (contentCacheMaxBytes < 0) {
      throw new IllegalArgumentException("contentCacheMaxBytes (XREG_CONTENT_CACHE_MAX_BYTES) must be 0 (off) or more,"
          + " got " + contentCacheMaxBytes);
    }
    this.contentCacheMaxBytes = contentCacheMaxBytes;
    return this;
  }

  /** {@code XREG_CACHE_MAX_BYTES}: the size bound of the node's read cache; 0 means no cache. */
  public long getCacheMaxBytes() {
    return cacheMaxBytes;
  }

  public XRegistryOptions setCacheMaxBytes(long cacheMaxBytes) {
    if (cacheMaxBytes < 0) {
      throw new IllegalArgumentException("cacheMaxBytes (XREG_CACHE_MAX_BYTES) must be 0 (off) or more, got "
          + cacheMaxBytes);
    }
    this.cacheMaxBytes = cacheMaxBytes;
    return this;
  }

  public String getHost() {
    return host;
  }

  public XRegistryOptions setHost(String host) {
    this.host = host;
    return this;
  }

  /** The HTTP port; 0 picks a free one (the verticle logs and exposes the actual port). */
  public int getPort() {
    return port;
  }

  public XRegistryOptions setPort(int port) {
    this.port = port;
    return this;
  }

  /** How many HTTP verticle instances {@code Main} deploys (one event loop each). */
  public int getInstances() {
    return instances;
  }

  public XRegistryOptions setInstances(int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, got " + instances);
    }
    this.instances = instances;
    return this;
  }

  /** A path prefix for every API, e.g. {@code /registry}; empty serves at the root. */
  public String getBasePath() {
    return basePath;
  }

  public XRegistryOptions setBasePath(String basePath) {
    String p = basePath == null ? "" : basePath.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.isEmpty() && !p.startsWith("/")) {
      p = "/" + p;
    }
    this.basePath = p;
    return this;
  }

  public List<String> getCorsOrigins() {
    return corsOrigins;
  }

  public XRegistryOptions setCorsOrigins(List<String> corsOrigins) {
    this.corsOrigins = new ArrayList<>(corsOrigins);
    return this;
  }

  /** Request bodies above this size are refused with 413 before they are buffered further. */
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public XRegistryOptions setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
    return this;
  }

  /**
   * The largest body of {@code PUT /} or {@code POST /} (an import, spooled to a temporary file
   * and read as a stream, not held in memory); refused with 413 above it.
   */
  public long getImportMaxBytes() {
    return importMaxBytes;
  }

  public XRegistryOptions setImportMaxBytes(long importMaxBytes) {
    this.importMaxBytes = importMaxBytes;
    return this;
  }

  /** A model file applied at start when it differs from the stored model; empty keeps the stored one. */
  public String getModel() {
    return model;
  }

  public XRegistryOptions setModel(String model) {
    this.model = model == null ? "" : model;
    return this;
  }

  /**
   * The secret that makes a request an admin request when sent as {@code Xreg-Admin-Token}
   * (docs/spec-decisions.md D4); empty means no request is an admin request.
   */
  public String getAdminToken() {
    return adminToken;
  }

  public XRegistryOptions setAdminToken(String adminToken) {
    this.adminToken = adminToken == null ? "" : adminToken;
    return this;
  }

  /**
   * The externally visible URL of the server's root ({@code XREG_PUBLIC_URL}), e.g.
   * {@code https://registry.example.com}; empty: taken from each request. Every API builds its
   * URLs ({@code self}, {@code Location}, {@code Link}) from it.
   */
  public String getPublicUrl() {
    return publicUrl;
  }

  public XRegistryOptions setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl == null ? "" : publicUrl;
    return this;
  }

  /**
   * Addresses and CIDR ranges of reverse proxies whose {@code Forwarded} / {@code X-Forwarded-*}
   * headers are believed ({@code XREG_TRUSTED_PROXIES}); from anyone else they are ignored.
   */
  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  public XRegistryOptions setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies = new ArrayList<>(trustedProxies);
    return this;
  }

  /**
   * The {@code XREG_EVENTS_*} settings by name (docs/events.md "Configuration"), read by the
   * events API; absent names take their defaults there.
   */
  public java.util.Map<String, String> getEventSettings() {
    return eventSettings;
  }

  public XRegistryOptions setEventSettings(java.util.Map<String, String> eventSettings) {
    this.eventSettings = new java.util.TreeMap<>(eventSettings);
    return this;
  }

  /**
   * The {@code XREG_AUTH_*} and {@code XREG_METRICS_AUTH} settings by name (issue 19; the auth
   * module's {@code AuthOptions} reads them). Without a users file or OIDC issuer the server is open.
   */
  public java.util.Map<String, String> getAuthSettings() {
    return authSettings;
  }

  public XRegistryOptions setAuthSettings(java.util.Map<String, String> authSettings) {
    this.authSettings = new java.util.TreeMap<>(authSettings);
    return this;
  }

  /** Whether the OCI Distribution API ({@code /v2/}, always at the host root) is served ({@code XREG_OCI_ENABLED}). */
  /**
   * Whether OCI blob GETs answer {@code 307} to a short-lived presigned URL of the object store
   * ({@code XREG_BLOB_REDIRECT}, issue 18), so the bytes do not pass through the node. Only
   * stores that can sign URLs (S3) redirect; with the disk store the node serves the bytes.
   */
  public boolean isBlobRedirect() {
    return blobRedirect;
  }

  public XRegistryOptions setBlobRedirect(boolean blobRedirect) {
    this.blobRedirect = blobRedirect;
    return this;
  }

  public boolean isOciEnabled() {
    return ociEnabled;
  }

  public XRegistryOptions setOciEnabled(boolean ociEnabled) {
    this.ociEnabled = ociEnabled;
    return this;
  }

  /** Whether the App Registry API ({@code /cnr}) is served ({@code XREG_CNR_ENABLED}). */
  public boolean isCnrEnabled() {
    return cnrEnabled;
  }

  public XRegistryOptions setCnrEnabled(boolean cnrEnabled) {
    this.cnrEnabled = cnrEnabled;
    return this;
  }

  /** Where the App Registry API is mounted at the host root ({@code XREG_CNR_PREFIX}, default {@code /cnr}). */
  public String getCnrPrefix() {
    return cnrPrefix;
  }

  public XRegistryOptions setCnrPrefix(String cnrPrefix) {
    this.cnrPrefix = cnrPrefix;
    return this;
  }

  /**
   * A connection that neither reads nor writes a byte for this long is closed
   * ({@code XREG_HTTP_IDLE_TIMEOUT_SECONDS}): idle keep-alive connections, stalled readers.
   */
  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  public XRegistryOptions setIdleTimeoutSeconds(int seconds) {
    this.idleTimeoutSeconds = positive("idleTimeoutSeconds", seconds);
    return this;
  }

  /**
   * A client must send a request line and all headers within this long, counted from the
   * connection's start or, on a kept-alive connection, from the idle timeout after the previous
   * response ({@code XREG_HTTP_HEADER_TIMEOUT_SECONDS}); a trickle of bytes does not extend it.
   */
  public int getHeaderTimeoutSeconds() {
    return headerTimeoutSeconds;
  }

  public XRegistryOptions setHeaderTimeoutSeconds(int seconds) {
    this.headerTimeoutSeconds = positive("headerTimeoutSeconds", seconds);
    return this;
  }

  /**
   * A request body must be complete this long after its headers arrived, else the request is
   * answered 408 and the connection closed ({@code XREG_HTTP_BODY_TIMEOUT_SECONDS}). Raise it for
   * large uploads over slow links.
   */
  public int getBodyTimeoutSeconds() {
    return bodyTimeoutSeconds;
  }

  public XRegistryOptions setBodyTimeoutSeconds(int seconds) {
    this.bodyTimeoutSeconds = positive("bodyTimeoutSeconds", seconds);
    return this;
  }

  private static int positive(String name, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 second, got " + seconds);
    }
    return seconds;
  }

  public StorageOptions getStorage() {
    return storage;
  }

  public XRegistryOptions setStorage(StorageOptions storage) {
    this.storage = storage;
    return this;
  }

  /** HTTPS ({@code XREG_TLS_*}). */
  public TlsOptions getTls() {
    return tls;
  }

  public XRegistryOptions setTls(TlsOptions tls) {
    this.tls = tls;
    return this;
  }

  /** Per-client rate and upload limits, and request size limits ({@code XREG_RATE_LIMIT_*}, {@code XREG_MAX_*}). */
  public LimitOptions getLimits() {
    return limits;
  }

  public XRegistryOptions setLimits(LimitOptions limits) {
    this.limits = limits;
    return this;
  }
}
