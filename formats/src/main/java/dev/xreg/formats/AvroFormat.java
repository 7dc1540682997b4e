package dev.xreg.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Apache Avro ({@code Avro/<release>}, schema/spec.md 4.3.3): the document is parsed with
 * Avro's own {@link Schema.Parser} (names and defaults validated). Compatibility uses
 * {@link SchemaCompatibility#checkReaderWriterCompatibility}, the rules Confluent Schema
 * Registry applies to Avro: backward = the new schema reads data written with the old one.
 */
public final class AvroFormat implements FormatValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public List<String> formats() {
    return List.of("Avro/*");
  }

  @Override
  public String violation(String format, byte[] document) {
    try {
      parse(document);
      return null;
    } catch (AvroRuntimeException | IllegalArgumentException e) {
      return "not a valid Avro schema: " + e.getMessage();
    }
  }

  @Override
  public Set<String> compatibilities() {
    return Set.copyOf(Formats.RULES);
  }

  @Override
  public List<String> readProblems(String format, byte[] reader, byte[] writer) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(parse(reader), parse(writer));
    List<String> out = new ArrayList<>();
    JsonNode readerJson = json(reader);
    for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
      String field = fieldAt(readerJson, i.getLocation());
      out.add((field.isEmpty() ? "" : "field " + field + ": ") + i.getType() + " at " + i.getLocation() + ": "
          + i.getMessage());
    }
    return out;
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

  private static Schema parse(byte[] document) {
    return new Schema.Parser().parse(new String(document, StandardCharsets.UTF_8));
  }
}
