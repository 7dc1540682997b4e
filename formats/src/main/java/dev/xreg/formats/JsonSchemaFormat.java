package dev.xreg.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.UriSchemaLoader;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import dev.xreg.core.format.ValidationLimits;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * JSON Schema (schema/spec.md 4.3.1: {@code JsonSchema/draft-07}, {@code JsonSchema/draft/2019-09},
 * {@code JsonSchema/draft/2020-12}; plus {@code JsonSchema/draft-04} and {@code draft-06}, which
 * the samples use). The document must be JSON and valid against the draft's meta-schema
 * (networknt json-schema-validator, meta-schemas from its jar; remote loading is switched off,
 * so {@code $ref}s of the document are not fetched). A {@code $schema} naming another draft
 * than the format is a violation. Compatibility: {@link JsonSchemaCompatibility}, every rule.
 * The size and JSON nesting depth are checked before anything parses the document (the
 * meta-schema validation recurses once per level).
 */
public final class JsonSchemaFormat implements FormatValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Format (lower case) to meta-schema IRI and validator version. */
  private static final Map<String, Draft> DRAFTS = new LinkedHashMap<>();

  static {
    DRAFTS.put("jsonschema/draft-04", new Draft("http://json-schema.org/draft-04/schema", SpecVersion.VersionFlag.V4));
    DRAFTS.put("jsonschema/draft-06", new Draft("http://json-schema.org/draft-06/schema", SpecVersion.VersionFlag.V6));
    DRAFTS.put("jsonschema/draft-07", new Draft("http://json-schema.org/draft-07/schema", SpecVersion.VersionFlag.V7));
    DRAFTS.put("jsonschema/draft/2019-09",
        new Draft("https://json-schema.org/draft/2019-09/schema", SpecVersion.VersionFlag.V201909));
    DRAFTS.put("jsonschema/draft/2020-12",
        new Draft("https://json-schema.org/draft/2020-12/schema", SpecVersion.VersionFlag.V202012));
  }

  private final Map<String, JsonSchema> metaSchemas = new ConcurrentHashMap<>();

  private record Draft(String metaSchema, SpecVersion.VersionFlag version) {
  }

  @Override
  public List<String> formats() {
    return List.of("JsonSchema/draft-04", "JsonSchema/draft-06", "JsonSchema/draft-07", "JsonSchema/draft/2019-09",
        "JsonSchema/draft/2020-12");
  }

  @Override
  public String violation(String format, byte[] document, ValidationLimits limits) {
    Draft draft = DRAFTS.get(format.toLowerCase(Locale.ROOT));
    DocumentShape.json(document, limits);
    JsonNode doc;
    try {
      doc = MAPPER.readTree(document);
    } catch (IOException e) {
      return "not JSON: " + e.getMessage().lines().findFirst().orElse("");
    }
    if (doc == null || !(doc.isObject() || doc.isBoolean() && draft.version() != SpecVersion.VersionFlag.V4)) {
      return "a JSON Schema must be a JSON object";
    }
    JsonNode declared = doc.path("$schema");
    if (declared.isTextual()) {
      String d = normalize(declared.asText());
      for (Map.Entry<String, Draft> e : DRAFTS.entrySet()) {
        if (normalize(e.getValue().metaSchema()).equals(d) && e.getValue() != draft) {
          return "the document's $schema (" + declared.asText() + ") is another draft than the format " + format;
        }
      }
    }
    JsonSchema meta = metaSchemas.computeIfAbsent(draft.metaSchema(), iri -> factory(draft.version())
        .getSchema(SchemaLocation.of(iri)));
    Set<ValidationMessage> errors = meta.validate(doc);
    if (errors.isEmpty()) {
      return null;
    }
    return "not valid against the " + draft.metaSchema() + " meta-schema: "
        + errors.stream().limit(5).map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
  }

  @Override
  public Set<String> compatibilities() {
    return Set.copyOf(Formats.RULES);
  }

  @Override
  public List<String> readProblems(String format, byte[] reader, byte[] writer, ValidationLimits limits) {
    DocumentShape.json(reader, limits);
    DocumentShape.json(writer, limits);
    SpecVersion.VersionFlag v = DRAFTS.get(format.toLowerCase(Locale.ROOT)).version();
    boolean legacy = v == SpecVersion.VersionFlag.V4 || v == SpecVersion.VersionFlag.V6 || v == SpecVersion.VersionFlag.V7;
    try {
      return JsonSchemaCompatibility.problems(MAPPER.readTree(reader), MAPPER.readTree(writer), legacy,
          v == SpecVersion.VersionFlag.V4, limits);
    } catch (IOException e) {
      throw new IllegalStateException("a format-validated document does not parse", e);
    }
  }

  private static String normalize(String iri) {
    String s = iri.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    return s.endsWith("#") ? s.substring(0, s.length() - 1) : s;
  }

  /** Meta-schemas come from the validator's jar; nothing is loaded over the network. */
  private static JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(version))
        .schemaLoaders(b -> b.values(list -> list.removeIf(l -> l instanceof UriSchemaLoader)))
        .build();
  }
}
