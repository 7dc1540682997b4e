package dev.xreg.http;

import io.vertx.core.json.JsonObject;

/**
 * HTTPS on the server's port ({@code XREG_TLS_CERT}, {@code XREG_TLS_KEY}): PEM files of the
 * certificate chain and its private key. Both empty serves plain HTTP; one without the other
 * is a configuration error, since half a pair cannot serve anything.
 */
public class TlsOptions {
  /** How often the files are looked at for a new certificate; a renewal is served within this. */
  public static final int DEFAULT_RELOAD_CHECK_SECONDS = 2;

  private String certPath = "";
  private String keyPath = "";
  private int reloadCheckSeconds = DEFAULT_RELOAD_CHECK_SECONDS;

  public TlsOptions() {
  }

  public TlsOptions(JsonObject json) {
    certPath = json.getString("certPath", certPath);
    keyPath = json.getString("keyPath", keyPath);
    setReloadCheckSeconds(json.getInteger("reloadCheckSeconds", reloadCheckSeconds));
  }

  public JsonObject toJson() {
    return new JsonObject().put("certPath", certPath).put("keyPath", keyPath)
        .put("reloadCheckSeconds", reloadCheckSeconds);
  }

  /** Whether HTTPS is served; throws when only one of the two files is named. */
  public boolean isEnabled() {
    if (certPath.isEmpty() != keyPath.isEmpty()) {
      throw new IllegalArgumentException("XREG_TLS_CERT and XREG_TLS_KEY must be set together (got "
          + (certPath.isEmpty() ? "only XREG_TLS_KEY" : "only XREG_TLS_CERT") + ")");
    }
    return !certPath.isEmpty();
  }

  /** The PEM certificate chain, leaf first ({@code XREG_TLS_CERT}). */
  public String getCertPath() {
    return certPath;
  }

  public TlsOptions setCertPath(String certPath) {
    this.certPath = certPath == null ? "" : certPath.trim();
    return this;
  }

  /** The PEM private key (PKCS#8 or PKCS#1) of the certificate ({@code XREG_TLS_KEY}). */
  public String getKeyPath() {
    return keyPath;
  }

  public TlsOptions setKeyPath(String keyPath) {
    this.keyPath = keyPath == null ? "" : keyPath.trim();
    return this;
  }

  public int getReloadCheckSeconds() {
    return reloadCheckSeconds;
  }

  public TlsOptions setReloadCheckSeconds(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("reloadCheckSeconds must be at least 1, got " + seconds);
    }
    this.reloadCheckSeconds = seconds;
    return this;
  }
}
