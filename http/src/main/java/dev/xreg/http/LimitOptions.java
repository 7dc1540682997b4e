package dev.xreg.http;

import io.vertx.core.json.JsonObject;

/**
 * Per-client limits (issue 19): a request rate per identity or address
 * ({@code XREG_RATE_LIMIT_PER_SECOND}, {@code XREG_RATE_LIMIT_BURST}; 0 = off), concurrent OCI
 * blob uploads per client ({@code XREG_MAX_UPLOADS_PER_CLIENT}; 0 = off), and the largest
 * request target and header block the server reads ({@code XREG_MAX_URL_BYTES},
 * {@code XREG_MAX_HEADER_BYTES}).
 */
public class LimitOptions {
  /** Netty's and Vert.x's own default for the request line, kept so existing clients see no change. */
  public static final int DEFAULT_MAX_URL_BYTES = 4096;
  /** Vert.x's default header block size. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8192;

  private double ratePerSecond;
  private int burst;
  private int maxUploadsPerClient;
  private int maxUrlBytes = DEFAULT_MAX_URL_BYTES;
  private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;

  public LimitOptions() {
  }

  public LimitOptions(JsonObject json) {
    setRatePerSecond(json.getDouble("ratePerSecond", ratePerSecond));
    setBurst(json.getInteger("burst", burst));
    setMaxUploadsPerClient(json.getInteger("maxUploadsPerClient", maxUploadsPerClient));
    setMaxUrlBytes(json.getInteger("maxUrlBytes", maxUrlBytes));
    setMaxHeaderBytes(json.getInteger("maxHeaderBytes", maxHeaderBytes));
  }

  public JsonObject toJson() {
    return new JsonObject().put("ratePerSecond", ratePerSecond).put("burst", burst)
        .put("maxUploadsPerClient", maxUploadsPerClient).put("maxUrlBytes", maxUrlBytes)
        .put("maxHeaderBytes", maxHeaderBytes);
  }

  /** Requests per second a client's bucket refills with; 0 turns rate limiting off. */
  public double getRatePerSecond() {
    return ratePerSecond;
  }

  public LimitOptions setRatePerSecond(double ratePerSecond) {
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("XREG_RATE_LIMIT_PER_SECOND must be 0 (off) or a positive number, got "
          + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    return this;
  }

  /**
   * How many requests a client may send at once before the rate applies (the bucket's size);
   * 0 takes the rate rounded up, so one second's worth.
   */
  public int getBurst() {
    return burst;
  }

  public LimitOptions setBurst(int burst) {
    this.burst = atLeast("XREG_RATE_LIMIT_BURST", burst, 0);
    return this;
  }

  /** The bucket size in force: the burst, else one second's worth of the rate, at least 1. */
  public int effectiveBurst() {
    return burst > 0 ? burst : (int) Math.max(1, Math.ceil(ratePerSecond));
  }

  public int getMaxUploadsPerClient() {
    return maxUploadsPerClient;
  }

  public LimitOptions setMaxUploadsPerClient(int maxUploadsPerClient) {
    this.maxUploadsPerClient = atLeast("XREG_MAX_UPLOADS_PER_CLIENT", maxUploadsPerClient, 0);
    return this;
  }

  public int getMaxUrlBytes() {
    return maxUrlBytes;
  }

  public LimitOptions setMaxUrlBytes(int maxUrlBytes) {
    this.maxUrlBytes = atLeast("XREG_MAX_URL_BYTES", maxUrlBytes, 256);
    return this;
  }

  public int getMaxHeaderBytes() {
    return maxHeaderBytes;
  }

  public LimitOptions setMaxHeaderBytes(int maxHeaderBytes) {
    this.maxHeaderBytes = atLeast("XREG_MAX_HEADER_BYTES", maxHeaderBytes, 1024);
    return this;
  }

  private static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
