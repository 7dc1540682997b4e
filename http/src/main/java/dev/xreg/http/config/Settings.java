package dev.xreg.http.config;

import dev.xreg.http.LimitOptions;
import dev.xreg.http.TlsOptions;
import dev.xreg.http.XRegistryOptions;
import dev.xreg.core.format.ValidationLimits;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.blob.BlobStoreOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Server configuration by name ({@code XREG_HTTP_PORT}, ...), merged in increasing
 * precedence: defaults, a config file ({@code --config}, JSON or properties, same names),
 * environment variables, system properties ({@code -Dxreg.http.port=...}).
 */
public final class Settings {
  /** Every setting xreg reads, in README order. */
  public static final List<String> NAMES = List.of("XREG_HTTP_HOST", "XREG_HTTP_PORT", "XREG_EVENT_LOOPS",
      "XREG_HTTP_INSTANCES", "XREG_DB_URL", "XREG_DATA_DIR", "XREG_DB_POOL_SIZE", "XREG_MODEL", "XREG_REGISTRY_ID",
      "XREG_BASE_PATH",
      "XREG_CORS_ORIGINS", "XREG_MAX_BODY_BYTES", "XREG_IMPORT_MAX_BYTES", "XREG_MAX_PAGE_SIZE",
      "XREG_MAX_INLINE_ENTITIES", "XREG_REQUEST_TIMEOUT_SECONDS", "XREG_IMPORT_TIMEOUT_SECONDS", "XREG_MAX_SNAPSHOTS",
      "XREG_SNAPSHOT_TIMEOUT_SECONDS", "XREG_VALIDATION_THREADS", "XREG_VALIDATION_TIMEOUT_MS",
      "XREG_VALIDATION_MAX_BYTES", "XREG_VALIDATION_MAX_DEPTH", "XREG_VALIDATION_MAX_DEFINITIONS", "XREG_ADMIN_TOKEN",
      "XREG_OCI_ENABLED", "XREG_CNR_ENABLED", "XREG_CNR_PREFIX", "XREG_PUBLIC_URL", "XREG_TRUSTED_PROXIES", "XREG_BLOB_STORE",
      "XREG_BLOB_DIR", "XREG_BLOB_MIN_FREE_BYTES", "XREG_S3_ENDPOINT", "XREG_S3_BUCKET", "XREG_S3_REGION",
      "XREG_S3_PREFIX", "XREG_S3_ACCESS_KEY", "XREG_S3_SECRET_KEY", "XREG_S3_UPLOAD_MEMORY_BYTES", "XREG_BLOB_REDIRECT",
      "XREG_HTTP_IDLE_TIMEOUT_SECONDS", "XREG_HTTP_HEADER_TIMEOUT_SECONDS", "XREG_HTTP_BODY_TIMEOUT_SECONDS",
      "XREG_GC_INTERVAL_SECONDS", "XREG_GC_GRACE_SECONDS", "XREG_UPLOAD_TTL_SECONDS",
      "XREG_EVENTS_ALLOWED_SINKS", "XREG_EVENTS_MAX_ATTEMPTS", "XREG_EVENTS_POLL_MS",
      "XREG_EVENTS_DELIVERY_TIMEOUT_MS", "XREG_EVENTS_FIRST_RETRY_MS", "XREG_EVENTS_MAX_RETRY_MS",
      "XREG_TLS_CERT", "XREG_TLS_KEY", "XREG_RATE_LIMIT_PER_SECOND", "XREG_RATE_LIMIT_BURST", "XREG_MAX_URL_BYTES",
      "XREG_MAX_HEADER_BYTES", "XREG_MAX_UPLOADS_PER_CLIENT",
      "XREG_AUTH_USERS_FILE", "XREG_AUTH_POLICY", "XREG_AUTH_ANONYMOUS", "XREG_AUTH_OIDC_ISSUER",
      "XREG_AUTH_OIDC_JWKS_URL", "XREG_AUTH_OIDC_AUDIENCE", "XREG_AUTH_OIDC_GROUPS_CLAIM", "XREG_AUTH_TOKEN_KEY",
      "XREG_METRICS_AUTH", "XREG_CACHE_MAX_BYTES",
      "XREG_EVENTS_CONCURRENCY", "XREG_EVENTS_MAX_AGE_SECONDS", "XREG_EVENTS_RETENTION_SECONDS",
      "XREG_EVENTS_TRIM_INTERVAL_SECONDS", "XREG_CONTENT_CACHE_MAX_BYTES", "XREG_CACHE_NOTICES",
      "XREG_CACHE_FEED_POLL_MS");

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  public static Settings load(String[] args, Map<String, String> env, Properties system) throws IOException {
    Map<String, String> merged = new LinkedHashMap<>();
    String file = configFile(args);
    if (file != null) {
      merged.putAll(readFile(Path.of(file)));
    }
    for (String name : NAMES) {
      if (env.containsKey(name)) {
        merged.put(name, env.get(name));
      }
      String prop = system.getProperty(propertyName(name));
      if (prop != null) {
        merged.put(name, prop);
      }
    }
    return new Settings(merged);
  }

