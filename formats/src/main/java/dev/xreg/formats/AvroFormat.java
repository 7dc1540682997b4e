package dev.xreg.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import dev.xreg.core.format.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Apache Avro ({@code Avro/<release>}, schema/spec.md 4.3.3): the document is parsed with
 * Avro's own {@link Schema.Parser} (names and defaults validated), after its size and JSON
 * nesting depth are checked; its named types, fields and enum symbols count against the limit
 * on definitions. Compatibility uses {@link AvroCompatibility}: the verdicts of Avro's
 * {@code SchemaCompatibility}, the rules Confluent Schema Registry applies to Avro (backward =
 * the new schema reads data written with the old one), in polynomial time.
 */
public final class AvroFormat implements FormatValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public List<String> formats() {
    return List.of("Avro/*");
  }

  @Override
  public String violation(String format, byte[] document, ValidationLimits limits) {
    Schema schema;
    try {
      schema = parse(document, limits);
    } catch (NotASchema e) {
      return e.getMessage();
    }
    countDefinitions(schema, limits);
    return null;
  }

  @Override
  public Set<String> compatibilities() {
    return Set.copyOf(Formats.RULES);
  }

  @Override
  public List<String> readProblems(String format, byte[] reader, byte[] writer, ValidationLimits limits) {
    Schema r = parse(reader, limits);
    Schema w = parse(writer, limits);
    countDefinitions(r, limits);
    countDefinitions(w, limits);
    List<String> out = new ArrayList<>();
    JsonNode readerJson = json(reader);
    for (AvroCompatibility.Found i : AvroCompatibility.check(r, w, limits)) {
      limits.checkTime();
      String field = fieldAt(readerJson, i.location());
      out.add((field.isEmpty() ? "" : "field " + field + ": ") + i.type() + " at " + i.location() + ": "
          + i.message());
    }
    return out;
  }

  /**
   * Named types, fields and enum symbols against the limit on definitions. Iterative: named
   * types may reference each other in long chains.
   */
  private static void countDefinitions(Schema root, ValidationLimits limits) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Schema> todo = new ArrayList<>(List.of(root));
    long count = 0;
    while (!todo.isEmpty()) {
      limits.checkTime();
      Schema s = todo.remove(todo.size() - 1);
      if (!seen.add(s)) {
        continue;
      }
      switch (s.getType()) {
        case RECORD -> {
          count += 1 + s.getFields().size();
          s.getFields().forEach(f -> todo.add(f.schema()));
        }
        case ENUM -> count += 1 + s.getEnumSymbols().size();
        case FIXED -> count++;
        case ARRAY -> todo.add(s.getElementType());
        case MAP -> todo.add(s.getValueType());
        case UNION -> todo.addAll(s.getTypes());
        default -> {
          // a primitive type defines nothing
        }
      }
      limits.checkDefinitions(count);
    }
  }

  /** The dotted names of the record fields along an incompatibility's location in the reader. */
  private static String fieldAt(JsonNode schema, String location) {
    List<String> names = new ArrayList<>();
    JsonNode cur = schema;
    String[] segs = location == null ? new String[0] : location.split("/");
    for (int k = 0; k < segs.length && cur != null; k++) {
      String seg = segs[k];
      if (seg.isEmpty()) {
        continue;
      }
      cur = cur.isArray() && seg.chars().allMatch(Character::isDigit) ? cur.get(Integer.parseInt(seg)) : cur.get(seg);
      if (cur != null && k > 0 && "fields".equals(segs[k - 1]) && cur.path("name").isTextual()) {
        names.add(cur.get("name").asText());
      }
    }
    return String.join(".", names);
  }

  private static JsonNode json(byte[] document) {
    try {
      return MAPPER.readTree(document);
    } catch (java.io.IOException e) {
      return MAPPER.createObjectNode();
    }
  }

  /**
   * Parses after the size and depth checks. Any exception of the parser is a reason the
   * document is not a schema: Avro throws more than {@code AvroRuntimeException} (a fixed of
   * size 2147483647 is an {@code UnsupportedOperationException}).
   */
  private static Schema parse(byte[] document, ValidationLimits limits) {
    DocumentShape.json(document, limits);
    try {
      return new Schema.Parser().parse(new String(document, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new NotASchema("not a valid Avro schema: " + e.getMessage());
    }
  }

  /** The parser refused the document (a format violation, not a limit). */
  private static final class NotASchema extends RuntimeException {
    NotASchema(String message) {
      super(message, null, false, false);
    }
  }
}
