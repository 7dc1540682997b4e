package dev.xreg.storage.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A content descriptor of the image spec: what a manifest says about a blob or another manifest.
 * Only the fields the registry acts on are kept; {@code platform} and {@code data} are checked
 * for shape when pushed but not retained (the manifest bytes are stored exactly anyway).
 *
 * @param mediaType    the referenced content's media type
 * @param digest       {@code alg:encoded}, grammar-checked (OCI-034)
 * @param size         the exact byte count, never negative
 * @param artifactType {@code null} when absent or empty
 * @param annotations  never null, in pushed order
 * @param urls         never null; non-empty for foreign layers that may not be stored locally
 */
public record Descriptor(String mediaType, String digest, long size, String artifactType,
    Map<String, String> annotations, List<String> urls) {

  /** RFC 6838 restricted names, {@code type/subtype} without parameters, as the image spec requires. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  public Descriptor {
    if (mediaType == null || digest == null) {
      throw new IllegalArgumentException("a descriptor needs a media type and a digest");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    artifactType = artifactType == null || artifactType.isEmpty() ? null : artifactType;
    annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    urls = urls == null ? List.of() : List.copyOf(urls);
  }

  /** A descriptor with just the three required fields. */
  public static Descriptor of(String mediaType, String digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of(), List.of());
  }

  /** The descriptor as the image spec writes it; optional fields only when they have a value. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
    if (artifactType != null) {
      node.put("artifactType", artifactType);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = node.putObject("annotations");
      annotations.forEach(a::put);
    }
    if (!urls.isEmpty()) {
      ArrayNode u = node.putArray("urls");
      urls.forEach(u::add);
    }
    return node;
  }

  static boolean isMediaType(String s) {
    return s != null && s.length() <= 255 && MEDIA_TYPE.matcher(s).matches();
  }

  /** Reads and checks the descriptor at {@code where} (a JSON path for the error detail). */
  static Descriptor read(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new ManifestInvalid(where + " must be a descriptor object");
    }
    String mediaType = text(node, "mediaType", where, true);
    if (!isMediaType(mediaType)) {
      throw new ManifestInvalid(where + ".mediaType '" + ContentInvalid.shorten(mediaType) + "' is not a media type");
    }
    String digest = text(node, "digest", where, true);
    if (!DigestGrammar.isValid(digest)) {
      throw new ManifestInvalid(where + ".digest '" + ContentInvalid.shorten(digest) + "' is not a valid digest");
    }
    long size = size(node.get("size"), where);
    String artifactType = text(node, "artifactType", where, false);
    if (artifactType != null && !artifactType.isEmpty() && !isMediaType(artifactType)) {
      throw new ManifestInvalid(where + ".artifactType '" + ContentInvalid.shorten(artifactType) + "' is not a media type");
    }
    Map<String, String> annotations = annotations(node.get("annotations"), where + ".annotations");
    List<String> urls = urls(node.get("urls"), where + ".urls");
    checkData(node.get("data"), size, where);
    checkPlatform(node.get("platform"), where);
    return new Descriptor(mediaType, digest, size, artifactType, annotations, urls);
  }

  /** A string field; {@code null} when absent and not required. */
  static String text(JsonNode parent, String field, String where, boolean required) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new ManifestInvalid(where + "." + field + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new ManifestInvalid(where + "." + field + " must be a string");
    }
    return value.textValue();
  }

  /**
   * An exact non-negative integer that fits a signed 64-bit size. A string, a fraction, an
   * exponent form ({@code 1e3}) or a number beyond {@code Long.MAX_VALUE} is refused, as Go's
   * {@code int64} decoding in other registries refuses them.
   */
  private static long size(JsonNode value, String where) {
    if (value == null) {
      throw new ManifestInvalid(where + ".size is required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ManifestInvalid(where + ".size must be an integer number of bytes");
    }
    long size = value.longValue();
    if (size < 0) {
      throw new ManifestInvalid(where + ".size must not be negative");
    }
    return size;
  }

  /** A map of string to string (image-spec annotations rules); empty when absent. */
  static Map<String, String> annotations(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new ManifestInvalid(where + " must be an object of strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new ManifestInvalid(where + "." + ContentInvalid.shorten(e.getKey()) + " must be a string");
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  private static List<String> urls(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ManifestInvalid(where + " must be an array of strings");
    }
    List<String> urls = new ArrayList<>(value.size());
    for (JsonNode u : value) {
      if (!u.isTextual()) {
        throw new ManifestInvalid(where + " must be an array of strings");
      }
      urls.add(u.textValue());
    }
    return urls;
  }

  /** Embedded content must be base64 and as long as the descriptor says (image-spec descriptor {@code data}). */
  private static void checkData(JsonNode value, long size, String where) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      throw new ManifestInvalid(where + ".data must be a base64 string");
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new ManifestInvalid(where + ".data is not valid base64");
    }
    if (data.length != size) {
      throw new ManifestInvalid(where + ".data is " + data.length + " bytes but size says " + size);
    }
  }

  private static void checkPlatform(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      throw new ManifestInvalid(where + ".platform must be an object");
    }
    text(value, "architecture", where + ".platform", true);
    text(value, "os", where + ".platform", true);
  }
}