  /** {@code XREG_HTTP_PORT} is {@code xreg.http.port} as a system property. */
  public static String propertyName(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  public String get(String name, String dflt) {
    String v = values.get(name);
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  public int getInt(String name, int dflt) {
    String v = get(name, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"");
    }
  }

  public long getLong(String name, long dflt) {
    String v = get(name, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"");
    }
  }

  public double getDouble(String name, double dflt) {
    String v = get(name, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
    }
  }

  /** {@code true}/{@code false} (any case); anything else is a configuration error naming the setting. */
  public boolean getBoolean(String name, boolean dflt) {
    String v = get(name, null);
    if (v == null) {
      return dflt;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(name + " must be true or false, got \"" + v + "\"");
  }

  public XRegistryOptions toOptions() {
    String dataDir = get("XREG_DATA_DIR", StorageOptions.DEFAULT_DATA_DIR);
    XRegistryOptions o = new XRegistryOptions()
        .setHost(get("XREG_HTTP_HOST", XRegistryOptions.DEFAULT_HOST))
        .setPort(getInt("XREG_HTTP_PORT", XRegistryOptions.DEFAULT_PORT))
        .setBasePath(get("XREG_BASE_PATH", ""))
        .setModel(get("XREG_MODEL", ""))
        .setAdminToken(get("XREG_ADMIN_TOKEN", ""))
        .setOciEnabled(getBoolean("XREG_OCI_ENABLED", true))
        .setCnrEnabled(getBoolean("XREG_CNR_ENABLED", true))
        .setCnrPrefix(get("XREG_CNR_PREFIX", "/cnr"))
        .setBlobRedirect(getBoolean("XREG_BLOB_REDIRECT", false))
        .setIdleTimeoutSeconds(getInt("XREG_HTTP_IDLE_TIMEOUT_SECONDS", XRegistryOptions.DEFAULT_IDLE_TIMEOUT_SECONDS))
        .setHeaderTimeoutSeconds(getInt("XREG_HTTP_HEADER_TIMEOUT_SECONDS",
            XRegistryOptions.DEFAULT_HEADER_TIMEOUT_SECONDS))
        .setBodyTimeoutSeconds(getInt("XREG_HTTP_BODY_TIMEOUT_SECONDS", XRegistryOptions.DEFAULT_BODY_TIMEOUT_SECONDS))
        .setMaxBodyBytes(Long.parseLong(get("XREG_MAX_BODY_BYTES", Long.toString(XRegistryOptions.DEFAULT_MAX_BODY_BYTES))))
        .setImportMaxBytes(getLong("XREG_IMPORT_MAX_BYTES", XRegistryOptions.DEFAULT_IMPORT_MAX_BYTES))
        .setStorage(new StorageOptions()
            .setDbUrl(get("XREG_DB_URL", ""))
            .setDataDir(dataDir)
            .setBlobStore(new BlobStoreOptions()
                .setType(get("XREG_BLOB_STORE", BlobStoreOptions.TYPE_DISK))
                .setDir(get("XREG_BLOB_DIR", Path.of(dataDir).resolve("blobs").toString()))
                .setMinFreeBytes(getLong("XREG_BLOB_MIN_FREE_BYTES", BlobStoreOptions.DEFAULT_MIN_FREE_BYTES))
                .setS3Endpoint(get("XREG_S3_ENDPOINT", ""))
                .setS3Bucket(get("XREG_S3_BUCKET", ""))
                .setS3Region(get("XREG_S3_REGION", ""))
                .setS3Prefix(get("XREG_S3_PREFIX", ""))
                .setS3AccessKey(get("XREG_S3_ACCESS_KEY", ""))
                .setS3SecretKey(get("XREG_S3_SECRET_KEY", ""))
                .setS3UploadMemoryBytes(getLong("XREG_S3_UPLOAD_MEMORY_BYTES", 0)))
            .setPoolSize(getInt("XREG_DB_POOL_SIZE", StorageOptions.DEFAULT_POOL_SIZE))
            .setGcIntervalSeconds(getInt("XREG_GC_INTERVAL_SECONDS", StorageOptions.DEFAULT_GC_INTERVAL_SECONDS))
            .setGcGraceSeconds(getInt("XREG_GC_GRACE_SECONDS", StorageOptions.DEFAULT_GC_GRACE_SECONDS))
            .setUploadTtlSeconds(getInt("XREG_UPLOAD_TTL_SECONDS", StorageOptions.DEFAULT_UPLOAD_TTL_SECONDS))
            .setMaxPageSize(getInt("XREG_MAX_PAGE_SIZE", StorageOptions.DEFAULT_MAX_PAGE_SIZE))
            .setMaxInlineEntities(getInt("XREG_MAX_INLINE_ENTITIES", StorageOptions.DEFAULT_MAX_INLINE_ENTITIES))
            .setRequestTimeoutSeconds(getInt("XREG_REQUEST_TIMEOUT_SECONDS",
                StorageOptions.DEFAULT_REQUEST_TIMEOUT_SECONDS))
            .setImportTimeoutSeconds(getInt("XREG_IMPORT_TIMEOUT_SECONDS", StorageOptions.DEFAULT_IMPORT_TIMEOUT_SECONDS))
            .setMaxSnapshots(getInt("XREG_MAX_SNAPSHOTS", StorageOptions.DEFAULT_MAX_SNAPSHOTS))
            .setChangeNoticesSent(getBoolean("XREG_CACHE_NOTICES", true))
            .setFeedPollMs(getLong("XREG_CACHE_FEED_POLL_MS", StorageOptions.DEFAULT_FEED_POLL_MS))
            .setRegistryId(get("XREG_REGISTRY_ID", StorageOptions.DEFAULT_REGISTRY_ID))
            .setSnapshotTimeoutSeconds(getInt("XREG_SNAPSHOT_TIMEOUT_SECONDS",
                StorageOptions.DEFAULT_SNAPSHOT_TIMEOUT_SECONDS))
            .setValidationThreads(getInt("XREG_VALIDATION_THREADS", StorageOptions.DEFAULT_VALIDATION_THREADS))
            .setValidationTimeoutMs(Long.parseLong(get("XREG_VALIDATION_TIMEOUT_MS",
                Long.toString(StorageOptions.DEFAULT_VALIDATION_TIMEOUT_MS))))
            .setValidationMaxDocumentBytes(Long.parseLong(get("XREG_VALIDATION_MAX_BYTES",
                Long.toString(ValidationLimits.DEFAULT_MAX_DOCUMENT_BYTES))))
            .setValidationMaxDepth(getInt("XREG_VALIDATION_MAX_DEPTH", ValidationLimits.DEFAULT_MAX_DEPTH))
            .setValidationMaxDefinitions(getInt("XREG_VALIDATION_MAX_DEFINITIONS",
                ValidationLimits.DEFAULT_MAX_DEFINITIONS)));
    o.setInstances(getInt("XREG_HTTP_INSTANCES", o.getInstances()));
    o.setCorsOrigins(list("XREG_CORS_ORIGINS"));
    o.setPublicUrl(get("XREG_PUBLIC_URL", ""));
    java.util.Map<String, String> events = new java.util.TreeMap<>();
    NAMES.stream().filter(n -> n.startsWith("XREG_EVENTS_") && get(n, null) != null)
        .forEach(n -> events.put(n, get(n, null)));
    o.setEventSettings(events);
    java.util.Map<String, String> auth = new java.util.TreeMap<>();
    NAMES.stream().filter(n -> (n.startsWith("XREG_AUTH_") || n.equals("XREG_METRICS_AUTH")) && get(n, null) != null)
        .forEach(n -> auth.put(n, get(n, null)));
    dev.xreg.auth.AuthOptions.from(auth); // a bad value fails the start here, naming the variable
    o.setAuthSettings(auth);
    o.setTrustedProxies(list("XREG_TRUSTED_PROXIES"));
    o.setTls(new TlsOptions().setCertPath(get("XREG_TLS_CERT", "")).setKeyPath(get("XREG_TLS_KEY", "")));
    o.getTls().isEnabled(); // one file without the other fails here, naming both settings
    o.setLimits(new LimitOptions()
        .setRatePerSecond(getDouble("XREG_RATE_LIMIT_PER_SECOND", 0))
        .setBurst(getInt("XREG_RATE_LIMIT_BURST", 0))
        .setMaxUrlBytes(getInt("XREG_MAX_URL_BYTES", LimitOptions.DEFAULT_MAX_URL_BYTES))
        .setMaxHeaderBytes(getInt("XREG_MAX_HEADER_BYTES", LimitOptions.DEFAULT_MAX_HEADER_BYTES))
        .setMaxUploadsPerClient(getInt("XREG_MAX_UPLOADS_PER_CLIENT", 0)));
    o.setCacheMaxBytes(getLong("XREG_CACHE_MAX_BYTES", XRegistryOptions.DEFAULT_CACHE_MAX_BYTES));
    o.setContentCacheMaxBytes(getLong("XREG_CONTENT_CACHE_MAX_BYTES", XRegistryOptions.DEFAULT_CONTENT_CACHE_MAX_BYTES));
    return o;
  }

  /** A comma-separated setting as its non-empty, trimmed parts. */
  private List<String> list(String name) {
    return Arrays.stream(get(name, "").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  private static String configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return null;
  }

  private static Map<String, String> readFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    if (text.trim().startsWith("{")) {
      new JsonObject(text).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    } else {
      Properties p = new Properties();
      try (Reader r = new StringReader(text)) {
        p.load(r);
      }
      p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    }
    for (String key : out.keySet()) {
      if (!NAMES.contains(key)) {
        throw new IllegalArgumentException("unknown setting " + key + " in " + file + "; known: " + NAMES);
      }
    }
    return out;
  }
}
