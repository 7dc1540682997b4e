package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.entity.Ids;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.IntegerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Type checks of spec-defined attribute values (CORE-ATTR-008, CORE-COM-011..013). */
public final class AttributeValues {
  private static final Pattern MAP_KEY = Pattern.compile("^[a-z0-9][a-z0-9_.:-]{0,62}$");
  private static final Set<String> DEPRECATED_KEYS = Set.of("effective", "removal", "alternative", "documentation");
  private static final int MAX_SCALAR_BYTES = 4096;

  private AttributeValues() {
  }

  /** Validates {@code value} (never JSON null here) for the spec attribute {@code name}. */
  public static void check(String name, JsonNode value, String subject) {
    switch (name) {
      case "name", "format" -> nonEmptyString(name, value, subject);
      case "description", "contenttype", "compatibility" -> string(name, value, subject);
      case "documentation", "icon" -> uri(name, value, subject, true);
      case "labels" -> labels(value, subject);
      case "createdat", "modifiedat" -> timestamp(name, value, subject);
      case "deprecated" -> deprecated(value, subject);
      case "ancestorid", "defaultversionid" -> id(name, value, subject);
      case "defaultversionsticky", "readonly" -> bool(name, value, subject);
      case "xref" -> xid(name, value, subject);
      case "constraints" -> object(name, value, subject);
      default -> { }
    }
  }

  /**
   * CORE-ATTR-004: the name and value of every scalar, at any depth (a label, a field of an
   * extension object, an array item under its attribute's name), fit in 4096 bytes. The spec
   * names no error; invalid_attribute on the top-level attribute says which one to fix.
   */
  public static void checkScalarSizes(String attribute, String name, JsonNode value, String subject) {
    if (value.isValueNode()) {
      int bytes = name.getBytes(StandardCharsets.UTF_8).length + value.asText().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_SCALAR_BYTES) {
        throw invalid(attribute, subject, "the serialized name and value of \"" + name + "\" have " + bytes
            + " bytes, more than 4096");
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(e -> checkScalarSizes(attribute, e.getKey(), e.getValue(), subject));
    } else if (value.isArray()) {
      value.forEach(item -> checkScalarSizes(attribute, name, item, subject));
    }
  }

  /** Validates an extension value against its model definition's {@code type}, if any. */
  public static void checkExtension(String name, JsonNode value, JsonNode definition, String subject) {
    String type = definition == null ? "any" : definition.path("type").asText("any");
    switch (type) {
      case "string" -> string(name, value, subject);
      case "boolean" -> bool(name, value, subject);
      case "integer", "uinteger" -> integer(name, value, IntegerType.of(type), subject);
      case "decimal" -> {
        if (!value.isNumber()) {
          throw invalid(name, subject, "must be a number");
        }
      }
      case "timestamp" -> timestamp(name, value, subject);
      // A relative URL with a target is not checked against it (D16): the built-in endpoint
      // model's own samples put Group xids into messagegroups, whose target names messages.
      case "uri", "url", "uriabsolute", "urlabsolute", "urirelative", "urlrelative" -> uri(name, value, subject, false);
      // RFC 6570 templates ("{tenantid}/{deviceid}") are not URIs until expanded
      case "uritemplate" -> string(name, value, subject);
      case "xid" -> {
        xid(name, value, subject);
        target(name, value.asText(), definition, subject);
      }
      case "object" -> object(name, value, subject);
      case "map" -> {
        object(name, value, subject);
      }
      case "array" -> {
        if (!value.isArray()) {
          throw invalid(name, subject, "must be an array");
        }
        for (JsonNode item : value) {
          if (item.isNull()) {
            throw invalid(name, subject, "an array must not contain null");
          }
        }
      }
      default -> { }
    }
  }

  /** An {@code integer} or {@code uinteger} value, exact and in range (issue 13; docs/spec-decisions.md N1). */
  public static long integer(String name, JsonNode value, IntegerType type, String subject) {
    String problem = type.problem(value);
    if (problem != null) {
      throw invalid(name, subject, problem);
    }
    return type.value(value);
  }

  public static XRegistryException invalid(String name, String subject, String detail) {
    return XRegistryException.of(ErrorType.INVALID_ATTRIBUTE, subject).arg("name", name).errorDetail(detail).build();
  }

  private static void string(String name, JsonNode v, String subject) {
    if (!v.isTextual()) {
      throw invalid(name, subject, "must be a string");
    }
  }

