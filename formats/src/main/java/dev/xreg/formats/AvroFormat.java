package dev.xreg.formats;

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
    for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
      out.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
    }
    return out;
  }

  private static Schema parse(byte[] document) {
    return new Schema.Parser().parse(new String(document, StandardCharsets.UTF_8));
  }
}
