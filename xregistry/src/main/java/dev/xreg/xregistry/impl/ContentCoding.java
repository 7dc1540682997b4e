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