  private static void nonEmptyString(String name, JsonNode v, String subject) {
    string(name, v, subject);
    if (v.asText().isEmpty()) {
      throw invalid(name, subject, "must not be an empty string");
    }
  }

  private static void bool(String name, JsonNode v, String subject) {
    if (!v.isBoolean()) {
      throw invalid(name, subject, "must be a boolean (true or false)");
    }
  }

  private static void object(String name, JsonNode v, String subject) {
    if (!v.isObject()) {
      throw invalid(name, subject, "must be an object");
    }
  }

  private static void uri(String name, JsonNode v, String subject, boolean nonEmpty) {
    if (nonEmpty) {
      nonEmptyString(name, v, subject);
    } else {
      string(name, v, subject);
    }
    try {
      new URI(v.asText());
    } catch (URISyntaxException e) {
      throw invalid(name, subject, "must be a URI (" + e.getReason() + ")");
    }
  }

  private static void timestamp(String name, JsonNode v, String subject) {
    string(name, v, subject);
    if (Timestamps.parseOrNull(v.asText()) == null) {
      throw invalid(name, subject, "must be an RFC 3339 timestamp such as 2024-04-30T12:00:00Z");
    }
  }

  private static void id(String name, JsonNode v, String subject) {
    string(name, v, subject);
    if (!Ids.valid(v.asText())) {
      throw invalid(name, subject, "must be a valid ID (1-128 of A-Z a-z 0-9 - . _ ~ : @, not starting with - . ~ : @)");
    }
  }

  private static void xid(String name, JsonNode v, String subject) {
    string(name, v, subject);
    if (!v.asText().startsWith("/")) {
      throw invalid(name, subject, "must be an xid starting with '/'");
    }
  }

  /**
   * CORE-ATTR-010, model.md "target": an xid names an entity of the target's type, e.g.
   * {@code /dirs/files} takes {@code /dirs/<id>/files/<id>}, {@code /dirs/files[/versions]} also
   * a Version of one. The entity need not exist.
   */
  private static void target(String name, String xid, JsonNode definition, String subject) {
    String t = definition == null ? "" : definition.path("target").asText("");
    if (t.isEmpty()) {
      return;
    }
    boolean versionsOptional = t.endsWith("[/versions]");
    String base = versionsOptional ? t.substring(0, t.length() - "[/versions]".length()) : t;
    List<String> types = List.of(base.substring(1).split("/"));
    List<String> withVersions = new java.util.ArrayList<>(types);
    withVersions.add("versions");
    String[] parts = xid.substring(1).split("/", -1);
    if (!instanceOf(parts, types) && !(versionsOptional && instanceOf(parts, withVersions))) {
      throw invalid(name, subject, "must be the xid of a " + t + " entity (/<type>/<id> per level), not \"" + xid
          + "\"");
    }
  }

  private static boolean instanceOf(String[] parts, List<String> types) {
    if (parts.length != 2 * types.size()) {
      return false;
    }
    for (int i = 0; i < types.size(); i++) {
      if (!parts[2 * i].equals(types.get(i)) || !Ids.valid(parts[2 * i + 1])) {
        return false;
      }
    }
    return true;
  }

  private static void labels(JsonNode v, String subject) {
    object("labels", v, subject);
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!MAP_KEY.matcher(e.getKey()).matches()) {
        throw invalid("labels", subject, "label key \"" + e.getKey() + "\" must match ^[a-z0-9][a-z0-9_.:-]{0,62}$");
      }
      if (!e.getValue().isTextual()) {
        throw invalid("labels", subject, "the value of label \"" + e.getKey() + "\" must be a string");
      }
    }
  }

  private static void deprecated(JsonNode v, String subject) {
    object("deprecated", v, subject);
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!DEPRECATED_KEYS.contains(k)) {
        throw invalid("deprecated", subject, "unknown key \"" + k + "\"; allowed: effective, removal, alternative, documentation");
      }
    }
    for (String t : new String[] {"effective", "removal"}) {
      if (v.has(t)) {
        timestamp("deprecated." + t, v.get(t), subject);
      }
    }
    for (String u : new String[] {"alternative", "documentation"}) {
      if (v.has(u)) {
        uri("deprecated." + u, v.get(u), subject, true);
      }
    }
    if (v.has("effective") && v.has("removal")
        && Timestamps.parseOrNull(v.get("removal").asText()).isBefore(Timestamps.parseOrNull(v.get("effective").asText()))) {
      throw invalid("deprecated", subject, "\"removal\" must not be before \"effective\"");
    }
  }
}
