package dev.xreg.xregistry.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xreg.core.Json;
import dev.xreg.core.MediaTypes;

/**
 * JSON or YAML for a metadata response, by the request's {@code Accept} header (CE-005: a
 * CloudEvents Registry document is {@code application/cloudevents-registry+json} or
 * {@code +yaml}). The acceptable type with the highest {@code q} wins, the first listed on a
 * tie; anything else, or no header, is JSON. Problem documents are always JSON.
 */
record ResponseEncoding(ObjectMapper mapper, String contentType) {
  static final ResponseEncoding JSON = new ResponseEncoding(Json.MAPPER, ReplyWriter.JSON);

  /**
   * The media type variant a representation's ETag names ({@code ETags.representation}): none
   * for plain JSON, else a short name of the type, so JSON and YAML never share a strong tag.
   */
  String tagVariant() {
    return switch (contentType) {
      case MediaTypes.YAML -> "yaml";
      case MediaTypes.CEREG_JSON -> "cejson";
      case MediaTypes.CEREG_YAML -> "ceyaml";
      default -> null;
    };
  }

  static ResponseEncoding of(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    ResponseEncoding best = null;
    double bestQ = 0;
    for (String entry : accept.split(",")) {
      ResponseEncoding e = encodingOf(MediaTypes.base(entry));
      double q = quality(entry);
      if (e != null && q > bestQ) {
        best = e;
        bestQ = q;
      }
    }
    return best == null ? JSON : best;
  }

  private static ResponseEncoding encodingOf(String type) {
    if (MediaTypes.isYaml(type)) {
      return new ResponseEncoding(Json.YAML, MediaTypes.CEREG_YAML.equals(type) ? type : MediaTypes.YAML);
    }
    if (MediaTypes.CEREG_JSON.equals(type)) {
      return new ResponseEncoding(Json.MAPPER, type);
    }
    return MediaTypes.isJson(type) || type.equals("*/*") || type.equals("application/*") ? JSON : null;
  }

  private static double quality(String entry) {
    for (String param : entry.split(";")) {
      String p = param.trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
