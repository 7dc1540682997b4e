package dev.xreg.xregistry.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;

/**
 * The content coding a response body will go out with (RFC 9110 8.4), decided here from the
 * request's {@code Accept-Encoding} before anything is written, because the representation's
 * validator names it ({@code ETag}, RFC 9110 8.8.3). The server compresses with gzip or
 * deflate (Vert.x {@code compressionSupported}); the choice follows the same preference as
 * its compressor: the acceptable one with the higher {@code q}, gzip on a tie, gzip for a bare
 * {@code *}. When the answer is identity the response says so ({@code Content-Encoding:
 * identity}, which Vert.x removes before sending), so the compressor never disagrees with a
 * tag that names no coding.
 */
enum ContentCoding {
  IDENTITY(null), GZIP("gzip"), DEFLATE("deflate");

  private final String token;

  ContentCoding(String token) {
    this.token = token;
  }

  /** The coding's name in an ETag variant, null for identity. */
  String token() {
    return token;
  }

  static ContentCoding of(HttpServerRequest request) {
    return of(request.getHeader("Accept-Encoding"));
  }

  static ContentCoding of(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return IDENTITY;
    }
    double gzip = -1;
    double deflate = -1;
    double any = -1;
    for (String entry : acceptEncoding.split(",")) {
      String[] parts = entry.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      switch (name) {
        case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
        case "deflate" -> deflate = Math.max(deflate, q);
        case "*" -> any = q;
        default -> { }
      }
    }
    if (gzip > 0 || deflate > 0) {
      return gzip >= deflate ? GZIP : DEFLATE;
    }
    if (any > 0) {
      return gzip < 0 ? GZIP : deflate < 0 ? DEFLATE : IDENTITY;
    }
    return IDENTITY;
  }

  /** Pins the decision on {@code response}: identity is sent uncompressed whatever the compressor thinks. */
  void apply(HttpServerResponse response) {
    if (this == IDENTITY) {
      response.putHeader("Content-Encoding", "identity");
    }
  }

  /**
   * {@code body} in this coding, as the server's compressor would send it (gzip; deflate as the
   * zlib format HTTP means by it, RFC 9110 8.4.1.2), at the compressor's default level; identity
   * returns it as it is. Used for read cache entries, coded once instead of on every hit.
   */
  byte[] encode(byte[] body) {
    if (this == IDENTITY) {
      return body;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, body.length / 3));
    try (java.io.OutputStream z = this == GZIP ? new java.util.zip.GZIPOutputStream(out)
        : new java.util.zip.DeflaterOutputStream(out)) {
      z.write(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: does not happen
    }
    return out.toByteArray();
  }

  private static double quality(String[] params) {
    for (int i = 1; i < params.length; i++) {
      String p = params[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
