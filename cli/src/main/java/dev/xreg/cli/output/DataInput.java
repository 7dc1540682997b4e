package dev.xreg.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code -d DATA}, {@code -d @FILE}, {@code -d @-} (stdin), as curl and xr take them. Metadata
 * may be JSON or YAML (YAML is tried when the text is not JSON, or first for .yaml/.yml).
 */
public record DataInput(byte[] bytes, String fileName) {

  public static DataInput read(String spec, Terminal terminal) {
    if (spec == null) {
      return null;
    }
    try {
      if (spec.equals("@-")) {
        return new DataInput(terminal.in().readAllBytes(), null);
      }
      if (spec.startsWith("@")) {
        Path p = Path.of(spec.substring(1));
        if (!Files.isRegularFile(p)) {
          throw CliFailure.usage("cannot read " + p + ": no such file");
        }
        return new DataInput(Files.readAllBytes(p), p.getFileName().toString());
      }
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + spec + ": " + e.getMessage());
    }
    return new DataInput(spec.getBytes(StandardCharsets.UTF_8), null);
  }

  public static DataInput ofFile(Path p) {
    return read("@" + p, null);
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private boolean yamlName() {
    String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** The data as a JSON tree (from JSON or YAML), or a usage error saying where it broke. */
  public JsonNode tree() {
    String where = fileName != null ? fileName : "the data";
    if (!yamlName()) {
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException notJson) {
        // maybe YAML
      }
    }
    try {
      JsonNode n = Json.YAML.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw CliFailure.usage(where + " is empty");
      }
      return n;
    } catch (IOException e) {
      throw CliFailure.usage(where + " is neither JSON nor YAML: " + Json.reason(e));
    }
  }

  /** A content type for a document upload, from the file's extension; JSON-looking text is JSON. */
  public String guessContentType() {
    String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json") || n.endsWith(".avsc")) {
      return "application/json";
    }
    if (yamlName()) {
      return "application/yaml";
    }
    if (n.endsWith(".xml") || n.endsWith(".xsd")) {
      return "application/xml";
    }
    if (n.endsWith(".proto")) {
      return "text/plain";
    }
    String t = text().strip();
    if ((t.startsWith("{") || t.startsWith("[")) && isJson()) {
      return "application/json";
    }
    return n.isEmpty() || n.endsWith(".txt") ? "text/plain" : "application/octet-stream";
  }

  private boolean isJson() {
    try {
      Json.MAPPER.readTree(bytes);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
