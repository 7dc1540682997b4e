package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.MediaTypes;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Resource type's {@code typemap} (model.md "typemap"): how a document of a given
 * {@code contenttype} is serialized under {@code <RESOURCE>}: as JSON, as a string, or as
 * bytes ({@code <RESOURCE>base64}). Keys are media types with at most one {@code *}.
 */
public final class TypeMap {
  public static final String BINARY = "binary";
  public static final String JSON = "json";
  public static final String STRING = "string";
  private static final Set<String> KINDS = Set.of(BINARY, JSON, STRING);
  /** The entries every typemap has unless it maps the same key itself. */
  private static final Map<String, String> IMPLICIT = Map.of("application/json", JSON, "*+json", JSON,
      "text/plain", STRING);
  public static final TypeMap DEFAULT = new TypeMap(Map.of());

  private final Map<String, String> entries;

  private TypeMap(Map<String, String> explicit) {
    Map<String, String> all = new LinkedHashMap<>(IMPLICIT);
    all.putAll(explicit);
    this.entries = all;
  }

  /** Parses a model's {@code typemap}; unknown values are {@code model_error}. */
  static TypeMap parse(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return DEFAULT;
    }
    if (!node.isObject()) {
      throw modelError("\"" + where + ".typemap\" must be a map of content type to binary, json or string");
    }
    Map<String, String> explicit = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().toLowerCase(Locale.ROOT);
      String value = e.getValue().asText("").toLowerCase(Locale.ROOT);
      if (key.isEmpty() || key.indexOf('*') != key.lastIndexOf('*') || !e.getValue().isTextual()
          || !KINDS.contains(value)) {
        throw modelError("\"" + where + ".typemap\" entry \"" + e.getKey() + "\": " + e.getValue()
            + " must map a content type (at most one *) to binary, json or string");
      }
      explicit.put(key, value);
    }
    return new TypeMap(explicit);
  }

  /**
   * How a document of {@code contentType} is serialized: the value of the matching entries
   * (only the {@code type/subtype}, case-insensitive); {@code binary} when none matches or
   * matching entries disagree.
   */
  public String kind(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return BINARY;
    }
    String mediaType = MediaTypes.base(contentType);
    String found = null;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (matches(e.getKey(), mediaType)) {
        if (found != null && !found.equals(e.getValue())) {
          return BINARY;
        }
        found = e.getValue();
      }
    }
    return found == null ? BINARY : found;
  }

  private static boolean matches(String key, String mediaType) {
    int star = key.indexOf('*');
    if (star < 0) {
      return key.equals(mediaType);
    }
    return Pattern.matches(Pattern.quote(key.substring(0, star)) + ".*" + Pattern.quote(key.substring(star + 1)),
        mediaType);
  }

  private static XRegistryException modelError(String detail) {
    return XRegistryException.of(ErrorType.MODEL_ERROR, "/model").errorDetail(detail).build();
  }
}
